/**
 * SRVSVC (MS-SRVS, interface 4b324fc8-1670-01d3-1278-5a47bf6ee188 v3.0) above the DCE/RPC seam.
 * Only NetrSessionEnum (opnum 12) is a fact the detections need (2012); other calls are ignored.
 */
import type { SessionEnumActivity } from '../../engine/activity.ts';
import type { DissectorContext } from '../../engine/dissector.ts';
import type { RpcCall, RpcInterfaceModule } from '../dcerpc/interface.ts';
import { DecodeError } from '../../util/cursor.ts';
import { trailingStatus } from '../ndr/reader.ts';
import { rpcFaultName } from '../ndr/fault-names.ts';
import { decodeSessionEnumRequest, decodeSessionEnumResponse } from './session-enum.ts';
import { srvsvcStatusName } from './werror.ts';

export const SRVSVC_UUID = '4b324fc8-1670-01d3-1278-5a47bf6ee188';
export const OPNUM_NETR_SESSION_ENUM = 12;
/** Sessions kept per activity: an answer with more is still counted in totalEntries. */
const MAX_SESSIONS = 1000;

/** Decode failures are counted and the call is kept with what could be read; other errors are bugs. */
function attempt(ctx: DissectorContext, frame: number, what: string, run: () => void): void {
  try {
    run();
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    ctx.decodeError('srvsvc', `${what}: ${e.reason}`, frame);
  }
}

export function sessionEnumActivity(call: RpcCall, ctx: DissectorContext): SessionEnumActivity {
  const a: SessionEnumActivity = {
    kind: 'srvsvc-sessenum',
    ts: call.requestMeta.ts,
    frames: call.frames.slice(0, 64),
    src: call.assoc.clientIp,
    dst: call.assoc.serverIp,
    user: call.assoc.user,
    level: -1,
    serverName: null,
    clientFilter: null,
    userFilter: null,
    status: null,
    statusName: null,
    sessions: [],
    totalEntries: null,
    sealed: call.sealed,
  };
  if (call.responseMeta) a.tsEnd = call.responseMeta.ts;
  const req = call.requestStub;
  if (req)
    attempt(ctx, call.requestMeta.frame, 'NetrSessionEnum request', () => {
      const q = decodeSessionEnumRequest(req, call.ndr64, call.littleEndian);
      Object.assign(a, { level: q.level, serverName: q.serverName, clientFilter: q.clientFilter, userFilter: q.userFilter });
    });
  const resp = call.responseStub;
  if (call.faultStatus !== null) {
    a.status = call.faultStatus;
    a.statusName = rpcFaultName(call.faultStatus);
  } else if (resp) {
    a.status = trailingStatus(resp, call.littleEndian);
    if (a.status !== null) a.statusName = srvsvcStatusName(a.status);
    attempt(ctx, call.responseMeta?.frame ?? call.requestMeta.frame, 'NetrSessionEnum response', () => {
      const r = decodeSessionEnumResponse(resp, call.ndr64, call.littleEndian);
      if (a.level < 0) a.level = r.level;
      a.sessions = r.sessions.slice(0, MAX_SESSIONS);
      a.totalEntries = r.totalEntries;
    });
  }
  return a;
}

export const srvsvcInterface: RpcInterfaceModule = {
  name: 'srvsvc',
  uuid: SRVSVC_UUID,
  open() {
    return {
      onCall(call, ctx) {
        if (call.opnum !== OPNUM_NETR_SESSION_ENUM) return;
        ctx.emit(sessionEnumActivity(call, ctx));
      },
    };
  },
};
