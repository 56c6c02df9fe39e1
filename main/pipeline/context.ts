/**
 * The DissectorContext the engine hands to every dissector: activities wait here for the next
 * batch; names and roles are kept in memory (for titles, DetectorEnv.hasRole and SMB user
 * inference) and sent to the store once per batch when new; blind spots and decode errors are
 * counted per capture for its report.
 */
import type { Activity } from '../engine/activity.ts';
import type { BlindSpotKind, DissectorContext, HostRole, NameSource, RoleSource } from '../engine/dissector.ts';
import type { CaptureStats, EngineState, NameFact, RoleFact } from '../engine/sink.ts';
import { SessionUsers } from './session-users.ts';

const BLIND_SPOT_KEYS: ReadonlyMap<BlindSpotKind, string> = new Map([
  ['smb3Encrypted', 'smb3EncryptedFrames'],
  ['rpcEncrypted', 'rpcEncryptedPdus'],
  ['tcpGap', 'tcpGaps'],
  ['smbCompressed', 'smbCompressedFrames'],
]);
/** Distinct decode-error reasons kept per capture; the rest are pooled per protocol. */
const MAX_ERROR_KINDS = 200;
const MAX_PAIRS = 10_000;
/** Hosts whose names are kept in memory (for SMB user inference); the store keeps them all. */
const MAX_NAMED_HOSTS = 200_000;

export interface PendingActivity {
  activity: Activity;
  /** Frame being processed when it was emitted (decides what a resumed import already wrote). */
  frame: number;
}

export class EngineContext implements DissectorContext {
  readonly sessionUsers: SessionUsers;
  /** The frame being processed (set by the engine before each packet). */
  frame = 0;
  pending: PendingActivity[] = [];
  /** `ip|role` -> packet time (µs) from which the role is known (0: declared or stored). */
  private readonly roles = new Map<string, number>();
  private readonly roleFacts = new Set<string>();
  private readonly namesByIp = new Map<string, Set<string>>();
  private newNames = new Map<string, NameFact>();
  private newRoles: RoleFact[] = [];
  blindSpots: CaptureStats['blindSpots'] = emptyBlindSpots();
  blindSpotPairs: CaptureStats['blindSpotPairs'] = {};
  decodeErrors: Record<string, number> = {};
  /** Routed to the flow table (set by the engine). */
  onRpcPort: (ip: string, port: number) => void = () => undefined;

  constructor(state: Pick<EngineState, 'roles' | 'names'>) {
    for (const r of state.roles) {
      this.roles.set(`${r.ip}|${r.role}`, 0);
      this.roleFacts.add(`${r.ip}|${r.role}|${r.source}`);
    }
    for (const n of state.names) this.rememberName(n.ip, n.name);
    this.sessionUsers = new SessionUsers((ip) => this.namesByIp.get(ip));
  }

  emit(activity: Activity): void {
    this.pending.push({ activity, frame: this.frame });
  }

  learnName(ip: string, name: string, source: NameSource, ts: number): void {
    if (!name) return;
    this.rememberName(ip, name);
    const k = `${ip}|${name}|${source}`;
    if (!this.newNames.has(k)) this.newNames.set(k, { ip, name, source, ts });
  }

  private rememberName(ip: string, name: string): void {
    let set = this.namesByIp.get(ip);
    if (!set) {
      if (this.namesByIp.size >= MAX_NAMED_HOSTS) return;
      set = new Set();
      this.namesByIp.set(ip, set);
    }
    if (set.size >= 64) return;
    let lower = name.toLowerCase();
    if (lower.endsWith('.')) lower = lower.slice(0, -1);
    set.add(lower);
    const dot = lower.indexOf('.');
    set.add(dot < 0 ? lower : lower.slice(0, dot));
  }

  learnRole(ip: string, role: HostRole, source: RoleSource, ts: number, detail?: string): void {
    const rk = `${ip}|${role}`;
    const since = this.roles.get(rk);
    if (since === undefined || ts < since) this.roles.set(rk, ts);
    const k = `${ip}|${role}|${source}`;
    if (this.roleFacts.has(k)) return;
    this.roleFacts.add(k);
    this.newRoles.push(detail === undefined ? { ip, role, source, ts } : { ip, role, source, ts, detail });
  }

  hasRole(ip: string, role: HostRole): boolean {
    return this.roles.has(`${ip}|${role}`);
  }

  /** Packet time from which the role is known (its first time), 0 for declared/stored roles, null if unknown. */
  roleSince(ip: string, role: HostRole): number | null {
    return this.roles.get(`${ip}|${role}`) ?? null;
  }

  blindSpot(kind: BlindSpotKind, client: string, server: string, count = 1): void {
    const key = BLIND_SPOT_KEYS.get(kind) ?? kind;
    this.blindSpots[key] = (this.blindSpots[key] ?? 0) + count;
    const pairKey = `${client}>${server}`;
    let pair = this.blindSpotPairs[pairKey];
    if (!pair) {
      if (Object.keys(this.blindSpotPairs).length >= MAX_PAIRS) return;
      pair = this.blindSpotPairs[pairKey] = {};
    }
    pair[kind] = (pair[kind] ?? 0) + count;
  }

  decodeError(protocol: string, reason: string, _frame: number): void {
    let k = `${protocol}: ${reason}`;
    if (!Object.hasOwn(this.decodeErrors, k) && Object.keys(this.decodeErrors).length >= MAX_ERROR_KINDS) k = `${protocol}: other`;
    this.decodeErrors[k] = (this.decodeErrors[k] ?? 0) + 1;
  }

  learnRpcPort(ip: string, port: number): void {
    this.onRpcPort(ip, port);
  }

  /** Names and roles learned since the last call. */
  takeFacts(): { names: NameFact[]; roles: RoleFact[] } {
    const out = { names: [...this.newNames.values()], roles: this.newRoles };
    this.newNames = new Map();
    this.newRoles = [];
    return out;
  }

  /** Start a capture's counters afresh (names, roles and session users carry over). */
  resetCaptureCounters(): void {
    this.blindSpots = emptyBlindSpots();
    this.blindSpotPairs = {};
    this.decodeErrors = {};
  }
}

export function emptyBlindSpots(): CaptureStats['blindSpots'] {
  return { smb3EncryptedFrames: 0, rpcEncryptedPdus: 0, tcpGaps: 0 };
}
