/**
 * Alert life (DESIGN.md): open -> closed (tp | btp | fp, optional note) -> reopened -> closed ...
 * Each call is one transaction with one audit entry whose id is the undo token (db/undo.ts).
 * "Close and exclude" closes as B-TP and excludes the source computer (its ip, and its name when
 * known) for the alert's detection, in the same transaction.
 */
import { InputError } from './errors.ts';
import type Database from 'better-sqlite3';
import type { DetectionId } from '../main/engine/activity.ts';
import { writeAudit, type AlertState, type AuditAction } from './audit.ts';
import { nameLookup } from './entities.ts';
import { alertsPreventedBy, findActive, insertExclusion } from './exclusions.ts';
import type { Classification } from './json.ts';
import { analystName } from './settings.ts';
import { nowIso } from './time.ts';

export class TriageError extends InputError {}

export const CLASSIFICATIONS: readonly Classification[] = ['tp', 'btp', 'fp'];

export function parseClassification(s: string): Classification {
  const v = s.toLowerCase().replace('-', '');
  if ((CLASSIFICATIONS as readonly string[]).includes(v)) return v as Classification;
  throw new TriageError(`'${s}' is not a classification (tp, btp or fp)`);
}

export interface TriageResult {
  /** The audit entry of this change: pass it to undo(). */
  auditId: number;
  alerts: AlertState[];
  /** Exclusions this change added. */
  exclusionIds: number[];
}

export function alertState(db: Database.Database, id: number): AlertState & { detection: DetectionId; source: string } {
  const row = db.prepare('SELECT id, status, classification, detection, source FROM alerts WHERE id = ?').get(id) as
    | (AlertState & { detection: DetectionId; source: string })
    | undefined;
  if (!row) throw new TriageError(`no alert ${id}`);
  return row;
}

function addNoteRow(db: Database.Database, alertId: number, author: string, text: string): void {
  db.prepare('INSERT INTO alert_notes (alert_id, author, text, at) VALUES (?, ?, ?, ?)').run(alertId, author, text, nowIso());
}

/** Exclusions of an alert's source for its detection: its ip, and its best-known name. Existing ones are not duplicated. */
function excludeSource(db: Database.Database, alert: { id: number; detection: DetectionId; source: string }, author: string, note: string | null): number[] {
  const added: number[] = [];
  const name = nameLookup(db).nameOf(alert.source);
  const wanted: ['ip' | 'host', string][] = [['ip', alert.source]];
  if (name) wanted.push(['host', name]);
  for (const [kind, value] of wanted) {
    if (findActive(db, alert.detection, kind, value) !== null || findActive(db, 'all', kind, value) !== null) continue;
    added.push(insertExclusion(db, { detection: alert.detection, kind, value, note, fromAlert: alert.id }, author));
  }
  return added;
}

export interface CloseOptions {
  note?: string | null;
  /** Also exclude the source computer for the alert's detection (close and exclude). */
  exclude?: boolean;
}

/** Closes alerts (one or many) in one transaction; with `exclude`, their sources are excluded in it too. */
export function closeAlerts(db: Database.Database, alertIds: readonly number[], classification: Classification, opts: CloseOptions = {}, action?: AuditAction): TriageResult {
  const ids = [...new Set(alertIds)];
  if (ids.length === 0) throw new TriageError('no alert to close');
  parseClassification(classification);
  return db.transaction((): TriageResult => {
    const author = analystName(db);
    const before = ids.map((id) => alertState(db, id));
    for (const a of before) if (a.status === 'closed') throw new TriageError(`alert ${a.id} is already closed`);
    const set = db.prepare("UPDATE alerts SET status = 'closed', classification = ?, updated_at = ? WHERE id = ?");
    for (const a of before) set.run(classification, nowIso(), a.id);
    const note = opts.note?.trim() ? opts.note.trim() : null;
    const exclusionIds = opts.exclude ? before.flatMap((a) => excludeSource(db, a, author, note)) : [];
    if (note) for (const a of before) addNoteRow(db, a.id, author, note);
    const from = before.map(({ id, status, classification: c }) => ({ id, status, classification: c }));
    const to = before.map((a) => ({ id: a.id, status: 'closed' as const, classification }));
    const act: AuditAction = action ?? (opts.exclude ? 'close-and-exclude' : 'close');
    const auditId = writeAudit(
      db,
      { action: act, alertId: ids.length === 1 ? ids[0] : null, exclusionId: exclusionIds[0] ?? null, from: { alerts: from }, to: { alerts: to, exclusions: exclusionIds }, reason: note },
      author,
    );
    // A change of several alerts also leaves one entry per alert, so that each alert's trail is complete.
    if (ids.length > 1) {
      for (const [i, a] of from.entries()) {
        writeAudit(db, { action: act, alertId: a.id, from: { alerts: [a] }, to: { alerts: [to[i]] }, reason: note, groupId: auditId }, author);
      }
    }
    return { auditId, alerts: to, exclusionIds };
  })();
}

export const closeAlert = (db: Database.Database, id: number, classification: Classification, opts: CloseOptions = {}): TriageResult =>
  closeAlerts(db, [id], classification, opts);

/** The one-click action: close as B-TP and exclude the source for this detection, one transaction. */
export const closeAndExclude = (db: Database.Database, id: number, note: string | null = null): TriageResult =>
  closeAlerts(db, [id], 'btp', { note, exclude: true });

export function reopenAlert(db: Database.Database, id: number, note: string | null = null): TriageResult {
  return db.transaction((): TriageResult => {
    const author = analystName(db);
    const before = alertState(db, id);
    if (before.status !== 'closed') throw new TriageError(`alert ${id} is ${before.status}, not closed`);
    db.prepare("UPDATE alerts SET status = 'reopened', classification = NULL, updated_at = ? WHERE id = ?").run(nowIso(), id);
    const text = note?.trim() ? note.trim() : null;
    if (text) addNoteRow(db, id, author, text);
    const to = [{ id, status: 'reopened' as const, classification: null }];
    const from = [{ id, status: before.status, classification: before.classification }];
    const auditId = writeAudit(db, { action: 'reopen', alertId: id, from: { alerts: from }, to: { alerts: to }, reason: text }, author);
    return { auditId, alerts: to, exclusionIds: [] };
  })();
}

export function addNote(db: Database.Database, id: number, text: string): number {
  const t = text.trim();
  if (t === '' || t.length > 10_000) throw new TriageError('a note needs 1..10000 characters');
  return db.transaction(() => {
    alertState(db, id);
    const author = analystName(db);
    addNoteRow(db, id, author, t);
    return writeAudit(db, { action: 'note', alertId: id, reason: t }, author);
  })();
}

/** Closes the open alerts an exclusion would have prevented (offered after adding one). */
export function closePrevented(db: Database.Database, exclusionId: number, classification: Classification = 'btp', note: string | null = null): TriageResult | null {
  return db.transaction(() => {
    const ids = alertsPreventedBy(db, exclusionId);
    if (ids.length === 0) return null;
    return closeAlerts(db, ids, classification, { note: note ?? `covered by exclusion ${exclusionId}` }, 'close-prevented');
  })();
}
