/**
 * Test helpers: turn a fixture call (stubs extracted by fixtures/extract.py) into the RpcCall the
 * DCE/RPC layer hands to an interface, and a DissectorContext that records what it is given.
 */
import type { Activity, SessionUser } from '../../main/engine/activity.ts';
import type { DissectorContext } from '../../main/engine/dissector.ts';
import type { RpcAssociation, RpcCall } from '../../main/protocols/dcerpc/interface.ts';

export interface FixtureCall {
  opnum: number;
  ndr64: boolean;
  littleEndian: boolean;
  src: string;
  dst: string;
  callId: number;
  stream: number;
  fid: string;
  requestFrame: number;
  responseFrame: number | null;
  request: string | null;
  response: string | null;
  fault: boolean | null;
  /** Packet privacy: stubs unreadable (request and response then null). */
  sealed?: boolean;
}

export const UNKNOWN_USER: SessionUser = { name: null, domain: null, source: 'unknown' };

export function association(c: Pick<FixtureCall, 'src' | 'dst'>, user: SessionUser = UNKNOWN_USER): RpcAssociation {
  return { clientIp: c.src, serverIp: c.dst, transport: 'smb', pipe: null, user };
}

export function rpcCall(c: FixtureCall, uuid: string, assoc: RpcAssociation = association(c)): RpcCall {
  const frames = [c.requestFrame];
  if (c.responseFrame !== null) frames.push(c.responseFrame);
  return {
    assoc,
    callId: c.callId,
    contextId: 0,
    opnum: c.opnum,
    interfaceUuid: uuid,
    interfaceVersion: 1,
    ndr64: c.ndr64,
    littleEndian: c.littleEndian,
    requestStub: c.request ? Buffer.from(c.request, 'hex') : null,
    responseStub: c.response ? Buffer.from(c.response, 'hex') : null,
    faultStatus: c.fault ? 5 : null,
    authLevel: c.sealed ? 6 : 0,
    sealed: c.sealed ?? false,
    requestMeta: { frame: c.requestFrame, ts: c.requestFrame * 1000 },
    responseMeta: c.responseFrame === null ? null : { frame: c.responseFrame, ts: c.responseFrame * 1000 },
    frames,
  };
}

export function fakeContext(emitted: Activity[]): { ctx: DissectorContext; errors: string[] } {
  const errors: string[] = [];
  const ctx: DissectorContext = {
    emit: (a) => emitted.push(a),
    learnName: () => {},
    learnRole: () => {},
    blindSpot: () => {},
    decodeError: (protocol, reason, frame) => errors.push(`${protocol} ${reason} (frame ${frame})`),
    learnRpcPort: () => {},
    sessionUsers: { get: () => UNKNOWN_USER, set: () => {}, noteServiceTicket: () => {} },
  };
  return { ctx, errors };
}
