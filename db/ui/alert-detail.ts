/** The alert page's queries: evidence activities, audit trail, analyst notes, sensitivity facts. */
import type { Db } from './names.ts';

export interface EvidenceRowDb {
  id: number;
  kind: string;
  ts: number;
  capture_id: number;
  file: string;
  frames: string;
  data: string;
  suppressed_by: number | null;
}

/** Evidence of an alert in packet-time order, capped (the page shows the first `limit`). */
export function alertEvidence(db: Db, alertId: number, limit: number): { rows: EvidenceRowDb[]; total: number } {
  const rows = db
    .prepare<[number, number], EvidenceRowDb>(
      `SELECT t.id, t.kind, t.ts, t.capture_id, c.file, t.frames, t.data, t.suppressed_by
       FROM alert_activities aa JOIN activities t ON t.id = aa.activity_id JOIN captures c ON c.id = t.capture_id
       WHERE aa.alert_id = ? ORDER BY t.ts, t.id LIMIT ?`,
    )
    .all(alertId, limit);
  const total = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM alert_activities WHERE alert_id = ?').get(alertId)?.n ?? 0;
  return { rows, total };
}

/** Every evidence frame per capture (frames JSON of each activity), for Wireshark and the slice. */
export function alertFrames(db: Db, alertId: number): { captureId: number; file: string; frames: number[] }[] {
  const rows = db
    .prepare<[number], { capture_id: number; file: string; frames: string }>(
      `SELECT t.capture_id, c.file, t.frames FROM alert_activities aa JOIN activities t ON t.id = aa.activity_id
       JOIN captures c ON c.id = t.capture_id WHERE aa.alert_id = ? ORDER BY t.capture_id`,
    )
    .all(alertId);
  const by = new Map<number, { captureId: number; file: string; frames: Set<number> }>();
  for (const r of rows) {
    const e = by.get(r.capture_id) ?? { captureId: r.capture_id, file: r.file, frames: new Set<number>() };
    by.set(r.capture_id, e);
    for (const f of parseNumbers(r.frames)) e.frames.add(f);
  }
  return [...by.values()].map((e) => ({ captureId: e.captureId, file: e.file, frames: [...e.frames].sort((a, b) => a - b) }));
}

export function parseNumbers(json: string): number[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number' && Number.isInteger(x)) : [];
  } catch {
    return []; // a damaged JSON column shows as no frames rather than breaking the page
  }
}

export interface AuditRowDb {
  id: number;
  at: string;
  author: string;
  action: string;
  from_state: string | null;
  to_state: string | null;
  reason: string | null;
  alert_id: number | null;
}
export function alertAudit(db: Db, alertId: number): AuditRowDb[] {
  return db
    .prepare<[number], AuditRowDb>('SELECT id, at, author, action, from_state, to_state, reason, alert_id FROM audit WHERE alert_id = ? ORDER BY id')
    .all(alertId);
}

export function alertNotes(db: Db, alertId: number) {
  return db.prepare<[number], { author: string; text: string; at: string }>('SELECT author, text, at FROM alert_notes WHERE alert_id = ? ORDER BY id').all(alertId);
}

export interface AccountFacts {
  /** Lower-case name -> the analyst's note, for accounts tagged sensitive. */
  tagged: Map<string, string | null>;
  /** Lower-case name -> RID, when known. */
  rids: Map<string, number>;
  /** Lower-case name -> why the store marked it sensitive (e.g. 'member of Domain Admins'). */
  reasons: Map<string, string>;
}

export function accountFacts(db: Db): AccountFacts {
  const tagged = new Map<string, string | null>();
  const rids = new Map<string, number>();
  const reasons = new Map<string, string>();
  const rows = db
    .prepare<[], { name_key: string; tagged: number; tag_note: string | null; rid: number | null; sensitive_reason: string | null }>(
      'SELECT name_key, tagged, tag_note, rid, sensitive_reason FROM accounts WHERE tagged = 1 OR rid IS NOT NULL OR sensitive_reason IS NOT NULL',
    )
    .all();
  for (const r of rows) {
    if (r.tagged) tagged.set(r.name_key, r.tag_note);
    if (r.rid !== null) rids.set(r.name_key, r.rid);
    if (r.sensitive_reason) reasons.set(r.name_key, r.sensitive_reason);
  }
  return { tagged, rids, reasons };
}

/** Is there an active exclusion of this source (ip or host name) for this detection (or all)? */
export function sourceExcluded(db: Db, detection: string, ip: string, name: string | null): boolean {
  const row = db
    .prepare<[string, string, string], { n: number }>(
      `SELECT count(*) AS n FROM exclusions WHERE removed_at IS NULL AND detection IN ('all', ?)
       AND ((kind = 'ip' AND value = ?) OR (kind = 'host' AND lower(value) = lower(?)))`,
    )
    .get(detection, ip, name ?? '\u0000');
  return (row?.n ?? 0) > 0;
}
