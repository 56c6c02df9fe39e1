/**
 * Packet decode: link -> IPv4 (+ fragments) / IPv6 (+ extension headers, fragments) -> TCP / UDP,
 * into one reused DecodedPacket. Only TCP and UDP come out; everything else is counted.
 *
 * RFC 791 §3.1 IPv4: Version (4) | IHL (4) | Type of Service (8) | Total Length (16) |
 *   Identification (16) | Flags (3: -, DF, MF) | Fragment Offset (13) | TTL (8) | Protocol (8) |
 *   Header Checksum (16) | Source Address (32) | Destination Address (32) | Options
 * RFC 8200 §3 IPv6: Version (4) | Traffic Class (8) | Flow Label (20) | Payload Length (16) |
 *   Next Header (8) | Hop Limit (8) | Source Address (128) | Destination Address (128);
 *   §4 extension headers: Hop-by-Hop 0, Routing 43, Destination Options 60 (length in 8-byte units
 *   after the first 8), Fragment 44 (8 bytes: Next Header | Reserved | Fragment Offset (13) | Res |
 *   M | Identification (32)); RFC 4302 AH 51 (length in 4-byte units after the first 8).
 */
import type { CapturePacket } from '../capture/types.ts';
import type { SkipCounter } from '../capture/types.ts';
import { decodeLink, type LinkResult } from './link.ts';
import { FragmentTable } from './fragments.ts';
import { decodeTransport } from './transport.ts';
import { DecodedPacket } from './packet.ts';

const MAX_EXT_HEADERS = 16;

export interface DecodeCounters {
  ipv4: number;
  ipv6: number;
  /** Frames that carry no IP (ARP, LLC, ...). */
  nonIp: number;
  /** IP packets that are neither TCP nor UDP (ICMP, ESP...). */
  otherTransport: number;
  fragments: number;
  reassembled: number;
}

export class PacketDecoder {
  readonly out = new DecodedPacket();
  readonly counters: DecodeCounters = { ipv4: 0, ipv6: 0, nonIp: 0, otherTransport: 0, fragments: 0, reassembled: 0 };
  readonly fragments = new FragmentTable();
  private readonly link: LinkResult = { ip: 0, offset: 0 };

  constructor(private readonly skips: SkipCounter) {}

  /** Decode one packet; returns the reused DecodedPacket for TCP/UDP, else null (counted). */
  decode(pkt: CapturePacket): DecodedPacket | null {
    const d = pkt.buf;
    const end = pkt.offset + pkt.length;
    const l = decodeLink(pkt.linkType, d, pkt.offset, end, this.link);
    if (l.ip === 4) return this.ipv4(d, l.offset, end, pkt);
    if (l.ip === 6) return this.ipv6(d, l.offset, end, pkt);
    if (l.ip === 0) this.counters.nonIp++;
    else if (l.ip === -1) this.skips.add(`unknown-link-type-${pkt.linkType}`, pkt.frame);
    else this.skips.add('truncated-link-header', pkt.frame);
    return null;
  }

  private ipv4(d: Buffer, off: number, end: number, pkt: CapturePacket): DecodedPacket | null {
    this.counters.ipv4++;
    if (end < off + 20 || d[off]! >> 4 !== 4) return this.bad('truncated-ip-header', pkt);
    const ihl = (d[off]! & 0x0f) * 4;
    const total = (d[off + 2]! << 8) | d[off + 3]!;
    if (ihl < 20 || end < off + ihl) return this.bad('malformed-ip-header', pkt);
    // Total Length 0 appears in captures of TCP segmentation offload: the frame length is the truth.
    const ipEnd = total === 0 ? end : Math.min(off + Math.max(total, ihl), end);
    const wireLen = total === 0 ? end - off - ihl : Math.max(total - ihl, 0);
    const fragWord = (d[off + 6]! << 8) | d[off + 7]!;
    const proto = d[off + 9]!;
    const more = (fragWord & 0x2000) !== 0;
    const fragOff = (fragWord & 0x1fff) * 8;
    const out = this.out;
    if (more || fragOff > 0) {
      this.counters.fragments++;
      const key = `4-${d.readUInt32BE(off + 12)}-${d.readUInt32BE(off + 16)}-${d.readUInt16BE(off + 4)}-${proto}`;
      const dropped = this.fragments.dropped;
      const r = this.fragments.add(key, d.subarray(off + 12, off + 20), proto, fragOff, more, d.subarray(off + ihl, ipEnd), pkt.ts);
      if (this.fragments.dropped > dropped) this.skips.add('fragments-dropped', pkt.frame, this.fragments.dropped - dropped);
      if (!r) return null;
      this.counters.reassembled++;
      out.ipVersion = 4;
      out.addrBuf = r.addrs;
      out.srcOff = 0;
      out.dstOff = 4;
      out.reassembled = true;
      return this.transport(proto, r.payload, 0, r.payload.length, r.payload.length, pkt);
    }
    out.ipVersion = 4;
    out.addrBuf = d;
    out.srcOff = off + 12;
    out.dstOff = off + 16;
    out.reassembled = false;
    return this.transport(proto, d, off + ihl, ipEnd, wireLen, pkt);
  }

