/**
 * What one SAMR association knows: its open context handles (MS-SAMR 3.1.1: server, domain, group,
 * alias and user handles, each tied to a domain SID and RID) and the names it learned from its own
 * answers (LookupDomain, LookupNames, LookupIds, enumerations), so that a later call on a handle can
 * say "group 512 Domain Admins" instead of a hex handle. Bounded: a hostile client that opens
 * handles forever evicts the oldest ones instead of growing memory.
 */
import type { SamrObject } from '../../engine/activity.ts';

export const MAX_HANDLES = 4096;
export const MAX_NAMES = 20_000;

/** The Builtin domain has the same SID everywhere (MS-DTYP 2.4.2.4, BUILTIN_DOMAIN S-1-5-32); clients open it without a lookup. */
const WELL_KNOWN_DOMAINS: ReadonlyMap<string, string> = new Map([['S-1-5-32', 'Builtin']]);

export interface HandleInfo {
  type: 'server' | 'domain' | 'user' | 'group' | 'alias';
  domainSid: string | null;
  rid: number | null;
}

/** Evicts the oldest entry (Map keeps insertion order) when a bounded map is full. */
function boundedSet<K, V>(m: Map<K, V>, k: K, v: V, cap: number): void {
  if (!m.has(k) && m.size >= cap) {
    const oldest = m.keys().next();
    if (!oldest.done) m.delete(oldest.value);
  }
  m.set(k, v);
}

export class SamrAssociationState {
  private readonly handles = new Map<string, HandleInfo>();
  /** Domain SID -> domain name (LookupDomainInSamServer). */
  private readonly domainNames = new Map<string, string>();
  /** "domainSid/rid" -> account name. */
  private readonly ridNames = new Map<string, string>();

  handle(h: string | null): HandleInfo | undefined {
    return h === null ? undefined : this.handles.get(h);
  }
  openHandle(h: string, info: HandleInfo): void {
    // An all-zero handle is what a failed open returns: it names nothing.
    if (/^0+$/.test(h)) return;
    boundedSet(this.handles, h, info, MAX_HANDLES);
  }
  closeHandle(h: string | null): void {
    if (h !== null) this.handles.delete(h);
  }
  learnDomain(sid: string, name: string): void {
    boundedSet(this.domainNames, sid, name, MAX_NAMES);
  }
  learnName(domainSid: string | null, rid: number, name: string): void {
    if (name === '') return;
    boundedSet(this.ridNames, `${domainSid ?? '?'}/${rid}`, name, MAX_NAMES);
  }
  nameOf(domainSid: string | null, rid: number): string | null {
    return this.ridNames.get(`${domainSid ?? '?'}/${rid}`) ?? null;
  }
  domainName(sid: string | null): string | null {
    return sid === null ? null : (this.domainNames.get(sid) ?? WELL_KNOWN_DOMAINS.get(sid) ?? null);
  }

  /** The object a handle stands for, with its name when this association learned it. */
  describe(info: HandleInfo | undefined): SamrObject {
    if (!info) return { type: 'none' };
    const o: SamrObject = { type: info.type };
    if (info.type === 'server') return o;
    o.domainSid = info.domainSid;
    o.domainName = this.domainName(info.domainSid);
    if (info.rid !== null) {
      o.rid = info.rid;
      o.name = this.nameOf(info.domainSid, info.rid);
    }
    return o;
  }
}
