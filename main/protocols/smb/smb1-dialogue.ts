/**
 * The SMB1 conversation of one connection: session setup (who), tree connects (IPC$), pipes opened
 * with NT_CREATE_ANDX, and the bytes moved on them by TRANSACTION TransactNmPipe, WRITE_ANDX and
 * READ_ANDX. Requests are matched to responses by (PID, MID, command) (MS-CIFS §3.2.5.1).
 */
import { DecodeError, type Cursor } from '../../util/cursor.ts';
import type { DissectorContext, PacketMeta } from '../../engine/dissector.ts';
import { SMB1_COMMAND, decodeSmb1Header, readSmbString, smb1Blocks, smb1HasBody, type Smb1Block, type Smb1Header } from './smb1-header.ts';
import { PipeTable, RPC_PIPE_NAMES, pipeName } from './pipes.ts';
import { notePlainSessionUser, noteSessionToken } from './session-auth.ts';

interface Pending {
  fid: number | null;
  name: string;
  /** NT_CREATE_ANDX: whether its tree is IPC$ (undefined when the tree connect was not seen). */
  onIpc?: boolean;
}

const MAX_PENDING = 1024;
/* MS-CIFS §2.2.5.6 TRANS_TRANSACT_NMPIPE, the subcommand in Setup[0] of SMB_COM_TRANSACTION. */
const TRANS_TRANSACT_NMPIPE = 0x0026;
/* MS-CIFS §2.2.4.43.1 WriteMode: RAW_MODE 0x0004 with MSG_START 0x0008 puts a 2-byte message length first. */
const WRITE_RAW_MESSAGE_START = 0x000c;

const fileKey = (fid: number): string => `smb1:${fid}`;

export class Smb1Dialogue {
  private readonly pending = new Map<string, Pending>();
  private readonly ipcTrees = new Map<number, boolean>();

  constructor(
    private readonly client: string,
    private readonly server: string,
    private readonly ctx: DissectorContext,
    private readonly pipes: PipeTable,
  ) {}

  onMessage(fromClient: boolean, msg: Buffer, meta: PacketMeta): void {
    try {
      const h = decodeSmb1Header(msg);
      if (h.isResponse === fromClient) throw new DecodeError(13, 'reply flag against direction');
      for (const b of smb1Blocks(msg, h.command)) {
        if (fromClient) this.onRequest(h, b, msg, meta);
        else this.onResponse(h, b, msg, meta);
      }
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      this.ctx.decodeError('smb1', e.reason, meta.frame);
    }
  }

  private key(h: Smb1Header, command: number): string {
    return `${h.pid}:${h.mid}:${command}`;
  }

