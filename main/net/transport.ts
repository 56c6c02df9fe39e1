/**
 * TCP and UDP headers.
 *
 * RFC 9293 §3.1 TCP header: Source Port (16) | Destination Port (16) | Sequence Number (32) |
 *   Acknowledgment Number (32) | Data Offset (4) | Rsrvd (4) | CWR ECE URG ACK PSH RST SYN FIN |
 *   Window (16) | Checksum (16) | Urgent Pointer (16) | Options | Data. Data Offset counts 32-bit words.
 * RFC 768 UDP header: Source Port (16) | Destination Port (16) | Length (16) | Checksum (16).
 *
 * Checksums are never verified: captures taken on a host with checksum offload carry wrong ones.
 */
import type { DecodedPacket } from './packet.ts';

export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_RST = 0x04;
export const TCP_ACK = 0x10;

/**
 * Fill the transport fields of `out` from the IP payload b[s .. e) as captured. `wireLen` is the IP
 * payload length the IP header claims (≥ e - s when the snaplen cut the packet).
 * Returns false when the header itself is truncated or invalid.
 */
// Header fields are read byte by byte (bounds are checked above): cheaper than Buffer's readUInt*
// methods, which validate their offset on every call, on a path that runs for every packet.
export function decodeTransport(proto: number, b: Buffer, s: number, e: number, wireLen: number, out: DecodedPacket): boolean {
  out.proto = proto;
  const len = e - s;
  if (proto === 6) {
    if (len < 20) return false;
    const hl = (b[s + 12]! >> 4) * 4;
    if (hl < 20 || hl > len) return false;
    out.srcPort = (b[s]! << 8) | b[s + 1]!;
    out.dstPort = (b[s + 2]! << 8) | b[s + 3]!;
    out.seq = ((b[s + 4]! << 24) | (b[s + 5]! << 16) | (b[s + 6]! << 8) | b[s + 7]!) >>> 0;
    out.ack = ((b[s + 8]! << 24) | (b[s + 9]! << 16) | (b[s + 10]! << 8) | b[s + 11]!) >>> 0;
    out.flags = b[s + 13]!;
    out.payloadBuf = b;
    out.payloadStart = s + hl;
    out.payloadEnd = e;
    out.wireLen = Math.max(wireLen - hl, len - hl);
    return true;
  }
  if (proto === 17) {
    if (len < 8) return false;
    out.srcPort = (b[s]! << 8) | b[s + 1]!;
    out.dstPort = (b[s + 2]! << 8) | b[s + 3]!;
    const ulen = (b[s + 4]! << 8) | b[s + 5]!;
    // Length 0 appears with jumbograms and on some offloaded captures: use what was captured.
    out.payloadBuf = b;
    out.payloadStart = s + 8;
    out.payloadEnd = ulen >= 8 ? Math.min(s + ulen, e) : e;
    out.wireLen = ulen >= 8 ? ulen - 8 : out.payloadEnd - out.payloadStart;
    out.seq = 0;
    out.ack = 0;
    out.flags = 0;
    return true;
  }
  return false;
}
