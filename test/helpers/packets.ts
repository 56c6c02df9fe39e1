import { PacketRecord } from '../../main/capture/types.ts';

/**
 * Builders for crafted test frames: Ethernet / IPv4 / IPv6 / TCP / UDP with a payload. Checksums are
 * left zero (the engine never validates them, as Wireshark does not by default).
 */
export interface TcpSpec {
  src: string;
  dst: string;
  sport: number;
  dport: number;
  seq?: number;
  ack?: number;
  /** Any of 'S', 'A', 'F', 'R', 'P'; default 'A' when payload, else 'A'. */
  flags?: string;
  payload?: Buffer | string;
}
export interface UdpSpec {
  src: string;
  dst: string;
  sport: number;
  dport: number;
  payload?: Buffer | string;
}

const FLAG_BITS: Record<string, number> = { F: 0x01, S: 0x02, R: 0x04, P: 0x08, A: 0x10 };

function ipv4Bytes(ip: string): Buffer {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((n) => !(n >= 0 && n <= 255))) throw new Error(`bad IPv4 ${ip}`);
  return Buffer.from(parts);
}

function ipv6Bytes(ip: string): Buffer {
  const [head = '', tail = ''] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = ip.includes('::') && tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t] : h;
  if (groups.length !== 8) throw new Error(`bad IPv6 ${ip}`);
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
}

const asBuf = (p: Buffer | string | undefined): Buffer => (p === undefined ? Buffer.alloc(0) : typeof p === 'string' ? Buffer.from(p) : p);

export function tcpSegment(s: TcpSpec): Buffer {
  const payload = asBuf(s.payload);
  const h = Buffer.alloc(20);
  h.writeUInt16BE(s.sport, 0);
  h.writeUInt16BE(s.dport, 2);
  h.writeUInt32BE((s.seq ?? 1) >>> 0, 4);
  h.writeUInt32BE((s.ack ?? 0) >>> 0, 8);
  h[12] = 5 << 4;
  let flags = 0;
  for (const c of s.flags ?? 'A') flags |= FLAG_BITS[c] ?? 0;
  h[13] = flags;
  h.writeUInt16BE(65535, 14);
  return Buffer.concat([h, payload]);
}

export function udpDatagram(s: UdpSpec): Buffer {
  const payload = asBuf(s.payload);
  const h = Buffer.alloc(8);
  h.writeUInt16BE(s.sport, 0);
  h.writeUInt16BE(s.dport, 2);
  h.writeUInt16BE(8 + payload.length, 4);
  return Buffer.concat([h, payload]);
}

export interface Ipv4Opts {
  id?: number;
  /** Fragment offset in bytes (multiple of 8) and more-fragments flag. */
  fragOffset?: number;
  moreFragments?: boolean;
  ttl?: number;
}

export function ipv4(src: string, dst: string, proto: number, body: Buffer, o: Ipv4Opts = {}): Buffer {
  const h = Buffer.alloc(20);
  h[0] = 0x45;
  h.writeUInt16BE(20 + body.length, 2);
  h.writeUInt16BE(o.id ?? 1, 4);
  h.writeUInt16BE(((o.moreFragments ? 1 : 0) << 13) | ((o.fragOffset ?? 0) >> 3), 6);
  h[8] = o.ttl ?? 64;
  h[9] = proto;
  ipv4Bytes(src).copy(h, 12);
  ipv4Bytes(dst).copy(h, 16);
  return Buffer.concat([h, body]);
}

export function ipv6(src: string, dst: string, nextHeader: number, body: Buffer): Buffer {
  const h = Buffer.alloc(40);
  h.writeUInt32BE(0x60000000, 0);
  h.writeUInt16BE(body.length, 4);
  h[6] = nextHeader;
  h[7] = 64;
  ipv6Bytes(src).copy(h, 8);
  ipv6Bytes(dst).copy(h, 24);
  return Buffer.concat([h, body]);
}

/** Ethernet II frame; `vlans` adds 802.1Q tags (outermost first; TPID 0x88a8 for QinQ outer tags). */
export function ethernet(ipPacket: Buffer, etherType = 0x0800, vlans: { tpid?: number; id: number }[] = []): Buffer {
  const parts: Buffer[] = [Buffer.from([0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6])];
  for (const v of vlans) {
    const t = Buffer.alloc(4);
    t.writeUInt16BE(v.tpid ?? 0x8100, 0);
    t.writeUInt16BE(v.id & 0x0fff, 2);
    parts.push(t);
  }
  const et = Buffer.alloc(2);
  et.writeUInt16BE(etherType, 0);
  parts.push(et, ipPacket);
  return Buffer.concat(parts);
}

const isV6 = (ip: string): boolean => ip.includes(':');

/** Ethernet + IPv4/IPv6 + TCP in one call. */
export function ethTcp(s: TcpSpec): Buffer {
  const seg = tcpSegment(s);
  return isV6(s.src) ? ethernet(ipv6(s.src, s.dst, 6, seg), 0x86dd) : ethernet(ipv4(s.src, s.dst, 6, seg));
}

/** Ethernet + IPv4/IPv6 + UDP in one call. */
export function ethUdp(s: UdpSpec): Buffer {
  const d = udpDatagram(s);
  return isV6(s.src) ? ethernet(ipv6(s.src, s.dst, 17, d), 0x86dd) : ethernet(ipv4(s.src, s.dst, 17, d));
}


/**
 * A CapturePacket for `data`, placed at an odd offset inside a larger buffer with junk around it,
 * as the readers deliver packets (so a decoder that ignores the offset fails its tests).
 */
export function packetOf(data: Buffer, linkType = 1, frame = 1, ts = 1): PacketRecord {
  const p = new PacketRecord();
  p.buf = Buffer.concat([Buffer.alloc(7, 0xee), data, Buffer.alloc(5, 0xee)]);
  p.offset = 7;
  p.length = data.length;
  p.origLen = data.length;
  p.linkType = linkType;
  p.frame = frame;
  p.ts = ts;
  return p;
}
