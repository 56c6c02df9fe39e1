/**
 * A DissectorContext that records everything, for feeding dissectors directly in tests
 * (test/kerberos, test/dns, test/naming).
 */
import type { Activity, SessionUser } from '../../../main/engine/activity.ts';
import type { BlindSpotKind, DissectorContext, HostRole, NameSource, RoleSource, SessionUserBook } from '../../../main/engine/dissector.ts';

export interface LearnedName { ip: string; name: string; source: NameSource; ts: number }
export interface LearnedRole { ip: string; role: HostRole; source: RoleSource; ts: number; detail?: string }
export interface ServiceTicket { clientIp: string; service: string; host: string; user: SessionUser; ts: number }

export class FakeContext implements DissectorContext {
  activities: Activity[] = [];
  names: LearnedName[] = [];
  roles: LearnedRole[] = [];
  errors: { protocol: string; reason: string; frame: number }[] = [];
  blindSpots: { kind: BlindSpotKind; client: string; server: string }[] = [];
  tickets: ServiceTicket[] = [];
  rpcPorts: string[] = [];
  private readonly users = new Map<string, SessionUser>();

  emit(a: Activity): void {
    this.activities.push(a);
  }
  learnName(ip: string, name: string, source: NameSource, ts: number): void {
    this.names.push({ ip, name, source, ts });
  }
  learnRole(ip: string, role: HostRole, source: RoleSource, ts: number, detail?: string): void {
    this.roles.push(detail === undefined ? { ip, role, source, ts } : { ip, role, source, ts, detail });
  }
  blindSpot(kind: BlindSpotKind, client: string, server: string): void {
    this.blindSpots.push({ kind, client, server });
  }
  decodeError(protocol: string, reason: string, frame: number): void {
    this.errors.push({ protocol, reason, frame });
  }
  learnRpcPort(ip: string, port: number): void {
    this.rpcPorts.push(`${ip}:${port}`);
  }
  sessionUsers: SessionUserBook = {
    get: (c, s) => this.users.get(`${c}>${s}`) ?? { name: null, domain: null, source: 'unknown' },
    set: (c, s, u) => void this.users.set(`${c}>${s}`, u),
    noteServiceTicket: (clientIp, service, host, user, ts) => void this.tickets.push({ clientIp, service, host, user, ts }),
  };

  of<K extends Activity['kind']>(kind: K): Extract<Activity, { kind: K }>[] {
    return this.activities.filter((a): a is Extract<Activity, { kind: K }> => a.kind === kind);
  }
}
