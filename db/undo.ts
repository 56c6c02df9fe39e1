/**
 * Undo of a triage or exclusion change, by its audit id (the token returned by the change), in one
 * transaction: alerts go back to their previous status and classification, exclusions the change
 * added are removed, exclusions it removed are active again. Refused when the alert or exclusion
 * changed since, or when the change was already undone.
 */
import { InputError } from './errors.ts';
import type Database from 'better-sqlite3';
import { UNDOABLE_ACTIONS, writeAudit, type ChangeState } from './audit.ts';
import { nowIso } from './time.ts';

export class UndoError extends InputError {}

export function undo(db: Database.Database, auditId: number): { auditId: number; action: string; alerts: number; exclusions: number } {
  return db.transaction(() => {
    const row = db.prepare('SELECT action, alert_id, from_state, to_state, group_id FROM audit WHERE id = ?').get(auditId) as
      | { action: string; alert_id: number | null; from_state: string | null; to_state: string | null; group_id: number | null }
      | undefined;
    if (!row) throw new UndoError(`no audit entry ${auditId}`);
    if (row.group_id !== null) throw new UndoError(`entry ${auditId} is part of change ${row.group_id}: undo that one`);
    if (!UNDOABLE_ACTIONS.has(row.action)) throw new UndoError(`a '${row.action}' cannot be undone`);
    // Undo rows written by the UI's own triage before it used this module carry the same reason text.
    const done = db.prepare("SELECT 1 FROM audit WHERE undo_of = ? OR (action = 'undo' AND reason = ?)").get(auditId, `undo of #${auditId}`);
    if (done) throw new UndoError(`change ${auditId} was already undone`);
    const from = JSON.parse(row.from_state ?? '{}') as ChangeState;
    const to = JSON.parse(row.to_state ?? '{}') as ChangeState;

    const current = db.prepare('SELECT status, classification FROM alerts WHERE id = ?');
    for (const a of to.alerts ?? []) {
      const now = current.get(a.id) as { status: string; classification: string | null } | undefined;
      if (!now) throw new UndoError(`alert ${a.id} no longer exists`);
      if (now.status !== a.status || now.classification !== a.classification) throw new UndoError(`alert ${a.id} changed since (now ${now.status}): undo refused`);
    }
    const removedAt = db.prepare('SELECT removed_at FROM exclusions WHERE id = ?').pluck();
    for (const id of to.exclusions ?? []) if (removedAt.get(id) !== null) throw new UndoError(`exclusion ${id} was removed since: undo refused`);
    for (const id of to.exclusionsRemoved ?? []) if (removedAt.get(id) === null) throw new UndoError(`exclusion ${id} is active again: undo refused`);

    const setAlert = db.prepare('UPDATE alerts SET status = ?, classification = ?, updated_at = ? WHERE id = ?');
    for (const a of from.alerts ?? []) setAlert.run(a.status, a.classification, nowIso(), a.id);
    const remove = db.prepare('UPDATE exclusions SET removed_at = ? WHERE id = ? AND removed_at IS NULL');
    for (const id of to.exclusions ?? []) remove.run(nowIso(), id);
    const restore = db.prepare('UPDATE exclusions SET removed_at = NULL WHERE id = ?');
    for (const id of to.exclusionsRemoved ?? []) restore.run(id);
    const exclusionId = to.exclusions?.[0] ?? to.exclusionsRemoved?.[0] ?? null;
    const undoId = writeAudit(db, { action: 'undo', alertId: row.alert_id, exclusionId, from: to, to: from, reason: `undo of #${auditId}`, undoOf: auditId });
    // Each alert of a several-alert change gets its own entry too.
    if ((from.alerts?.length ?? 0) > 1) {
      for (const a of from.alerts ?? []) {
        writeAudit(db, { action: 'undo', alertId: a.id, from: { alerts: (to.alerts ?? []).filter((x) => x.id === a.id) }, to: { alerts: [a] }, reason: `undo of #${auditId}`, groupId: undoId });
      }
    }
    return { auditId: undoId, action: row.action, alerts: from.alerts?.length ?? 0, exclusions: (to.exclusions?.length ?? 0) + (to.exclusionsRemoved?.length ?? 0) };
  })();
}