  private remember(h: Smb1Header, command: number, p: Pending): void {
    if (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
    this.pending.set(this.key(h, command), p);
  }

  private onRequest(h: Smb1Header, b: Smb1Block, msg: Buffer, meta: PacketMeta): void {
    const w = b.words;
    const bytesEnd = b.bytesAt + b.byteCount;
    switch (b.command) {
      case SMB1_COMMAND.sessionSetupAndX:
        return this.onSessionSetup(h, b, msg, meta);
      case SMB1_COMMAND.treeConnectAndX: {
        /* §2.2.4.55.1 words: AndX (4), Flags (2), PasswordLength (2); bytes: Password, Path, Service. */
        w.skip(6);
        const passwordLength = w.u16(true);
        const path = readSmbString(msg, b.bytesAt + passwordLength, bytesEnd, h.unicode).value;
        return this.remember(h, b.command, { fid: null, name: path });
      }
      case SMB1_COMMAND.ntCreateAndX: {
        /* §2.2.4.64.1 words: AndX (4), Reserved (1), NameLength (2), Flags (4), RootDirectoryFID (4),
         * DesiredAccess (4), AllocationSize (8), ExtFileAttributes (4), ShareAccess (4),
         * CreateDisposition (4), CreateOptions (4), ImpersonationLevel (4), SecurityFlags (1);
         * bytes: FileName (SMB_STRING). */
        const name = readSmbString(msg, b.bytesAt, bytesEnd, h.unicode).value;
        // Remember whether the tree is IPC$ now: the response carries only the FID.
        return this.remember(h, b.command, { fid: null, name, onIpc: this.ipcTrees.get(h.tid) });
      }
      case SMB1_COMMAND.transaction: {
        const t = transactionRequest(w, b.wordCount, msg);
        if (t.subcommand !== TRANS_TRANSACT_NMPIPE) return;
        this.pipes.data(fileKey(t.fid), true, t.data, meta);
        return this.remember(h, b.command, { fid: t.fid, name: '' });
      }
      case SMB1_COMMAND.writeAndX: {
        /* §2.2.4.43.1 words: AndX (4), FID (2), Offset (4), Timeout (4), WriteMode (2), Remaining (2),
         * Reserved/DataLengthHigh (2), DataLength (2), DataOffset (2), [OffsetHigh (4)]. */
        w.skip(4);
        const fid = w.u16(true);
        w.skip(8);
        const writeMode = w.u16(true);
        w.skip(4);
        const length = w.u16(true);
        const offset = w.u16(true);
        let data = region(msg, offset, length);
        if ((writeMode & WRITE_RAW_MESSAGE_START) === WRITE_RAW_MESSAGE_START) data = data.subarray(2);
        this.pipes.data(fileKey(fid), true, data, meta);
        return;
      }
      case SMB1_COMMAND.readAndX: {
        /* §2.2.4.42.1 words: AndX (4), FID (2), ... */
        w.skip(4);
        return this.remember(h, b.command, { fid: w.u16(true), name: '' });
      }
      case SMB1_COMMAND.close:
        /* §2.2.4.5.1 words: FID (2), LastTimeModified (4). */
        return this.remember(h, b.command, { fid: w.u16(true), name: '' });
      default:
        return;
    }
  }

  private onSessionSetup(h: Smb1Header, b: Smb1Block, msg: Buffer, meta: PacketMeta): void {
    const w = b.words;
    const end = b.bytesAt + b.byteCount;
    w.skip(14); // AndX (4), MaxBufferSize (2), MaxMpxCount (2), VcNumber (2), SessionKey (4)
    if (b.wordCount === 12) {
      /* MS-SMB §2.2.4.6.1 (extended security): SecurityBlobLength (2), Reserved (4), Capabilities (4); bytes: SecurityBlob. */
      const blobLength = w.u16(true);
      noteSessionToken(this.ctx, this.client, this.server, region(msg, b.bytesAt, blobLength), meta);
      return;
    }
    /* MS-CIFS §2.2.4.53.1 (NT LM 0.12, wc 13): OEMPasswordLen (2), UnicodePasswordLen (2), Reserved (4),
     * Capabilities (4); bytes: OEMPassword, UnicodePassword, Pad, AccountName, PrimaryDomain, ...
     * (LAN Manager, wc 10: PasswordLength (2), Reserved (4); bytes: Password, AccountName, PrimaryDomain.) */
    let passwords: number;
    if (b.wordCount === 13) passwords = w.u16(true) + w.u16(true);
    else if (b.wordCount === 10) passwords = w.u16(true);
    else throw new DecodeError(b.bytesAt, `SESSION_SETUP_ANDX WordCount ${b.wordCount}`);
    const account = readSmbString(msg, b.bytesAt + passwords, end, h.unicode);
    const domain = readSmbString(msg, account.next, end, h.unicode);
    notePlainSessionUser(this.ctx, this.client, this.server, account.value, domain.value);
  }

  private onResponse(h: Smb1Header, b: Smb1Block, msg: Buffer, meta: PacketMeta): void {
    const key = this.key(h, b.command);
    const p = this.pending.get(key);
    if (!p) return;
    this.pending.delete(key);
    if (!smb1HasBody(h) || b.wordCount === 0) return;
    const w = b.words;
    switch (b.command) {
      case SMB1_COMMAND.treeConnectAndX: {
        /* §2.2.4.55.2 bytes: Service (OEM string: "IPC" for a named pipe share), NativeFileSystem. */
        const service = readSmbString(msg, b.bytesAt, b.bytesAt + b.byteCount, false).value;
        this.ipcTrees.set(h.tid, service === 'IPC' || /\\IPC\$$/i.test(p.name));
        return;
      }
      case SMB1_COMMAND.ntCreateAndX: {
        /* §2.2.4.64.2 words: AndX (4), OplockLevel (1), FID (2), ... */
        w.skip(5);
        const fid = w.u16(true);
        const name = pipeName(p.name);
        if (p.onIpc ?? RPC_PIPE_NAMES.has(name)) this.pipes.open(fileKey(fid), name);
        else this.pipes.openFile(fileKey(fid));
        return;
      }
      case SMB1_COMMAND.transaction: {
        const t = transactionResponse(w, msg);
        if (p.fid !== null) this.pipes.data(fileKey(p.fid), false, t.data, meta);
        // More data follows in secondary responses with the same MID (§3.3.5.10.1).
        if (t.displacement + t.data.length < t.total) this.pending.set(key, p);
        return;
      }
      case SMB1_COMMAND.readAndX: {
        /* §2.2.4.42.2 words: AndX (4), Available (2), DataCompactionMode (2), Reserved1 (2),
         * DataLength (2), DataOffset (2), ... */
        w.skip(10);
        const length = w.u16(true);
        const offset = w.u16(true);
        if (p.fid !== null) this.pipes.data(fileKey(p.fid), false, region(msg, offset, length), meta);
        return;
      }
      case SMB1_COMMAND.close:
        if (p.fid !== null) this.pipes.close(fileKey(p.fid));
        return;
      default:
        return;
    }
  }
}

function region(msg: Buffer, offset: number, length: number): Buffer {
  if (length === 0) return msg.subarray(0, 0);
  if (offset + length > msg.length) throw new DecodeError(offset, `data ${offset}+${length} outside message of ${msg.length}`);
  return msg.subarray(offset, offset + length);
}

/* MS-CIFS §2.2.4.33.1 SMB_COM_TRANSACTION request words: TotalParameterCount (2), TotalDataCount (2),
 * MaxParameterCount (2), MaxDataCount (2), MaxSetupCount (1), Reserved1 (1), Flags (2), Timeout (4),
 * Reserved2 (2), ParameterCount (2), ParameterOffset (2), DataCount (2), DataOffset (2),
 * SetupCount (1), Reserved3 (1), Setup (SetupCount words). TransactNmPipe: Setup = [0x0026, FID]. */
function transactionRequest(w: Cursor, wordCount: number, msg: Buffer): { subcommand: number; fid: number; data: Buffer } {
  w.skip(22);
  const dataCount = w.u16(true);
  const dataOffset = w.u16(true);
  const setupCount = w.u8();
  w.skip(1);
  if (setupCount < 2 || wordCount < 14 + setupCount) return { subcommand: -1, fid: 0, data: msg.subarray(0, 0) };
  const subcommand = w.u16(true);
  const fid = w.u16(true);
  return { subcommand, fid, data: region(msg, dataOffset, dataCount) };
}

/* MS-CIFS §2.2.4.33.2 response words: TotalParameterCount (2), TotalDataCount (2), Reserved1 (2),
 * ParameterCount (2), ParameterOffset (2), ParameterDisplacement (2), DataCount (2), DataOffset (2),
 * DataDisplacement (2), SetupCount (1), Reserved2 (1), Setup. */
function transactionResponse(w: Cursor, msg: Buffer): { total: number; displacement: number; data: Buffer } {
  w.skip(2);
  const total = w.u16(true);
  w.skip(8);
  const dataCount = w.u16(true);
  const dataOffset = w.u16(true);
  const displacement = w.u16(true);
  return { total, displacement, data: region(msg, dataOffset, dataCount) };
}
