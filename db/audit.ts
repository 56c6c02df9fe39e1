/**
 * The audit trail: every status change, exclusion change, note, capture deletion and setting, with
 * when, who (the analyst name setting), what, from, to and why. The states of an undoable entry hold
 * exactly what undo needs (the entry's id is the undo token):
 *   { alerts?: [{ id, status, classification }], exclusions?: [ids added], exclusionsRemoved?: [ids removed] }
 */
import type Database from 'better-sqlite3';
import type { AlertStatus, Classification } from './json.ts';
import { analystName } from './settings.ts';
import { nowIso } from './time.ts';

export interface AlertState {
  id: number;
  status: AlertStatus;
  classification: Classification | null;
}
export interface ChangeState {
  alerts?: AlertState[];
  exclusions?: number[];
  exclusionsRemoved?: number[];
  [k: string]: unknown;
}

export type AuditAction =
  | 'close'
  | 'reopen'
  | 'close-and-exclude'
  | 'close-prevented'
  | 'undo'
  | 'exclusion-add'
  | 'exclusion-remove'
  | 'note'
  | 'tag'
  | 'capture-delete'
  | 'retention'
  | 'settings';

export const UNDOABLE_ACTIONS: ReadonlySet<string> = new Set(['close', 'reopen', 'close-and-exclude', 'close-prevented', 'bulk-close', 'exclusion-add', 'exclusion-remove']);

export interface AuditEntry {
  action: AuditAction;
  alertId?: number | null;
  exclusionId?: number | null;
  from?: unknown;
  to?: unknown;
  reason?: string | null;
  undoOf?: number | null;
  groupId?: number | null;
}

export function writeAudit(db: Database.Database, e: AuditEntry, author = analystName(db)): number {
  const row = db
    .prepare('INSERT INTO audit (at, author, action, alert_id, exclusion_id, from_state, to_state, reason, undo_of, group_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(
      nowIso(),
      author,
      e.action,
      e.alertId ?? null,
      e.exclusionId ?? null,
      e.from === undefined ? null : JSON.stringify(e.from),
      e.to === undefined ? null : JSON.stringify(e.to),
      e.reason ?? null,
      e.undoOf ?? null,
      e.groupId ?? null,
    );
  return Number(row.lastInsertRowid);
}

export interface AuditRow {
  id: number;
  at: string;
  author: string;
  action: string;
  alertId: number | null;
  exclusionId: number | null;
  from: unknown;
  to: unknown;
  reason: string | null;
  undoOf: number | null;
}

const parse = (s: string | null): unknown => (s === null ? null : (JSON.parse(s) as unknown));

export function auditTrail(db: Database.Database, filter: { alertId?: number; limit?: number } = {}): AuditRow[] {
  const rows = db
    .prepare(
      `SELECT id, at, author, action, alert_id, exclusion_id, from_state, to_state, reason, undo_of FROM audit
       ${filter.alertId !== undefined ? 'WHERE alert_id = @alert' : ''} ORDER BY id LIMIT @limit`,
    )
    .all({ ...(filter.alertId !== undefined ? { alert: filter.alertId } : {}), limit: filter.limit ?? 1000 }) as {
    id: number;
    at: string;
    author: string;
    action: string;
    alert_id: number | null;
    exclusion_id: number | null;
    from_state: string | null;
    to_state: string | null;
    reason: string | null;
    undo_of: number | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    author: r.author,
    action: r.action,
    alertId: r.alert_id,
    exclusionId: r.exclusion_id,
    from: parse(r.from_state),
    to: parse(r.to_state),
    reason: r.reason,
    undoOf: r.undo_of,
  }));
}
