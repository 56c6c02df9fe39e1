/**
 * SMB2/3 headers: the packet header every command carries, and the two transforms that hide one.
 */
import { Cursor, DecodeError } from '../../util/cursor.ts';

/* MS-SMB2 §2.2.1.1 (ASYNC) and §2.2.1.2 (SYNC) SMB2 Packet Header, 64 bytes:
 *   ProtocolId (4) 0xFE 'S' 'M' 'B'; StructureSize (2) = 64; CreditCharge (2);
 *   Status (4) (ChannelSequence/Reserved in requests); Command (2); CreditRequest/Response (2);
 *   Flags (4); NextCommand (4); MessageId (8);
 *   ASYNC: AsyncId (8)   |   SYNC: Reserved (4), TreeId (4);
 *   SessionId (8); Signature (16).                                                            */
export const SMB2_HEADER_LENGTH = 64;
export const SMB2_FLAGS_SERVER_TO_REDIR = 0x00000001;
export const SMB2_FLAGS_ASYNC_COMMAND = 0x00000002;
export const SMB2_FLAGS_RELATED_OPERATIONS = 0x00000004;

export interface Smb2Header {
  status: number;
  command: number;
  flags: number;
  nextCommand: number;
  messageId: number;
  /** TreeId of a sync header; null in an async one. */
  treeId: number | null;
  sessionId: string;
  isResponse: boolean;
}

export function decodeSmb2Header(msg: Buffer): Smb2Header {
  const c = new Cursor(msg);
  if (c.u32() !== 0xfe534d42) throw new DecodeError(0, 'not an SMB2 header');
  const size = c.u16(true);
  if (size !== SMB2_HEADER_LENGTH) throw new DecodeError(4, `SMB2 header StructureSize ${size}`);
  c.skip(2);
  const status = c.u32(true);
  const command = c.u16(true);
  c.skip(2);
  const flags = c.u32(true);
  const nextCommand = c.u32(true);
  const messageId = c.u64(true);
  let treeId: number | null = null;
  if (flags & SMB2_FLAGS_ASYNC_COMMAND) c.skip(8);
  else {
    c.skip(4);
    treeId = c.u32(true);
  }
  const sessionId = c.bytes(8).toString('hex');
  c.skip(16);
  return { status, command, flags, nextCommand, messageId, treeId, sessionId, isResponse: (flags & SMB2_FLAGS_SERVER_TO_REDIR) !== 0 };
}

/* MS-SMB2 §2.2.3 .. §2.2.36, Command values. */
export const SMB2_COMMAND = {
  negotiate: 0x0000,
  sessionSetup: 0x0001,
  logoff: 0x0002,
  treeConnect: 0x0003,
  treeDisconnect: 0x0004,
  create: 0x0005,
  close: 0x0006,
  read: 0x0008,
  write: 0x0009,
  ioctl: 0x000b,
} as const;

/* MS-ERREF §2.3.1 NTSTATUS values the SMB layer acts on. */
export const STATUS_SUCCESS = 0x00000000;
export const STATUS_PENDING = 0x00000103;
export const STATUS_BUFFER_OVERFLOW = 0x80000005;
export const STATUS_MORE_PROCESSING_REQUIRED = 0xc0000016;

/** A response whose body has the command's own layout (not the ERROR response of §2.2.2). */
export function hasCommandBody(status: number): boolean {
  return status === STATUS_SUCCESS || status === STATUS_BUFFER_OVERFLOW || status === STATUS_MORE_PROCESSING_REQUIRED;
}

/* MS-SMB2 §2.2.41 SMB2 TRANSFORM_HEADER (52 bytes): ProtocolId (4) 0xFD 'S' 'M' 'B'; Signature (16);
 * Nonce (16); OriginalMessageSize (4); Reserved (2); Flags/EncryptionAlgorithm (2); SessionId (8).
 * MS-SMB2 §2.2.42 SMB2 COMPRESSION_TRANSFORM_HEADER: ProtocolId (4) 0xFC 'S' 'M' 'B';
 * OriginalCompressedSegmentSize (4); CompressionAlgorithm (2); Flags (2); Offset/Length (4).
 * Neither can be read without keys or decompression here: they are counted as blind spots.       */
export const TRANSFORM_MAGIC = 0xfd;
export const COMPRESSION_MAGIC = 0xfc;
export const SMB2_MAGIC = 0xfe;
export const SMB1_MAGIC = 0xff;