  private ipv6(d: Buffer, off: number, frameEnd: number, pkt: CapturePacket): DecodedPacket | null {
    this.counters.ipv6++;
    if (frameEnd < off + 40 || d[off]! >> 4 !== 6) return this.bad('truncated-ip-header', pkt);
    const plen = d.readUInt16BE(off + 4);
    const end = plen === 0 ? frameEnd : Math.min(off + 40 + plen, frameEnd);
    let wireEnd = plen === 0 ? frameEnd : off + 40 + plen;
    let nh = d[off + 6]!;
    let p = off + 40;
    let frag: { off: number; more: boolean; id: number } | null = null;
    for (let n = 0; n < MAX_EXT_HEADERS; n++) {
      if (nh === 0 || nh === 43 || nh === 60 || nh === 51) {
        if (p + 8 > end) return this.bad('truncated-ip-header', pkt);
        const len = nh === 51 ? (d[p + 1]! + 2) * 4 : (d[p + 1]! + 1) * 8;
        nh = d[p]!;
        p += len;
        continue;
      }
      if (nh === 44) {
        if (p + 8 > end) return this.bad('truncated-ip-header', pkt);
        const w = d.readUInt16BE(p + 2);
        frag = { off: w & 0xfff8, more: (w & 1) !== 0, id: d.readUInt32BE(p + 4) };
        nh = d[p]!;
        p += 8;
        continue;
      }
      break;
    }
    if (p > end) return this.bad('truncated-ip-header', pkt);
    const out = this.out;
    if (frag && (frag.more || frag.off > 0)) {
      this.counters.fragments++;
      const key = `6-${d.toString('hex', off + 8, off + 40)}-${frag.id}`;
      const dropped = this.fragments.dropped;
      const r = this.fragments.add(key, d.subarray(off + 8, off + 40), nh, frag.off, frag.more, d.subarray(p, end), pkt.ts);
      if (this.fragments.dropped > dropped) this.skips.add('fragments-dropped', pkt.frame, this.fragments.dropped - dropped);
      if (!r) return null;
      this.counters.reassembled++;
      out.ipVersion = 6;
      out.addrBuf = r.addrs;
      out.srcOff = 0;
      out.dstOff = 16;
      out.reassembled = true;
      return this.transport(r.proto, r.payload, 0, r.payload.length, r.payload.length, pkt);
    }
    if (wireEnd < p) wireEnd = p;
    out.ipVersion = 6;
    out.addrBuf = d;
    out.srcOff = off + 8;
    out.dstOff = off + 24;
    out.reassembled = false;
    return this.transport(nh, d, p, end, wireEnd - p, pkt);
  }

  private transport(proto: number, b: Buffer, s: number, e: number, wireLen: number, pkt: CapturePacket): DecodedPacket | null {
    if (proto !== 6 && proto !== 17) {
      this.counters.otherTransport++;
      return null;
    }
    if (!decodeTransport(proto, b, s, e, wireLen, this.out)) return this.bad(proto === 6 ? 'truncated-tcp-header' : 'truncated-udp-header', pkt);
    return this.out;
  }

  private bad(reason: string, pkt: CapturePacket): null {
    this.skips.add(reason, pkt.frame);
    return null;
  }
}
