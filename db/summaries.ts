/**
 * Recomputes an alert's derived view (title, exposed accounts, counts, details, first/last seen)
 * from its evidence, through the detection's summarizer. Called once per touched alert per batch,
 * and after evidence is removed (capture deletion, re-import of an interrupted capture).
 */
import type Database from 'better-sqlite3';
import { SENSITIVE_RIDS, type Activity, type DetectionId } from '../main/engine/activity.ts';
import { computerLabel, DETECTION_NAMES, type AlertSummarizer, type AlertSummary, type AlertUpdate, type DetectionSettings, type NameLookup } from '../main/engine/detector.ts';
import { parseJsonArray } from './rows.ts';

/**
 * The summarizer sees at most this many evidence activities (the most recently stored): bounded
 * memory and time per alert. Large enough that a real enumeration (tens of thousands of guesses) is
 * counted exactly; beyond it the details say how many activities the summary did not see.
 */
export const SUMMARY_EVIDENCE_CAP = 100_000;

export type Summarizers = ReadonlyMap<DetectionId, AlertSummarizer>;

const SENSITIVE_NAMES = new Set([...SENSITIVE_RIDS.values()].map((n) => n.toLowerCase()));

export function isSensitiveAccount(name: string, tagged: ReadonlySet<string>): boolean {
  const key = name.toLowerCase();
  if (tagged.has(key) || tagged.has(name) || SENSITIVE_NAMES.has(key)) return true;
  const rid = /^RID-(\d+)$/i.exec(name);
  return rid !== null && SENSITIVE_RIDS.has(Number(rid[1]));
}

/** Used only when a run was given no summarizer for a detection: a plain sentence from the key. */
function plainSummary(detection: DetectionId, source: string, target: string, names: NameLookup): AlertSummary {
  return { title: `${DETECTION_NAMES[detection]}: ${computerLabel(source, names)} against ${computerLabel(target, names)}`, exposedAccounts: [], details: {} };
}

export interface SummaryContext {
  summarizers: Summarizers;
  settings: DetectionSettings;
  names: NameLookup;
}

/**
 * Returns false when the alert has no evidence left (the caller decides whether to delete it).
 * `incremental`: evidence was only added since the last summary, and the merge already moved first
 * and last seen; `full`: evidence may have been removed, so they are recomputed from all of it.
 */
export function recomputeAlert(db: Database.Database, alertId: number, ctx: SummaryContext, mode: 'incremental' | 'full' = 'full'): boolean {
  const alert = db.prepare('SELECT detection, source, target, notes, first_seen, last_seen FROM alerts WHERE id = ?').get(alertId) as
    | { detection: DetectionId; source: string; target: string; notes: string; first_seen: number; last_seen: number }
    | undefined;
  if (!alert) return false;
  const n = Number(db.prepare('SELECT count(*) FROM alert_activities WHERE alert_id = ?').pluck().get(alertId));
  if (n === 0) return false;
  let first = alert.first_seen;
  let last = alert.last_seen;
  if (mode === 'full') {
    const agg = db
      .prepare('SELECT MIN(a.ts) AS first, MAX(a.ts) AS last FROM alert_activities aa JOIN activities a ON a.id = aa.activity_id WHERE aa.alert_id = ?')
      .get(alertId) as { first: number; last: number };
    first = agg.first;
    last = agg.last;
  }
  // The most recently stored evidence, read through the evidence index without sorting all of it,
  // then put in packet-time order for the summarizer.
  const rows = db
    .prepare('SELECT a.id, a.ts, a.data FROM alert_activities aa JOIN activities a ON a.id = aa.activity_id WHERE aa.alert_id = ? ORDER BY aa.activity_id DESC LIMIT ?')
    .all(alertId, SUMMARY_EVIDENCE_CAP) as { id: number; ts: number; data: string }[];
  rows.sort((x, y) => x.ts - y.ts || x.id - y.id);
  const evidence = rows.map((r) => JSON.parse(r.data) as Activity);
  const notes = parseJsonArray(alert.notes) as NonNullable<AlertUpdate['note']>[];
  const summarizer = ctx.summarizers.get(alert.detection);
  const summary = summarizer
    ? summarizer.summarize({ source: alert.source, target: alert.target, evidence, notes, names: ctx.names, settings: ctx.settings })
    : plainSummary(alert.detection, alert.source, alert.target, ctx.names);
  if (n > rows.length) summary.details = { ...summary.details, evidenceNotSummarized: n - rows.length };
  const exposed = [...new Set(summary.exposedAccounts)];
  const sensitive = exposed.filter((name) => isSensitiveAccount(name, ctx.settings.taggedSensitive)).length;
  db.prepare(
    `UPDATE alerts SET title = ?, exposed = ?, exposed_count = ?, sensitive_count = ?, details = ?, activity_count = ?,
       first_seen = ?, last_seen = ?, updated_at = ? WHERE id = ?`,
  ).run(summary.title, JSON.stringify(exposed), exposed.length, sensitive, JSON.stringify(summary.details), n, first, last, new Date().toISOString(), alertId);
  return true;
}

/** After evidence was removed: recompute the alerts that keep some, delete those left with none. */
export function settleAlerts(db: Database.Database, alertIds: Iterable<number>, ctx: SummaryContext): { deleted: number[]; updated: number[] } {
  const deleted: number[] = [];
  const updated: number[] = [];
  const del = db.prepare('DELETE FROM alerts WHERE id = ?');
  for (const id of alertIds) {
    if (recomputeAlert(db, id, ctx)) updated.push(id);
    else {
      del.run(id);
      deleted.push(id);
    }
  }
  return { deleted, updated };
}
