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
 * Fill the transport fields of `out` from `l4` (the IP payload as captured). `wireLen` is the IP
 * payload length the IP header claims (≥ l4.length when the snaplen cut the packet).
 * Returns false when the header itself is truncated or invalid.
 */
export function decodeTransport(proto: number, l4: Buffer, wireLen: number, out: DecodedPacket): boolean {
  out.proto = proto;
  if (proto === 6) {
    if (l4.length < 20) return false;
    const hl = (l4[12]! >> 4) * 4;
    if (hl < 20 || hl > l4.length) return false;
    out.srcPort = l4.readUInt16BE(0);
    out.dstPort = l4.readUInt16BE(2);
    out.seq = l4.readUInt32BE(4);
    out.ack = l4.readUInt32BE(8);
    out.flags = l4[13]!;
    out.payload = l4.subarray(hl);
    out.wireLen = Math.max(wireLen - hl, out.payload.length);
    return true;
  }
  if (proto === 17) {
    if (l4.length < 8) return false;
    out.srcPort = l4.readUInt16BE(0);
    out.dstPort = l4.readUInt16BE(2);
    const ulen = l4.readUInt16BE(4);
    // Length 0 appears with jumbograms and on some offloaded captures: use what was captured.
    const end = ulen >= 8 ? Math.min(ulen, l4.length) : l4.length;
    out.payload = l4.subarray(8, end);
    out.wireLen = ulen >= 8 ? ulen - 8 : out.payload.length;
    out.seq = 0;
    out.ack = 0;
    out.flags = 0;
    return true;
  }
  return false;
}
