/**
 * Inputs of the stream, datagram and packet-sequence targets are lists of messages. They travel
 * (worker <-> harness, regression files) as one Buffer: per message a flag byte, a 4-byte
 * big-endian length and the bytes. Decoding is lenient (a cut message ends the list), so mutating
 * the framing itself is also a valid case.
 */
export interface Message {
  /** Bit 0: from the client. Other bits are target-specific (e.g. TCP flags). */
  flags: number;
  data: Buffer;
}

export function encodeSeq(msgs: readonly Message[]): Buffer {
  const parts: Buffer[] = [];
  for (const m of msgs) {
    const h = Buffer.alloc(5);
    h[0] = m.flags & 0xff;
    h.writeUInt32BE(m.data.length, 1);
    parts.push(h, m.data);
  }
  return Buffer.concat(parts);
}

export function decodeSeq(b: Buffer, maxMessages = 100_000): Message[] {
  const out: Message[] = [];
  let p = 0;
  while (p + 5 <= b.length && out.length < maxMessages) {
    const flags = b[p]!;
    const len = b.readUInt32BE(p + 1);
    const data = b.subarray(p + 5, Math.min(b.length, p + 5 + len));
    out.push({ flags, data });
    p += 5 + len;
  }
  return out;
}
