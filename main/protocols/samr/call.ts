/**
 * One SAMR call -> one SamrCallActivity: decode both stubs, follow the association's handles and
 * names, say which object the call was about, whether it is sensitive and its query class.
 */
import type { SamrCallActivity, SamrObject } from '../../engine/activity.ts';
import type { DissectorContext } from '../../engine/dissector.ts';
import type { RpcCall } from '../dcerpc/interface.ts';
import { DecodeError } from '../../util/cursor.ts';
import { trailingStatus } from '../ndr/reader.ts';
import { rpcFaultName } from '../ndr/fault-names.ts';
import { decodeSamrRequest, SAMR_CONNECT_OPNUMS, type SamrRequestFacts } from './requests.ts';
import { decodeSamrResponse, type SamrResponseFacts } from './responses.ts';
import { SamrAssociationState } from './association.ts';
import { isSensitiveName, isSensitiveRid, samrQueryClass } from './classify.ts';
import { ntstatusName, samrOperationName, SID_NAME_USE } from './tables.ts';

/** Names, RIDs and members kept per activity (SAMR itself caps lookups at 1000). */
const MAX_LIST = 1000;
const OPEN_TYPES: ReadonlyMap<number, 'group' | 'alias' | 'user'> = new Map([
  [19, 'group'],
  [27, 'alias'],
  [34, 'user'],
]);

/**
 * The kind of object an operation is about, known from the opnum alone: what the call's object is
 * when its handle (or RID) cannot be read (sealed stub, handle opened before the capture began).
 */
const OBJECT_KIND: ReadonlyMap<number, 'domain' | 'group' | 'alias' | 'user'> = new Map([
  [7, 'domain'], // SamrOpenDomain (its SID is in the stub)
  [8, 'domain'], // SamrQueryInformationDomain
  [11, 'domain'], // SamrEnumerateGroupsInDomain
  [13, 'domain'], // SamrEnumerateUsersInDomain
  [15, 'domain'], // SamrEnumerateAliasesInDomain
  [16, 'domain'], // SamrGetAliasMembership
  [40, 'domain'], // SamrQueryDisplayInformation
  [46, 'domain'], // SamrQueryInformationDomain2
  [48, 'domain'], // SamrQueryDisplayInformation2
  [51, 'domain'], // SamrQueryDisplayInformation3
  [19, 'group'], // SamrOpenGroup (its RID is in the stub)
  [20, 'group'], // SamrQueryInformationGroup
  [25, 'group'], // SamrGetMembersInGroup
  [27, 'alias'], // SamrOpenAlias
  [28, 'alias'], // SamrQueryInformationAlias
  [33, 'alias'], // SamrGetMembersInAlias
  [34, 'user'], // SamrOpenUser
  [36, 'user'], // SamrQueryInformationUser
  [39, 'user'], // SamrGetGroupsForUser
  [47, 'user'], // SamrQueryInformationUser2
]);

/** S-1-5-21-a-b-c-RID (an account domain) or S-1-5-32-RID (Builtin): the domain part and the RID. */
export function splitSid(sid: string): { domainSid: string; rid: number } | null {
  const parts = sid.split('-');
  const isAccount = parts.length === 8 && parts[2] === '5' && parts[3] === '21';
  const isBuiltin = parts.length === 5 && parts[2] === '5' && parts[3] === '32';
  if (!isAccount && !isBuiltin) return null;
  return { domainSid: parts.slice(0, -1).join('-'), rid: Number(parts[parts.length - 1]) };
}

/** Runs a decoder; a DecodeError is counted (the call is kept with what could be read), other errors are bugs. */
function tryDecode<T>(ctx: DissectorContext, frame: number, what: string, run: () => T): T | null {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    ctx.decodeError('samr', `${what}: ${e.reason}`, frame);
    return null;
  }
}

export function samrCallActivity(call: RpcCall, state: SamrAssociationState, ctx: DissectorContext): SamrCallActivity {
  const { opnum } = call;
  const operation = samrOperationName(opnum);
  const a: SamrCallActivity = {
    kind: 'samr',
    ts: call.requestMeta.ts,
    frames: call.frames.slice(0, 64),
    src: call.assoc.clientIp,
    dst: call.assoc.serverIp,
    user: call.assoc.user,
    opnum,
    operation,
    object: { type: 'none' },
    status: null,
    statusName: null,
    names: [],
    rids: [],
    members: [],
    queryClass: null,
    sensitive: false,
    sealed: call.sealed,
    transport: call.assoc.transport,
  };
  if (call.responseMeta) a.tsEnd = call.responseMeta.ts;

  const reqStub = call.requestStub;
  const respStub = call.responseStub;
  const req = reqStub ? tryDecode(ctx, call.requestMeta.frame, `${operation} request`, () => decodeSamrRequest(opnum, reqStub, call.ndr64, call.littleEndian)) : null;
  let resp: SamrResponseFacts | null = null;
  if (call.faultStatus !== null) {
    a.status = call.faultStatus;
    a.statusName = rpcFaultName(call.faultStatus);
  } else if (respStub) {
    const frame = call.responseMeta?.frame ?? call.requestMeta.frame;
    resp = tryDecode(ctx, frame, `${operation} response`, () => decodeSamrResponse(opnum, req?.level, respStub, call.ndr64, call.littleEndian));
    a.status = resp?.status ?? trailingStatus(respStub, call.littleEndian);
    if (a.status !== null) a.statusName = ntstatusName(a.status);
  }
  follow(a, req, resp, state);
  const kind = OBJECT_KIND.get(opnum);
  // An object we cannot name is marked unknown, never "not sensitive": the class then comes from the
  // opnum alone (a sealed GetMembersInGroup stays a member query) and the summary says it is unread.
  if (kind && a.object.type === 'none') a.object = { type: kind, unknown: true };
  a.names = a.names.slice(0, MAX_LIST);
  a.rids = a.rids.slice(0, MAX_LIST);
  a.members = a.members.slice(0, MAX_LIST);
  a.queryClass = samrQueryClass(opnum, req?.level, a.sensitive);
  return a;
}

