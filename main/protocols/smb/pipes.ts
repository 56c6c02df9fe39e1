/**
 * Named pipes open on one SMB connection. Each pipe is one DCE/RPC association: the bytes the
 * client writes (WRITE, IOCTL FSCTL_PIPE_TRANSCEIVE input, SMB1 TransactNmPipe / WRITE_ANDX) form
 * the client-to-server stream, the bytes it reads back form the other direction (MS-RPCE §2.1.1.2).
 */
import type { DissectorContext, PacketMeta } from '../../engine/dissector.ts';
import type { RpcInterfaceModule } from '../dcerpc/interface.ts';
import { RpcConnection, type RpcObserver } from '../dcerpc/connection.ts';
import { RPC_FRAMING } from '../dcerpc/framing.ts';

/** Pipes that carry DCE/RPC when the tree connect was not captured (MS-SRVS, MS-SAMR, MS-LSAD ...). */
export const RPC_PIPE_NAMES: ReadonlySet<string> = new Set([
  'srvsvc', 'samr', 'lsarpc', 'lsass', 'wkssvc', 'netlogon', 'winreg', 'svcctl', 'spoolss', 'epmapper',
  'atsvc', 'eventlog', 'ntsvcs', 'browser', 'protected_storage', 'dssetup', 'drsuapi', 'efsrpc', 'netdfs', 'initshutdown', 'tapsrv',
]);

/** "\PIPE\samr", "\samr", "samr" -> "samr" (MS-CIFS §2.2.4.33: TransactNmPipe names carry \PIPE\). */
export function pipeName(raw: string): string {
  return raw.replace(/\0+$/, '').replace(/^\\+/, '').replace(/^pipe\\/i, '').toLowerCase();
}

/* C706 PTYPEs a client starts an association or a call with: request 0, bind 11, alter_context 14. */
const OPENING_PTYPES: ReadonlySet<number> = new Set([0, 11, 14]);

/** A DCE/RPC header in the first bytes a client writes: a pipe opened before the capture started. */
export function looksLikeRpc(data: Buffer): boolean {
  return data.length >= 16 && RPC_FRAMING.looksLikeStart(data, 0) && OPENING_PTYPES.has(data[2]!);
}

/** A connection may open thousands of files; pipes in use at once are few. */
const MAX_OPEN_PIPES = 256;
const MAX_KNOWN_FILES = 4096;

export class PipeTable {
  private readonly pipes = new Map<string, RpcConnection>();
  /** Files seen opened that are not pipes: their bytes are never sniffed for DCE/RPC. */
  private readonly files = new Set<string>();

  constructor(
    private readonly clientIp: string,
    private readonly serverIp: string,
    private readonly ctx: DissectorContext,
    private readonly interfaces: ReadonlyMap<string, RpcInterfaceModule>,
    private readonly observer: RpcObserver = {},
  ) {}

  has(fileKey: string): boolean {
    return this.pipes.has(fileKey);
  }

  open(fileKey: string, name: string | null): void {
    this.close(fileKey);
    this.files.delete(fileKey);
    if (this.pipes.size >= MAX_OPEN_PIPES) {
      const oldest = this.pipes.keys().next().value;
      if (oldest !== undefined) this.close(oldest);
    }
    const user = this.ctx.sessionUsers.get(this.clientIp, this.serverIp);
    const assoc = { clientIp: this.clientIp, serverIp: this.serverIp, transport: 'smb' as const, pipe: name, user };
    this.pipes.set(fileKey, new RpcConnection(assoc, this.ctx, this.interfaces, this.observer));
  }

  /** A file that is not a pipe was opened (bounded: forgetting one only re-enables sniffing). */
  openFile(fileKey: string): void {
    this.close(fileKey);
    if (this.files.size >= MAX_KNOWN_FILES) this.files.clear();
    this.files.add(fileKey);
  }

  /** Bytes moved on a file: handed on when it is a pipe (or, unknown, looks like DCE/RPC). */
  data(fileKey: string, fromClient: boolean, data: Buffer, meta: PacketMeta): void {
    if (data.length === 0) return;
    if (!this.pipes.has(fileKey)) {
      if (!fromClient || this.files.has(fileKey) || !looksLikeRpc(data)) return;
      this.open(fileKey, null);
    }
    this.pipes.get(fileKey)!.onData(fromClient, data, meta);
  }

  close(fileKey: string): void {
    const rpc = this.pipes.get(fileKey);
    if (!rpc) return;
    this.pipes.delete(fileKey);
    rpc.end();
  }

  /** SMB bytes went missing in one direction: every pipe may have lost some. */
  gap(fromClient: boolean): void {
    for (const rpc of this.pipes.values()) rpc.onGap(fromClient);
  }

  end(): void {
    for (const key of [...this.pipes.keys()]) this.close(key);
  }
}
