/**
 * SMB1 (CIFS) message structure: the header, the parameter and data blocks of each command, the
 * AndX chain that links several commands in one message, and SMB_STRING fields.
 */
import { Cursor, DecodeError } from '../../util/cursor.ts';

/* MS-CIFS §2.2.3.1 SMB Header (32 bytes):
 *   Protocol (4) 0xFF 'S' 'M' 'B'; Command (1); Status (4); Flags (1); Flags2 (2); PIDHigh (2);
 *   SecurityFeatures (8); Reserved (2); TID (2); PIDLow (2); UID (2); MID (2).
 * Flags: SMB_FLAGS_REPLY 0x80. Flags2: SMB_FLAGS2_UNICODE 0x8000, SMB_FLAGS2_NT_STATUS 0x4000.
 * Status: a 32-bit NTSTATUS when SMB_FLAGS2_NT_STATUS is set, else ErrorClass (1), Reserved (1),
 * ErrorCode (2).                                                                               */
export const SMB1_HEADER_LENGTH = 32;
const SMB_FLAGS_REPLY = 0x80;
const SMB_FLAGS2_NT_STATUS = 0x4000;
const SMB_FLAGS2_UNICODE = 0x8000;

export interface Smb1Header {
  command: number;
  status: number;
  ntStatus: boolean;
  isResponse: boolean;
  unicode: boolean;
  tid: number;
  pid: number;
  uid: number;
  mid: number;
}

export function decodeSmb1Header(msg: Buffer): Smb1Header {
  const c = new Cursor(msg);
  if (c.u32() !== 0xff534d42) throw new DecodeError(0, 'not an SMB1 header');
  const command = c.u8();
  const status = c.u32(true);
  const flags = c.u8();
  const flags2 = c.u16(true);
  const pidHigh = c.u16(true);
  c.skip(10);
  const tid = c.u16(true);
  const pidLow = c.u16(true);
  const uid = c.u16(true);
  const mid = c.u16(true);
  return {
    command, status, ntStatus: (flags2 & SMB_FLAGS2_NT_STATUS) !== 0, isResponse: (flags & SMB_FLAGS_REPLY) !== 0,
    unicode: (flags2 & SMB_FLAGS2_UNICODE) !== 0, tid, pid: pidHigh * 0x10000 + pidLow, uid, mid,
  };
}

/** Success, or "more data" (NT STATUS_BUFFER_OVERFLOW / DOS ERRDOS ERRmoredata): the body is the command's own. */
export function smb1HasBody(h: Smb1Header): boolean {
  if (h.status === 0) return true;
  if (h.ntStatus) return h.status === 0x80000005;
  return (h.status & 0xff) === 0x01 && h.status >>> 16 === 234;
}

/* MS-CIFS §2.2.3.2 / §2.2.3.3: SMB_Parameters = WordCount (1), Words (2 x WordCount);
 * SMB_Data = ByteCount (2), Bytes (ByteCount). */
export interface Smb1Block {
  command: number;
  /** The Words, as a cursor over exactly 2 x WordCount bytes. */
  words: Cursor;
  wordCount: number;
  /** Offset of Bytes from the start of the SMB header (string alignment is relative to it). */
  bytesAt: number;
  byteCount: number;
}

/* MS-CIFS §2.2.3.4 AndX: the Words of an AndX command start with AndXCommand (1),
 * AndXReserved (1), AndXOffset (2): the next command's WordCount, as an offset from the header.
 * 0xFF = no further command. */
export const ANDX_COMMANDS: ReadonlySet<number> = new Set([0x24, 0x2d, 0x2e, 0x2f, 0x73, 0x74, 0x75, 0xa2]);
const MAX_ANDX = 16;

export function smb1Blocks(msg: Buffer, first: number): Smb1Block[] {
  const blocks: Smb1Block[] = [];
  let command = first;
  let at = SMB1_HEADER_LENGTH;
  for (;;) {
    const c = new Cursor(msg, at);
    const wordCount = c.u8();
    const words = c.sub(2 * wordCount);
    const byteCount = c.u16(true);
    c.need(byteCount);
    blocks.push({ command, words, wordCount, bytesAt: c.pos, byteCount });
    if (!ANDX_COMMANDS.has(command) || wordCount < 2) return blocks;
    const next = msg[at + 1]!;
    const nextAt = msg.readUInt16LE(at + 3);
    if (next === 0xff) return blocks;
    // The chain must move forward, or a hostile message would loop.
    if (nextAt <= at || blocks.length >= MAX_ANDX) throw new DecodeError(at + 3, `AndXOffset ${nextAt}`);
    command = next;
    at = nextAt;
  }
}

/* MS-CIFS §2.2.1.1 SMB_STRING: OEM, or UTF-16LE when SMB_FLAGS2_UNICODE is set, null-terminated;
 * a Unicode string starts on a 2-byte boundary from the start of the SMB header (a pad byte may
 * precede it). Returns the string and the offset after its terminator. */
export function readSmbString(msg: Buffer, at: number, end: number, unicode: boolean): { value: string; next: number } {
  if (unicode) {
    if (at % 2 === 1) at += 1;
    let i = at;
    while (i + 1 < end && (msg[i] !== 0 || msg[i + 1] !== 0)) i += 2;
    return { value: msg.toString('utf16le', at, Math.min(i, end)), next: Math.min(i + 2, end) };
  }
  let i = at;
  while (i < end && msg[i] !== 0) i++;
  return { value: msg.toString('latin1', at, i), next: Math.min(i + 1, end) };
}

/* MS-CIFS §2.2.2.1 command codes used here. */
export const SMB1_COMMAND = {
  close: 0x04,
  transaction: 0x25,
  readAndX: 0x2e,
  writeAndX: 0x2f,
  negotiate: 0x72,
  sessionSetupAndX: 0x73,
  treeConnectAndX: 0x75,
  ntCreateAndX: 0xa2,
} as const;
