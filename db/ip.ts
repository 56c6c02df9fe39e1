/**
 * IPv4 / IPv6 addresses and CIDR subnets for exclusions and declared roles. Addresses are compared
 * as numbers so that differently written forms of one IPv6 address (::1, 0:0::1) match.
 */
export interface ParsedIp {
  family: 4 | 6;
  value: bigint;
}
export interface Cidr {
  family: 4 | 6;
  network: bigint;
  bits: number;
}

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function parseV4(s: string): bigint | null {
  const m = V4.exec(s);
  if (!m) return null;
  let v = 0n;
  for (const part of m.slice(1)) {
    const n = Number(part);
    if (n > 255 || (part.length > 1 && part.startsWith('0'))) return null;
    v = (v << 8n) | BigInt(n);
  }
  return v;
}

function parseV6(input: string): bigint | null {
  let s = input.toLowerCase();
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  // An embedded IPv4 tail (::ffff:10.0.0.1) becomes two hex groups.
  const lastColon = s.lastIndexOf(':');
  if (s.includes('.') && lastColon >= 0) {
    const v4 = parseV4(s.slice(lastColon + 1));
    if (v4 === null) return null;
    s = `${s.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const group = (h: string): bigint[] | null => {
    if (h === '') return [];
    const out: bigint[] = [];
    for (const g of h.split(':')) {
      if (!/^[0-9a-f]{1,4}$/.test(g)) return null;
      out.push(BigInt(parseInt(g, 16)));
    }
    return out;
  };
  const head = group(halves[0] ?? '');
  const rest = halves.length === 2 ? group(halves[1] ?? '') : [];
  if (!head || !rest) return null;
  const explicit = head.length + rest.length;
  let groups: bigint[];
  if (halves.length === 2) {
    if (explicit > 7) return null;
    groups = [...head, ...Array<bigint>(8 - explicit).fill(0n), ...rest];
  } else {
    if (explicit !== 8) return null;
    groups = head;
  }
  return groups.reduce((acc, g) => (acc << 16n) | g, 0n);
}

export function parseIp(s: string): ParsedIp | null {
  const t = s.trim();
  const v4 = parseV4(t);
  if (v4 !== null) return { family: 4, value: v4 };
  if (!t.includes(':')) return null;
  const v6 = parseV6(t);
  return v6 === null ? null : { family: 6, value: v6 };
}

export function parseCidr(s: string): Cidr | null {
  const slash = s.indexOf('/');
  const ip = parseIp(slash >= 0 ? s.slice(0, slash) : s);
  if (!ip) return null;
  const max = ip.family === 4 ? 32 : 128;
  const bitsText = slash >= 0 ? s.slice(slash + 1).trim() : String(max);
  if (!/^\d{1,3}$/.test(bitsText)) return null;
  const bits = Number(bitsText);
  if (bits > max) return null;
  return { family: ip.family, network: ip.value & mask(ip.family, bits), bits };
}

function mask(family: 4 | 6, bits: number): bigint {
  const width = family === 4 ? 32n : 128n;
  const all = (1n << width) - 1n;
  return bits === 0 ? 0n : (all >> (width - BigInt(bits))) << (width - BigInt(bits));
}

export function cidrContains(c: Cidr, ip: ParsedIp): boolean {
  return c.family === ip.family && (ip.value & mask(c.family, c.bits)) === c.network;
}

export function sameIp(a: string, b: string): boolean {
  if (a === b) return true;
  const pa = parseIp(a);
  const pb = parseIp(b);
  return pa !== null && pb !== null && pa.family === pb.family && pa.value === pb.value;
}

/** Canonical text of a CIDR as stored (network address, not the host address typed). */
export function formatCidr(c: Cidr): string {
  if (c.family === 4) {
    const v = c.network;
    return `${[24n, 16n, 8n, 0n].map((s) => String((v >> s) & 255n)).join('.')}/${c.bits}`;
  }
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((c.network >> BigInt(i * 16)) & 0xffffn));
  // RFC 5952 §4.2: the longest run of two or more zero groups (the first on a tie) becomes ::
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  const text = best < 0 ? hex.join(':') : `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
  return `${text}/${c.bits}`;
}
