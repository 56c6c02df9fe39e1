/**
 * The seam between the DCE/RPC connection-oriented layer (main/protocols/dcerpc: binds, fragments,
 * auth) and the RPC interfaces above it (main/protocols/srvsvc, main/protocols/samr, epm). The
 * transport layer reassembles a whole call (request stub + response stub), knows its presentation
 * context (interface UUID, transfer syntax) and hands it to the interface registered for that UUID.
 */
import type { DissectorContext, PacketMeta } from '../../engine/dissector.ts';
import type { SessionUser } from '../../engine/activity.ts';

export const NDR_SYNTAX = '8a885d04-1ceb-11c9-9fe8-08002b104860';
export const NDR64_SYNTAX = '71710533-beba-4937-8319-b5dbef9ccc36';

/** One association (a pipe over SMB, or a TCP connection to 135 / a dynamic port). */
export interface RpcAssociation {
  clientIp: string;
  serverIp: string;
  transport: 'smb' | 'tcp';
  /** Named pipe, e.g. "samr", "srvsvc", "lsarpc" (SMB only). */
  pipe: string | null;
  /** Who authenticated the SMB session (or the RPC auth when visible). */
  user: SessionUser;
}

/** A request (and, once seen, its response) of one call on one association. */
export interface RpcCall {
  assoc: RpcAssociation;
  callId: number;
  contextId: number;
  opnum: number;
  /** Interface UUID (lower-case, dashed) and version of the presentation context. */
  interfaceUuid: string;
  interfaceVersion: number;
  /** true when the negotiated transfer syntax is NDR64. */
  ndr64: boolean;
  /** Little-endian data representation (drep). */
  littleEndian: boolean;
  /** Request stub, reassembled from fragments (capped); null when sealed (packet privacy). */
  requestStub: Buffer | null;
  /** Response stub, reassembled; null when sealed, when a FAULT came back, or not seen. */
  responseStub: Buffer | null;
  /** FAULT status when the call faulted. */
  faultStatus: number | null;
  /** Authentication level (0 none .. 6 privacy). */
  authLevel: number;
  sealed: boolean;
  requestMeta: PacketMeta;
  responseMeta: PacketMeta | null;
  /** Frames that carried the request and the response (capped). */
  frames: number[];
}

/** An RPC interface handler (SRVSVC, SAMR, EPM...). One instance per association. */
export interface RpcInterfaceHandler {
  /** Called when the response (or fault) arrives, or at end of stream with responseStub null. */
  onCall(call: RpcCall, ctx: DissectorContext): void;
}

export interface RpcInterfaceModule {
  name: string;
  uuid: string;
  /** Create per-association state (e.g. SAMR handle table). */
  open(assoc: RpcAssociation): RpcInterfaceHandler;
}
