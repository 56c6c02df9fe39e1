/**
 * How DCE/RPC PDUs are cut out of a byte stream: frag_length at offset 8 of the common header
 * (C706 §12.6.1), in the byte order of packed_drep[0]. frag_length is a u_int16, so a PDU never
 * exceeds 64 KiB and nothing is ever truncated.
 */
import { DecodeError } from '../../util/cursor.ts';
import type { FramerSpec } from './stream-framer.ts';
import { PTYPE, RPC_HEADER_LENGTH } from './pdu.ts';

const PTYPES: ReadonlySet<number> = new Set(Object.values(PTYPE));

function fragLength(buf: Buffer, at: number): number {
  const le = buf[at + 4]! >> 4 === 1;
  return le ? buf.readUInt16LE(at + 8) : buf.readUInt16BE(at + 8);
}

export const RPC_FRAMING: FramerSpec = {
  headerSize: 10,
  syncSize: RPC_HEADER_LENGTH,
  messageLength(buf, at) {
    if (buf[at] !== 5 || buf[at + 1]! > 1) throw new DecodeError(at, `not a DCE/RPC PDU (version ${buf[at]}.${buf[at + 1]})`);
    const n = fragLength(buf, at);
    if (n < RPC_HEADER_LENGTH) throw new DecodeError(at + 8, `frag_length ${n} < 16`);
    return n;
  },
  looksLikeStart(buf, at) {
    const drep = buf[at + 4]!;
    return buf[at] === 5 && buf[at + 1]! <= 1 && PTYPES.has(buf[at + 2]!) && (drep === 0x10 || drep === 0x00) && fragLength(buf, at) >= RPC_HEADER_LENGTH;
  },
  maxMessage: 0xffff,
  truncatedPrefix: 0xffff,
};
