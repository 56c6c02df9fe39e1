/**
 * The transport under SMB: the NetBIOS session service on TCP 139 (RFC 1002 §4.3) and direct TCP
 * on 445 (MS-SMB2 §2.1, MS-CIFS §2.1.1.2), which keeps the same 4-byte framing.
 */
import { DecodeError } from '../../util/cursor.ts';
import type { FramerSpec } from '../dcerpc/stream-framer.ts';

/* RFC 1002 §4.3.1, session packet header:
 *   TYPE (8 bits) | FLAGS (8 bits, bit 7 = E: length extension) | LENGTH (16 bits)
 * TYPE: 0x00 SESSION MESSAGE, 0x81 SESSION REQUEST, 0x82 POSITIVE SESSION RESPONSE,
 *       0x83 NEGATIVE SESSION RESPONSE, 0x84 RETARGET SESSION RESPONSE, 0x85 SESSION KEEP ALIVE.
 * MS-SMB2 §2.1 (direct TCP): Zero (1 byte) | StreamProtocolLength (3 bytes, big-endian).
 * A SESSION MESSAGE is read with the 24-bit length, which covers both.                           */
export const NBSS = {
  message: 0x00,
  request: 0x81,
  positive: 0x82,
  negative: 0x83,
  retarget: 0x84,
  keepAlive: 0x85,
} as const;
const CONTROL_TYPES: ReadonlySet<number> = new Set([NBSS.request, NBSS.positive, NBSS.negative, NBSS.retarget, NBSS.keepAlive]);
export const NBSS_HEADER = 4;

/** SMB protocol ids at the start of a session message: SMB1 0xFF, SMB2 0xFE, transform 0xFD, compression 0xFC. */
export function smbMagic(buf: Buffer, at: number): number | null {
  const m = buf[at];
  if (m === undefined || m < 0xfc || buf[at + 1] !== 0x53 || buf[at + 2] !== 0x4d || buf[at + 3] !== 0x42) return null;
  return m;
}

/** Messages above 1 MiB are large file WRITE/READ payloads; their headers are enough. */
const MAX_SMB_MESSAGE = 1024 * 1024;

export const NBSS_FRAMING: FramerSpec = {
  headerSize: NBSS_HEADER,
  syncSize: NBSS_HEADER + 4,
  messageLength(buf, at) {
    const type = buf[at]!;
    if (type === NBSS.message) return NBSS_HEADER + ((buf[at + 1]! << 16) | buf.readUInt16BE(at + 2));
    if (CONTROL_TYPES.has(type)) return NBSS_HEADER + (((buf[at + 1]! & 1) << 16) | buf.readUInt16BE(at + 2));
    throw new DecodeError(at, `NetBIOS session packet type 0x${type.toString(16)}`);
  },
  looksLikeStart: (buf, at) => buf[at] === NBSS.message && smbMagic(buf, at + NBSS_HEADER) !== null,
  maxMessage: MAX_SMB_MESSAGE + NBSS_HEADER,
  truncatedPrefix: 4096,
};

/* RFC 1002 §4.3.2 SESSION REQUEST: CALLED NAME, CALLING NAME, each a NetBIOS name in the
 * first-level encoding of RFC 1001 §14.1 (length 0x20, 32 characters 'A'+nibble, then the scope
 * as labels ending in 0). The 16th decoded byte is the name's suffix (service type).            */
export function decodeNetbiosName(buf: Buffer, at: number): { name: string; suffix: number; next: number } {
  if (buf[at] !== 0x20 || at + 33 > buf.length) throw new DecodeError(at, 'NetBIOS name is not 32 encoded characters');
  const bytes: number[] = [];
  for (let i = 0; i < 16; i++) {
    const hi = buf[at + 1 + 2 * i]! - 0x41;
    const lo = buf[at + 2 + 2 * i]! - 0x41;
    if (hi < 0 || hi > 15 || lo < 0 || lo > 15) throw new DecodeError(at + 1 + 2 * i, 'bad NetBIOS name encoding');
    bytes.push((hi << 4) | lo);
  }
  let next = at + 33;
  // Skip the scope labels (bounded by the buffer, each label at most 63 bytes).
  while (next < buf.length && buf[next] !== 0) next += 1 + buf[next]!;
  if (next >= buf.length) throw new DecodeError(next, 'NetBIOS name scope not terminated');
  const name = Buffer.from(bytes.slice(0, 15)).toString('latin1').replace(/ +$/, '');
  return { name, suffix: bytes[15]!, next: next + 1 };
}

export function decodeSessionRequest(body: Buffer): { called: string; calling: string } {
  const called = decodeNetbiosName(body, 0);
  const calling = decodeNetbiosName(body, called.next);
  return { called: called.name, calling: calling.name };
}
