/**
 * SMB2 request and response bodies the RPC transport needs. Offsets inside bodies (security
 * buffers, names, data) count from the start of the SMB2 header, so every decoder takes the whole
 * message (header at 0) and reads its body at SMB2_HEADER_LENGTH.
 */
import { Cursor, DecodeError } from '../../util/cursor.ts';
import { SMB2_HEADER_LENGTH } from './smb2-header.ts';

function body(msg: Buffer, structureSize: number, what: string): Cursor {
  const c = new Cursor(msg, SMB2_HEADER_LENGTH);
  const size = c.u16(true);
  // The low bit of StructureSize marks a variable part; compare the fixed part only.
  if ((size & ~1) !== (structureSize & ~1)) throw new DecodeError(SMB2_HEADER_LENGTH, `${what} StructureSize ${size}`);
  return c;
}

/** A view of [offset, offset + length) of the message, checked. */
function region(msg: Buffer, offset: number, length: number, what: string): Buffer {
  if (length === 0) return msg.subarray(0, 0);
  if (offset < SMB2_HEADER_LENGTH || offset + length > msg.length) throw new DecodeError(offset, `${what} ${offset}+${length} outside message of ${msg.length}`);
  return msg.subarray(offset, offset + length);
}

const utf16 = (b: Buffer): string => b.toString('utf16le', 0, b.length & ~1);

/** FileId (MS-SMB2 §2.2.14.1): Persistent (8) + Volatile (8); all-ones means "the file of the previous CREATE" in a compound. */
export const RELATED_FILE_ID = 'ffffffffffffffffffffffffffffffff';
const fileId = (c: Cursor): string => c.bytes(16).toString('hex');

/* §2.2.4 NEGOTIATE Response: StructureSize (2) = 65; SecurityMode (2); DialectRevision (2); ... */
export function decodeNegotiateResponse(msg: Buffer): { dialect: number } {
  const c = body(msg, 65, 'NEGOTIATE response');
  c.skip(2);
  return { dialect: c.u16(true) };
}

/* §2.2.5 SESSION_SETUP Request: StructureSize (2) = 25; Flags (1); SecurityMode (1);
 *   Capabilities (4); Channel (4); SecurityBufferOffset (2); SecurityBufferLength (2);
 *   PreviousSessionId (8); Buffer (variable).                                                */
export function decodeSessionSetupRequest(msg: Buffer): { securityBuffer: Buffer } {
  const c = body(msg, 25, 'SESSION_SETUP request');
  c.skip(10);
  const offset = c.u16(true);
  const length = c.u16(true);
  return { securityBuffer: region(msg, offset, length, 'security buffer') };
}

/* §2.2.9 TREE_CONNECT Request: StructureSize (2) = 9; Flags/Reserved (2); PathOffset (2);
 *   PathLength (2); Buffer: the share path, UTF-16, e.g. \\server\IPC$.                      */
export function decodeTreeConnectRequest(msg: Buffer): { path: string } {
  const c = body(msg, 9, 'TREE_CONNECT request');
  c.skip(2);
  const offset = c.u16(true);
  const length = c.u16(true);
  return { path: utf16(region(msg, offset, length, 'path')) };
}

/* §2.2.10 TREE_CONNECT Response: StructureSize (2) = 16; ShareType (1): 0x01 DISK, 0x02 PIPE,
 *   0x03 PRINT; Reserved (1); ShareFlags (4); Capabilities (4); MaximalAccess (4).            */
export const SHARE_TYPE_PIPE = 0x02;
export function decodeTreeConnectResponse(msg: Buffer): { shareType: number } {
  const c = body(msg, 16, 'TREE_CONNECT response');
  return { shareType: c.u8() };
}

/* §2.2.13 CREATE Request: StructureSize (2) = 57; SecurityFlags (1); RequestedOplockLevel (1);
 *   ImpersonationLevel (4); SmbCreateFlags (8); Reserved (8); DesiredAccess (4);
 *   FileAttributes (4); ShareAccess (4); CreateDisposition (4); CreateOptions (4);
 *   NameOffset (2); NameLength (2); CreateContextsOffset (4); CreateContextsLength (4); Buffer. */
