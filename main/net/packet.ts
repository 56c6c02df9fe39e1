/**
 * The decoded form of one packet, reused from packet to packet: no allocation on the hot path.
 * The payload stays a range of a buffer until someone asks for it as a Buffer (`payload`), which
 * only the flow layer does, for packets on ports of interest.
 */
const EMPTY = Buffer.alloc(0);

export class DecodedPacket {
  ipVersion: 4 | 6 = 4;
  /** Buffer holding the source and destination address bytes (the frame, or a reassembly copy). */
  addrBuf: Buffer = EMPTY;
  srcOff = 0;
  dstOff = 0;
  /** 6 TCP, 17 UDP. */
  proto = 0;
  srcPort = 0;
  dstPort = 0;
  /** TCP only (0 for UDP). */
  seq = 0;
  ack = 0;
  flags = 0;
  /** Transport payload as captured: payloadBuf[payloadStart .. payloadEnd). */
  payloadBuf: Buffer = EMPTY;
  payloadStart = 0;
  payloadEnd = 0;
  /** Payload length the sender sent; above the captured length when the snaplen cut the packet. */
  wireLen = 0;
  /** true when the packet was reassembled from IP fragments. */
  reassembled = false;

  get payloadLength(): number {
    return this.payloadEnd - this.payloadStart;
  }

  /** The payload as a view (one allocation). */
  get payload(): Buffer {
    return this.payloadBuf.subarray(this.payloadStart, this.payloadEnd);
  }
}
