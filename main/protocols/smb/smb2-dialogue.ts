/**
 * The SMB2/3 conversation of one connection: requests matched to responses by MessageId (interim
 * STATUS_PENDING answers of async operations keep the request open, MS-SMB2 §3.3.4.2), compound
 * chains walked by NextCommand (§3.2.4.1.4), trees and file ids tracked so that pipe traffic
 * reaches the DCE/RPC layer.
 */
import { DecodeError } from '../../util/cursor.ts';
import type { DissectorContext, PacketMeta } from '../../engine/dissector.ts';
import {
  SMB2_COMMAND, SMB2_FLAGS_ASYNC_COMMAND, SMB2_FLAGS_RELATED_OPERATIONS, SMB2_HEADER_LENGTH, STATUS_PENDING, STATUS_SUCCESS,
  decodeSmb2Header, hasCommandBody, type Smb2Header,
} from './smb2-header.ts';
import {
  FSCTL_PIPE_TRANSCEIVE, RELATED_FILE_ID, SHARE_TYPE_PIPE, decodeCloseRequest, decodeCreateRequest, decodeCreateResponse,
  decodeIoctlRequest, decodeIoctlResponse, decodeNegotiateResponse, decodeReadRequest, decodeReadResponse,
  decodeSessionSetupRequest, decodeTreeConnectRequest, decodeTreeConnectResponse, decodeWriteRequest,
} from './smb2-bodies.ts';
import { PipeTable, RPC_PIPE_NAMES, pipeName } from './pipes.ts';
import { noteSessionToken } from './session-auth.ts';

interface Pending {
  command: number;
  treeId: number | null;
  /** The file a READ / IOCTL / CLOSE is about, or the CREATE of the same compound it follows. */
  file: string | null;
  relatedCreate: number | null;
  name: string;
  /** Related WRITEs waiting for their CREATE's file id. */
  queued: { data: Buffer; meta: PacketMeta }[];
}

/** Bounds on state a hostile peer could grow. */
const MAX_PENDING = 1024;
const MAX_TREES = 256;
const MAX_CHAIN = 64;

export class Smb2Dialogue {
  dialect: number | null = null;
  private readonly pending = new Map<number, Pending>();
  private readonly trees = new Map<number, { share: string; pipe: boolean }>();
  private readonly fileOfCreate = new Map<number, string>();

  constructor(
    private readonly client: string,
    private readonly server: string,
    private readonly ctx: DissectorContext,
    private readonly pipes: PipeTable,
  ) {}

  /** One SMB2 message from a session message: possibly a compound chain. */
  onMessage(fromClient: boolean, msg: Buffer, meta: PacketMeta): void {
    let off = 0;
    let lastCreate: number | null = null;
    for (let n = 0; n < MAX_CHAIN; n++) {
      let h: Smb2Header;
      try {
        h = decodeSmb2Header(msg.subarray(off));
      } catch (e) {
        if (!(e instanceof DecodeError)) throw e;
        this.ctx.decodeError('smb2', e.reason, meta.frame);
        return;
      }
      const next = h.nextCommand;
      if (next !== 0 && (next < SMB2_HEADER_LENGTH || next % 8 !== 0 || off + next > msg.length)) {
        this.ctx.decodeError('smb2', `NextCommand ${next} at ${off}`, meta.frame);
        return;
      }
      const part = msg.subarray(off, next === 0 ? msg.length : off + next);
      try {
        if (fromClient && !h.isResponse) lastCreate = this.onRequest(h, part, meta, lastCreate);
        else if (!fromClient && h.isResponse) this.onResponse(h, part, meta);
        else this.ctx.decodeError('smb2', 'response flag against direction', meta.frame);
      } catch (e) {
        if (!(e instanceof DecodeError)) throw e;
        this.ctx.decodeError('smb2', e.reason, meta.frame);
      }
      if (next === 0) return;
      off += next;
    }
    this.ctx.decodeError('smb2', `compound chain longer than ${MAX_CHAIN}`, meta.frame);
  }