export function decodeCreateRequest(msg: Buffer): { name: string } {
  const c = body(msg, 57, 'CREATE request');
  c.skip(42);
  const offset = c.u16(true);
  const length = c.u16(true);
  return { name: utf16(region(msg, offset, length, 'name')) };
}

/* §2.2.14 CREATE Response: StructureSize (2) = 89; OplockLevel (1); Flags (1); CreateAction (4);
 *   CreationTime, LastAccessTime, LastWriteTime, ChangeTime, AllocationSize, EndofFile (8 each);
 *   FileAttributes (4); Reserved2 (4); FileId (16); ...                                       */
export function decodeCreateResponse(msg: Buffer): { fileId: string } {
  const c = body(msg, 89, 'CREATE response');
  c.skip(62);
  return { fileId: fileId(c) };
}

/* §2.2.15 CLOSE Request: StructureSize (2) = 24; Flags (2); Reserved (4); FileId (16). */
export function decodeCloseRequest(msg: Buffer): { fileId: string } {
  const c = body(msg, 24, 'CLOSE request');
  c.skip(6);
  return { fileId: fileId(c) };
}

/* §2.2.19 READ Request: StructureSize (2) = 49; Padding (1); Flags (1); Length (4); Offset (8);
 *   FileId (16); MinimumCount (4); Channel (4); RemainingBytes (4); ...                       */
export function decodeReadRequest(msg: Buffer): { fileId: string } {
  const c = body(msg, 49, 'READ request');
  c.skip(14);
  return { fileId: fileId(c) };
}

/* §2.2.20 READ Response: StructureSize (2) = 17; DataOffset (1); Reserved (1); DataLength (4);
 *   DataRemaining (4); Reserved2 (4); Buffer.                                                 */
export function decodeReadResponse(msg: Buffer): { data: Buffer } {
  const c = body(msg, 17, 'READ response');
  const offset = c.u8();
  c.skip(1);
  const length = c.u32(true);
  return { data: region(msg, offset, length, 'read data') };
}

/* §2.2.21 WRITE Request: StructureSize (2) = 49; DataOffset (2); Length (4); Offset (8);
 *   FileId (16); Channel (4); RemainingBytes (4); WriteChannelInfoOffset (2);
 *   WriteChannelInfoLength (2); Flags (4); Buffer.                                            */
export function decodeWriteRequest(msg: Buffer): { fileId: string; data: Buffer } {
  const c = body(msg, 49, 'WRITE request');
  const offset = c.u16(true);
  const length = c.u32(true);
  c.skip(8);
  const id = fileId(c);
  return { fileId: id, data: region(msg, offset, length, 'write data') };
}

/* §2.2.31 IOCTL Request: StructureSize (2) = 57; Reserved (2); CtlCode (4); FileId (16);
 *   InputOffset (4); InputCount (4); MaxInputResponse (4); OutputOffset (4); OutputCount (4);
 *   MaxOutputResponse (4); Flags (4); Reserved2 (4); Buffer.
 * §2.2.32 IOCTL Response: StructureSize (2) = 49; Reserved (2); CtlCode (4); FileId (16);
 *   InputOffset (4); InputCount (4); OutputOffset (4); OutputCount (4); Flags (4); Reserved2 (4).
 * FSCTL_PIPE_TRANSCEIVE (0x0011C017, MS-FSCC §2.3.49): input = bytes written to the pipe,
 * output = bytes read back.                                                                    */
export const FSCTL_PIPE_TRANSCEIVE = 0x0011c017;

export function decodeIoctlRequest(msg: Buffer): { ctlCode: number; fileId: string; input: Buffer } {
  const c = body(msg, 57, 'IOCTL request');
  c.skip(2);
  const ctlCode = c.u32(true);
  const id = fileId(c);
  const offset = c.u32(true);
  const count = c.u32(true);
  return { ctlCode, fileId: id, input: region(msg, offset, count, 'ioctl input') };
}

export function decodeIoctlResponse(msg: Buffer): { ctlCode: number; fileId: string; output: Buffer } {
  const c = body(msg, 49, 'IOCTL response');
  c.skip(2);
  const ctlCode = c.u32(true);
  const id = fileId(c);
  c.skip(8);
  const offset = c.u32(true);
  const count = c.u32(true);
  return { ctlCode, fileId: id, output: region(msg, offset, count, 'ioctl output') };
}
