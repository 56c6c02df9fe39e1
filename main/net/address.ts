/**
 * IP addresses as text, created only for packets on ports of interest. IPv6 follows RFC 5952 §4
 * (lower case, leading zeros dropped, the longest run of two or more zero groups as "::"), as
 * tshark prints them, so that hosts match across tools.
 */
export function ipv4String(buf: Buffer, off: number): string {
  return `${buf[off]}.${buf[off + 1]}.${buf[off + 2]}.${buf[off + 3]}`;
}

export function ipv6String(buf: Buffer, off: number): string {
  const g: number[] = [];
  for (let i = 0; i < 8; i++) g.push(buf.readUInt16BE(off + i * 2));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  // IPv4-mapped addresses (::ffff:a.b.c.d) keep the dotted quad, as tshark prints them.
  if (bestStart === 0 && bestLen === 5 && g[5] === 0xffff) return `::ffff:${ipv4String(buf, off + 12)}`;
  const hex = (from: number, to: number) => g.slice(from, to).map((x) => x.toString(16)).join(':');
  if (bestStart < 0) return hex(0, 8);
  return `${hex(0, bestStart)}::${hex(bestStart + bestLen, 8)}`;
}

export function ipString(version: 4 | 6, buf: Buffer, off: number): string {
  return version === 4 ? ipv4String(buf, off) : ipv6String(buf, off);
}
