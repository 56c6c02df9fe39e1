/**
 * A DissectorContext that records everything, for dissector tests that run without the flow
 * layer and the store. Its SessionUserBook is a plain map (no Kerberos ticket fallback).
 */
import type { Activity, SessionUser } from '../../../main/engine/activity.ts';
import type { BlindSpotKind, DissectorContext, NameSource, SessionUserBook } from '../../../main/engine/dissector.ts';

export interface RecordingContext extends DissectorContext {
  activities: Activity[];
  names: { ip: string; name: string; source: NameSource }[];
  blindSpots: Map<string, number>;
  decodeErrors: { protocol: string; reason: string; frame: number }[];
  rpcPorts: string[];
  users: Map<string, SessionUser>;
  /** Every sessionUsers.set, in order. */
  userHistory: { client: string; server: string; user: SessionUser }[];
}

export function recordingContext(): RecordingContext {
  const users = new Map<string, SessionUser>();
  const book: SessionUserBook = {
    get: (c, s) => users.get(`${c}>${s}`) ?? { name: null, domain: null, source: 'unknown' },
    set: (c, s, u) => {
      users.set(`${c}>${s}`, u);
      ctx.userHistory.push({ client: c, server: s, user: u });
    },
    noteServiceTicket: () => undefined,
  };
  const ctx: RecordingContext = {
    activities: [],
    names: [],
    blindSpots: new Map(),
    decodeErrors: [],
    rpcPorts: [],
    users,
    userHistory: [],
    emit: (a) => void ctx.activities.push(a),
    learnName: (ip, name, source) => void ctx.names.push({ ip, name, source }),
    learnRole: () => undefined,
    blindSpot: (kind: BlindSpotKind, client, server, count = 1) => {
      const key = `${kind} ${client}>${server}`;
      ctx.blindSpots.set(key, (ctx.blindSpots.get(key) ?? 0) + count);
    },
    decodeError: (protocol, reason, frame) => void ctx.decodeErrors.push({ protocol, reason, frame }),
    learnRpcPort: (ip, port) => void ctx.rpcPorts.push(`${ip}:${port}`),
    sessionUsers: book,
  };
  return ctx;
}
