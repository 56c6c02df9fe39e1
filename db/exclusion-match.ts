/**
 * Which active exclusion (if any) covers an alert update or one of its activities. Source
 * exclusions (ip, cidr, host) cover the whole update; account exclusions cover the activities made
 * by or about that account: the guessed name (krb-as cname) for 2003, the SMB session user for
 * 2012 and 2021.
 */
import type Database from 'better-sqlite3';
import type { Activity, DetectionId } from '../main/engine/activity.ts';
import { cidrContains, parseCidr, parseIp, type Cidr, type ParsedIp } from './ip.ts';

export type ExclusionKind = 'ip' | 'cidr' | 'host' | 'account';
export type ExclusionScope = DetectionId | 'all';

export interface ActiveExclusion {
  id: number;
  detection: ExclusionScope;
  kind: ExclusionKind;
  value: string;
  ip: ParsedIp | null;
  cidr: Cidr | null;
}

export function loadActiveExclusions(db: Database.Database): ActiveExclusion[] {
  const rows = db.prepare('SELECT id, detection, kind, value FROM exclusions WHERE removed_at IS NULL ORDER BY id').all() as Omit<ActiveExclusion, 'ip' | 'cidr'>[];
  return rows.map((r) => ({ ...r, ip: r.kind === 'ip' ? parseIp(r.value) : null, cidr: r.kind === 'cidr' ? parseCidr(r.value) : null }));
}

/** The account an activity is made by or about, lower-case, for account exclusions. */
export function activityAccount(a: Activity): string | null {
  switch (a.kind) {
    case 'krb-as':
      return a.cname ? a.cname.toLowerCase() : null;
    case 'krb-tgs':
      return a.cname ? a.cname.toLowerCase() : null;
    case 'srvsvc-sessenum':
    case 'samr':
      return a.user.name ? a.user.name.toLowerCase() : null;
    case 'dns-xfer':
      return null;
  }
}

/** A host name matches when equal (any case), or when one is the other's first DNS label (WS-17 ~ ws-17.corp.local). */
export function hostNameMatches(excluded: string, name: string): boolean {
  const a = excluded.toLowerCase().replace(/\.$/, '');
  const b = name.toLowerCase().replace(/\.$/, '');
  if (a === b) return true;
  const firstA = a.split('.')[0];
  const firstB = b.split('.')[0];
  return (!a.includes('.') && firstB === a) || (!b.includes('.') && firstA === b);
}

export class ExclusionMatcher {
  constructor(
    private readonly exclusions: readonly ActiveExclusion[],
    private readonly namesOf: (ip: string) => readonly string[],
  ) {}

  get empty(): boolean {
    return this.exclusions.length === 0;
  }

  private scoped(detection: DetectionId): ActiveExclusion[] {
    return this.exclusions.filter((e) => e.detection === 'all' || e.detection === detection);
  }

  /** The first exclusion of the source computer (by ip, subnet or name) for this detection. */
  matchSource(detection: DetectionId, source: string): ActiveExclusion | null {
    const scoped = this.scoped(detection).filter((e) => e.kind !== 'account');
    if (scoped.length === 0) return null;
    const ip = parseIp(source);
    let names: readonly string[] | null = null;
    for (const e of scoped) {
      if (e.kind === 'ip' && ip && e.ip && e.ip.family === ip.family && e.ip.value === ip.value) return e;
      if (e.kind === 'ip' && !ip && e.value === source) return e;
      if (e.kind === 'cidr' && ip && e.cidr && cidrContains(e.cidr, ip)) return e;
      if (e.kind === 'host') {
        names ??= this.namesOf(source);
        if (names.some((n) => hostNameMatches(e.value, n))) return e;
      }
    }
    return null;
  }

  /** The first account exclusion covering this activity for this detection. */
  matchAccount(detection: DetectionId, a: Activity): ActiveExclusion | null {
    if (detection === '2007') return null;
    const account = activityAccount(a);
    if (!account) return null;
    return this.scoped(detection).find((e) => e.kind === 'account' && e.value.toLowerCase() === account) ?? null;
  }
}
