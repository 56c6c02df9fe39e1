/**
 * Exclusions: stop *new* alerts for a detection (or all) from an IP, a subnet, a computer name or an
 * account. Removing keeps the row (removed_at) so the audit trail and the counts of what it stopped
 * stay; both adding and removing are undoable (db/undo.ts).
 */
import { InputError } from './errors.ts';
import type Database from 'better-sqlite3';
import { DETECTION_IDS, type DetectionId } from '../main/engine/activity.ts';
import { writeAudit } from './audit.ts';
import { ExclusionMatcher, loadActiveExclusions, type ExclusionKind, type ExclusionScope } from './exclusion-match.ts';
import { formatCidr, parseCidr, parseIp } from './ip.ts';
import { analystName } from './settings.ts';
import { nowIso } from './time.ts';

export class ExclusionError extends InputError {}
export type { ExclusionKind, ExclusionScope };

export const EXCLUSION_KINDS: readonly ExclusionKind[] = ['ip', 'cidr', 'host', 'account'];

export function parseScope(s: string): ExclusionScope {
  if (s === 'all' || (DETECTION_IDS as readonly string[]).includes(s)) return s as ExclusionScope;
  throw new ExclusionError(`'${s}' is not a detection (2003, 2007, 2012, 2021) or 'all'`);
}

/** The stored form of a value: canonical subnet, trimmed name, bare account (no DOMAIN\ or @realm). */
export function normalizeValue(kind: ExclusionKind, raw: string): string {
  const v = raw.trim();
  switch (kind) {
    case 'ip':
      if (!parseIp(v)) throw new ExclusionError(`'${raw}' is not an IPv4 or IPv6 address`);
      return v;
    case 'cidr': {
      const c = v.includes('/') ? parseCidr(v) : null;
      if (!c) throw new ExclusionError(`'${raw}' is not a subnet such as 10.0.0.0/24 or fd00::/64`);
      return formatCidr(c);
    }
    case 'host':
      if (!/^[^\s/\\]{1,255}$/.test(v)) throw new ExclusionError(`'${raw}' is not a computer name`);
      return v;
    case 'account': {
      const bare = v.includes('\\') ? v.slice(v.lastIndexOf('\\') + 1) : v.includes('@') ? v.slice(0, v.indexOf('@')) : v;
      if (!/^[^\s]{1,256}$/.test(bare)) throw new ExclusionError(`'${raw}' is not an account name`);
      return bare;
    }
  }
}

export interface NewExclusion {
  detection: ExclusionScope;
  kind: ExclusionKind;
  value: string;
  note?: string | null;
  fromAlert?: number | null;
}

/** Inserts without an audit entry (callers write one entry for their whole change). */
export function insertExclusion(db: Database.Database, e: NewExclusion, author: string): number {
  if (!EXCLUSION_KINDS.includes(e.kind)) throw new ExclusionError(`'${String(e.kind)}' is not one of ${EXCLUSION_KINDS.join(', ')}`);
  parseScope(e.detection);
  const value = normalizeValue(e.kind, e.value);
  const row = db
    .prepare('INSERT INTO exclusions (detection, kind, value, note, author, from_alert, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(e.detection, e.kind, value, e.note ?? null, author, e.fromAlert ?? null, nowIso());
  return Number(row.lastInsertRowid);
}

/** An active exclusion with the same scope, kind and value, if any. */
export function findActive(db: Database.Database, detection: ExclusionScope, kind: ExclusionKind, value: string): number | null {
  const id = db
    .prepare('SELECT id FROM exclusions WHERE removed_at IS NULL AND detection = ? AND kind = ? AND lower(value) = lower(?) ORDER BY id LIMIT 1')
    .pluck()
    .get(detection, kind, normalizeValue(kind, value)) as number | undefined;
  return id ?? null;
}

export function addExclusion(db: Database.Database, e: NewExclusion): { id: number; auditId: number } {
  return db.transaction(() => {
    const author = analystName(db);
    const id = insertExclusion(db, e, author);
    const auditId = writeAudit(db, { action: 'exclusion-add', exclusionId: id, from: {}, to: { exclusions: [id] }, reason: e.note ?? null }, author);
    return { id, auditId };
  })();
}

export function removeExclusion(db: Database.Database, id: number, reason: string | null = null): { auditId: number } {
  return db.transaction(() => {
    const changed = db.prepare('UPDATE exclusions SET removed_at = ? WHERE id = ? AND removed_at IS NULL').run(nowIso(), id).changes;
    if (changed === 0) {
      const exists = db.prepare('SELECT 1 FROM exclusions WHERE id = ?').get(id) !== undefined;
      throw new ExclusionError(exists ? `exclusion ${id} is already removed` : `no exclusion ${id}`);
    }
    return { auditId: writeAudit(db, { action: 'exclusion-remove', exclusionId: id, from: {}, to: { exclusionsRemoved: [id] }, reason }) };
  })();
}

export interface ExclusionListItem {
  id: number;
  detection: ExclusionScope;
  kind: ExclusionKind;
  value: string;
  note: string | null;
  author: string;
  fromAlert: number | null;
  createdAt: string;
  removedAt: string | null;
  /** Activities kept but marked as suppressed by this exclusion. */
  suppressedActivities: number;
  /** Alerts it prevented: distinct (detection, source, target) whose updates it stopped. */
  alertsPrevented: number;
}

export function listExclusions(db: Database.Database, opts: { includeRemoved?: boolean } = {}): ExclusionListItem[] {
  return db
    .prepare(
      `SELECT e.id, e.detection, e.kind, e.value, e.note, e.author, e.from_alert AS fromAlert, e.created_at AS createdAt, e.removed_at AS removedAt,
         (SELECT count(*) FROM activities a WHERE a.suppressed_by = e.id) AS suppressedActivities,
         (SELECT count(*) FROM (SELECT DISTINCT detection, source, target FROM exclusion_hits h WHERE h.exclusion_id = e.id)) AS alertsPrevented
       FROM exclusions e ${opts.includeRemoved ? '' : 'WHERE e.removed_at IS NULL'} ORDER BY e.id`,
    )
    .all() as ExclusionListItem[];
}

/** Open or reopened alerts that this exclusion would have prevented (source, or all evidence by the account). */
export function alertsPreventedBy(db: Database.Database, exclusionId: number): number[] {
  const ex = loadActiveExclusions(db).find((e) => e.id === exclusionId);
  if (!ex) throw new ExclusionError(`no active exclusion ${exclusionId}`);
  const names = db.prepare('SELECT DISTINCT name FROM host_names WHERE ip = ?').pluck();
  const matcher = new ExclusionMatcher([ex], (ip) => names.all(ip) as string[]);
  const open = db
    .prepare(`SELECT id, detection, source FROM alerts WHERE status IN ('open', 'reopened') ${ex.detection === 'all' ? '' : 'AND detection = ?'} ORDER BY id`)
    .all(...(ex.detection === 'all' ? [] : [ex.detection])) as { id: number; detection: DetectionId; source: string }[];
  const evidence = db.prepare('SELECT a.data FROM alert_activities aa JOIN activities a ON a.id = aa.activity_id WHERE aa.alert_id = ?').pluck();
  return open
    .filter((a) => {
      if (ex.kind !== 'account') return matcher.matchSource(a.detection, a.source) !== null;
      const acts = (evidence.all(a.id) as string[]).map((d) => JSON.parse(d) as Parameters<ExclusionMatcher['matchAccount']>[1]);
      return acts.length > 0 && acts.every((act) => matcher.matchAccount(a.detection, act) !== null);
    })
    .map((a) => a.id);
}