  /** Returns the MessageId of the last CREATE in the chain so far (for related operations). */
  private onRequest(h: Smb2Header, msg: Buffer, meta: PacketMeta, lastCreate: number | null): number | null {
    const p: Pending = { command: h.command, treeId: h.treeId, file: null, relatedCreate: null, name: '', queued: [] };
    const resolve = (fileId: string): void => {
      if (fileId === RELATED_FILE_ID && h.flags & SMB2_FLAGS_RELATED_OPERATIONS && lastCreate !== null) {
        p.file = this.fileOfCreate.get(lastCreate) ?? null;
        if (p.file === null) p.relatedCreate = lastCreate;
      } else p.file = fileId;
    };
    switch (h.command) {
      case SMB2_COMMAND.sessionSetup:
        noteSessionToken(this.ctx, this.client, this.server, decodeSessionSetupRequest(msg).securityBuffer, meta);
        break;
      case SMB2_COMMAND.treeConnect:
        p.name = decodeTreeConnectRequest(msg).path;
        break;
      case SMB2_COMMAND.create:
        p.name = decodeCreateRequest(msg).name;
        lastCreate = h.messageId;
        break;
      case SMB2_COMMAND.close:
        resolve(decodeCloseRequest(msg).fileId);
        break;
      case SMB2_COMMAND.read:
        resolve(decodeReadRequest(msg).fileId);
        break;
      case SMB2_COMMAND.write: {
        const w = decodeWriteRequest(msg);
        resolve(w.fileId);
        if (p.file !== null) this.pipes.data(p.file, true, w.data, meta);
        else if (p.relatedCreate !== null) this.pending.get(p.relatedCreate)?.queued.push({ data: Buffer.from(w.data), meta: { ...meta } });
        break;
      }
      case SMB2_COMMAND.ioctl: {
        const io = decodeIoctlRequest(msg);
        if (io.ctlCode !== FSCTL_PIPE_TRANSCEIVE) return lastCreate;
        resolve(io.fileId);
        if (p.file !== null) this.pipes.data(p.file, true, io.input, meta);
        break;
      }
      case SMB2_COMMAND.negotiate:
        break;
      default:
        return lastCreate; // nothing to match: no pending entry
    }
    this.remember(h.messageId, p);
    return lastCreate;
  }

  private onResponse(h: Smb2Header, msg: Buffer, meta: PacketMeta): void {
    // MS-SMB2 §3.3.4.2: an interim response (async, STATUS_PENDING) announces a later final one.
    if (h.status === STATUS_PENDING && h.flags & SMB2_FLAGS_ASYNC_COMMAND) return;
    const p = this.pending.get(h.messageId);
    if (!p || p.command !== h.command) return;
    this.pending.delete(h.messageId);
    if (p.file === null && p.relatedCreate !== null) p.file = this.fileOfCreate.get(p.relatedCreate) ?? null;
    const ok = hasCommandBody(h.status);
    switch (h.command) {
      case SMB2_COMMAND.negotiate:
        if (ok) this.dialect = decodeNegotiateResponse(msg).dialect;
        return;
      case SMB2_COMMAND.treeConnect:
        if (h.status === STATUS_SUCCESS && h.treeId !== null) {
          const pipe = decodeTreeConnectResponse(msg).shareType === SHARE_TYPE_PIPE || /\\IPC\$$/i.test(p.name);
          if (this.trees.size >= MAX_TREES) this.trees.clear();
          this.trees.set(h.treeId, { share: p.name, pipe });
        }
        return;
      case SMB2_COMMAND.create: {
        if (h.status !== STATUS_SUCCESS) return;
        const { fileId } = decodeCreateResponse(msg);
        this.fileOfCreate.set(h.messageId, fileId);
        if (this.fileOfCreate.size > MAX_PENDING) this.fileOfCreate.delete(this.fileOfCreate.keys().next().value!);
        const name = pipeName(p.name);
        const tree = p.treeId === null ? undefined : this.trees.get(p.treeId);
        if (tree ? tree.pipe : RPC_PIPE_NAMES.has(name)) this.pipes.open(fileId, name);
        else this.pipes.openFile(fileId);
        for (const q of p.queued) this.pipes.data(fileId, true, q.data, q.meta);
        return;
      }
      case SMB2_COMMAND.read:
        if (ok && p.file !== null) this.pipes.data(p.file, false, decodeReadResponse(msg).data, meta);
        return;
      case SMB2_COMMAND.ioctl:
        if (ok && p.file !== null) this.pipes.data(p.file, false, decodeIoctlResponse(msg).output, meta);
        return;
      case SMB2_COMMAND.close:
        if (h.status === STATUS_SUCCESS && p.file !== null) this.pipes.close(p.file);
        return;
      default:
        return;
    }
  }

  private remember(messageId: number, p: Pending): void {
    if (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
    this.pending.set(messageId, p);
  }
}
