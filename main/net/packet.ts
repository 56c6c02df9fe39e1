/** The decoded form of one packet, reused from packet to packet (no allocation on the hot path). */
export interface DecodedPacket {
  ipVersion: 4 | 6;
  /** Buffer holding the source and destination address bytes (the frame, or a reassembly copy). */
  addrBuf: Buffer;
  srcOff: number;
  dstOff: number;
  /** 6 TCP, 17 UDP. */
  proto: number;
  srcPort: number;
  dstPort: number;
  /** TCP only (0 for UDP). */
  seq: number;
  ack: number;
  flags: number;
  /** Transport payload as captured (a view). */
  payload: Buffer;
  /** Payload length the sender sent; above payload.length when the snaplen cut the packet. */
  wireLen: number;
  /** true when the packet was reassembled from IP fragments. */
  reassembled: boolean;
}

export function emptyDecodedPacket(): DecodedPacket {
  const empty = Buffer.alloc(0);
  return { ipVersion: 4, addrBuf: empty, srcOff: 0, dstOff: 0, proto: 0, srcPort: 0, dstPort: 0, seq: 0, ack: 0, flags: 0, payload: empty, wireLen: 0, reassembled: false };
}
