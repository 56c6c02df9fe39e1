/**
 * C706 Appendix A (Universal Unique Identifier), as DCE/RPC carries it on the wire:
 *   typedef struct { unsigned32 time_low; unsigned16 time_mid; unsigned16 time_hi_and_version;
 *                    unsigned8 clock_seq_hi_and_reserved; unsigned8 clock_seq_low; byte node[6]; } uuid_t;
 * The first three fields follow the PDU's data representation (drep); the last eight bytes are
 * plain octets. Returned lower-case and dashed, as tshark prints them.
 */
import type { Cursor } from '../../util/cursor.ts';

function hex(n: number, digits: number): string {
  return n.toString(16).padStart(digits, '0');
}

export function readUuid(c: Cursor, le: boolean): string {
  const timeLow = c.u32(le);
  const timeMid = c.u16(le);
  const timeHi = c.u16(le);
  const rest = c.bytes(8);
  const clock = rest.subarray(0, 2).toString('hex');
  const node = rest.subarray(2).toString('hex');
  return `${hex(timeLow, 8)}-${hex(timeMid, 4)}-${hex(timeHi, 4)}-${clock}-${node}`;
}

/** Inverse of readUuid for little-endian drep (used by tests and tower building). */
export function uuidToBytesLe(uuid: string): Buffer {
  const h = uuid.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(h)) throw new Error(`not a uuid: ${uuid}`);
  const b = Buffer.from(h, 'hex');
  const out = Buffer.alloc(16);
  out.writeUInt32LE(b.readUInt32BE(0), 0);
  out.writeUInt16LE(b.readUInt16BE(4), 4);
  out.writeUInt16LE(b.readUInt16BE(6), 6);
  b.copy(out, 8, 8);
  return out;
}
