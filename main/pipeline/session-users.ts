/**
 * Which user drove an SMB session (DESIGN.md "Names"): set by the SMB dissector from NTLMSSP
 * AUTHENTICATE or the session setup, else inferred from a Kerberos service ticket for cifs/<server>
 * that the client obtained, matched against the names learned for the server.
 */
import type { SessionUser } from '../engine/activity.ts';
import type { SessionUserBook } from '../engine/dissector.ts';

interface Ticket {
  service: string;
  host: string;
  user: SessionUser;
  ts: number;
}

const UNKNOWN: SessionUser = Object.freeze({ name: null, domain: null, source: 'unknown' }) as SessionUser;
/** Tickets remembered per client (the most recent ones). */
const MAX_TICKETS_PER_CLIENT = 32;
const MAX_CLIENTS = 100_000;

export class SessionUsers implements SessionUserBook {
  private readonly sessions = new Map<string, SessionUser>();
  private readonly tickets = new Map<string, Ticket[]>();

  /** `namesOf(ip)` gives the lower-case names learned for a host (full and first label). */
  constructor(private readonly namesOf: (ip: string) => ReadonlySet<string> | undefined) {}

  get(clientIp: string, serverIp: string): SessionUser {
    const s = this.sessions.get(`${clientIp}>${serverIp}`);
    if (s) return s;
    const list = this.tickets.get(clientIp);
    const names = this.namesOf(serverIp);
    if (!list || !names) return { ...UNKNOWN };
    for (let i = list.length - 1; i >= 0; i--) {
      const t = list[i]!;
      if (t.service !== 'cifs') continue;
      const short = t.host.split('.')[0] ?? t.host;
      if (names.has(t.host) || names.has(short) || t.host === serverIp) return { ...t.user, source: 'kerberos-tgs' };
    }
    return { ...UNKNOWN };
  }

  set(clientIp: string, serverIp: string, user: SessionUser): void {
    if (this.sessions.size >= MAX_CLIENTS) this.sessions.delete(this.sessions.keys().next().value as string);
    this.sessions.set(`${clientIp}>${serverIp}`, user);
  }

  noteServiceTicket(clientIp: string, service: string, host: string, user: SessionUser, ts: number): void {
    let list = this.tickets.get(clientIp);
    if (!list) {
      if (this.tickets.size >= MAX_CLIENTS) this.tickets.delete(this.tickets.keys().next().value as string);
      list = [];
      this.tickets.set(clientIp, list);
    }
    list.push({ service: service.toLowerCase(), host: host.toLowerCase().replace(/\.$/, ''), user, ts });
    if (list.length > MAX_TICKETS_PER_CLIENT) list.shift();
  }
}