/** Applies what the call taught the association, and fills the activity's object and lists. */
function follow(a: SamrCallActivity, req: SamrRequestFacts | null, resp: SamrResponseFacts | null, state: SamrAssociationState): void {
  const { opnum } = a;
  const parent = state.handle(req?.handle ?? null);
  const domainSid = parent?.domainSid ?? null;
  a.object = state.describe(parent);
  const entries = resp?.entries ?? [];

  if (SAMR_CONNECT_OPNUMS.has(opnum)) {
    a.object = { type: 'server' };
    if (resp?.handle) state.openHandle(resp.handle, { type: 'server', domainSid: null, rid: null });
  } else if (opnum === 5) {
    a.names = req?.names ?? [];
    const name = a.names[0];
    if (resp?.sid && name !== undefined) state.learnDomain(resp.sid, name);
    a.object = { type: 'domain', domainSid: resp?.sid ?? null, domainName: name ?? null };
  } else if (opnum === 7 && req?.domainSid) {
    const info = { type: 'domain' as const, domainSid: req.domainSid, rid: null };
    if (resp?.handle) state.openHandle(resp.handle, info);
    a.object = state.describe(info);
  } else if (OPEN_TYPES.has(opnum) && req?.rid !== undefined) {
    const info = { type: OPEN_TYPES.get(opnum)!, domainSid, rid: req.rid };
    if (resp?.handle) state.openHandle(resp.handle, info);
    a.object = state.describe(info);
  } else if (opnum === 17 && req) {
    a.names = req.names;
    a.rids = resp?.rids ?? [];
    req.names.forEach((n, i) => {
      const rid = a.rids[i];
      if (rid) state.learnName(domainSid, rid, n);
    });
    const [name] = req.names;
    const [rid] = a.rids;
    if (req.names.length === 1 && name !== undefined) {
      const use = SID_NAME_USE.get(resp?.uses[0] ?? 0);
      const o: SamrObject = { type: use === 'group' || use === 'alias' || use === 'user' ? use : 'none', domainSid, name };
      if (rid) o.rid = rid;
      a.object = o;
    }
    a.sensitive = req.names.some((n) => isSensitiveName(n)) || a.rids.some((r) => r !== 0 && isSensitiveRid(r));
    return;
  } else if (opnum === 18 && req) {
    a.rids = req.rids;
    a.names = entries.map((e) => e.name);
    req.rids.forEach((rid, i) => state.learnName(domainSid, rid, entries[i]?.name ?? ''));
  } else if (opnum === 65 && req?.rid !== undefined) {
    a.rids = [req.rid];
    a.object = { ...a.object, rid: req.rid, name: state.nameOf(domainSid, req.rid) };
  } else if ((opnum === 20 || opnum === 36 || opnum === 47) && entries[0]) {
    a.names = [entries[0].name];
    if (parent?.rid != null) {
      state.learnName(domainSid, parent.rid, entries[0].name);
      a.object = state.describe(parent);
    } else if (!parent && entries[0].rid !== null) {
      // The handle was opened before the capture began: USER_ALL_INFORMATION still says who it is.
      a.object = { type: 'user', rid: entries[0].rid, name: entries[0].name };
    }
  } else if (opnum === 25) {
    a.rids = resp?.memberRids ?? [];
    a.members = a.rids.map((rid) => ({ rid, name: state.nameOf(domainSid, rid) }));
  } else if (opnum === 33) {
    a.members = (resp?.memberSids ?? []).map((sid) => {
      const split = splitSid(sid);
      return { rid: split?.rid ?? null, sid, name: split ? state.nameOf(split.domainSid, split.rid) : null };
    });
    a.rids = a.members.flatMap((m) => (m.rid === null ? [] : [m.rid]));
  } else if (opnum === 16 || opnum === 39) {
    a.rids = resp?.rids ?? [];
  } else if (opnum === 1) {
    state.closeHandle(req?.handle ?? null);
  } else if (entries.length > 0) {
    // Enumerations and display information: names with their RIDs (EnumerateDomains: names only).
    for (const e of entries) {
      a.names.push(e.name);
      if (e.rid !== null) {
        a.rids.push(e.rid);
        state.learnName(domainSid, e.rid, e.name);
      }
    }
  }
  const o = a.object;
  a.sensitive = o.type !== 'domain' && o.type !== 'server' && (isSensitiveRid(o.rid) || isSensitiveName(o.name));
}
