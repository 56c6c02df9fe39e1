/**
 * Turning alert updates into alerts (DESIGN.md "Alert life"): an update from an excluded source (or
 * whose activities all concern excluded accounts) creates nothing and marks its activities
 * suppressed; otherwise it joins the open or reopened alert with the same (detection, source,
 * target) when its time is at most the merge window after the alert's last activity (or before its
 * first, when an older file is imported after a newer one), or creates a new alert. A closed alert is
 * never reopened by traffic.
 */
import type Database from 'better-sqlite3';
import type { Activity } from '../main/engine/activity.ts';
import type { AlertUpdate } from '../main/engine/detector.ts';
import { SEVERITY } from '../main/engine/detector.ts';
import type { ExclusionMatcher } from './exclusion-match.ts';

export interface MergeResult {
  /** Alerts touched by the batch, in first-touch order; true when created by it. */
  touched: Map<number, boolean>;
}

export class AlertMerger {
  private readonly findOpen: Database.Statement;
  private readonly insertAlert: Database.Statement;
  private readonly extendAlert: Database.Statement;
  private readonly link: Database.Statement;
  private readonly suppress: Database.Statement;
  private readonly hit: Database.Statement;
  private readonly notesOf: Database.Statement;
  private readonly setNotes: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.findOpen = db.prepare(
      `SELECT id, first_seen, last_seen FROM alerts WHERE detection = ? AND source = ? AND target = ? AND status IN ('open', 'reopened')
       ORDER BY last_seen DESC, id DESC LIMIT 1`,
    );
    this.insertAlert = db.prepare(
      `INSERT INTO alerts (detection, source, target, status, severity, title, first_seen, last_seen, created_at, updated_at)
       VALUES (?, ?, ?, 'open', ?, ?, ?, ?, ?, ?)`,
    );
    this.extendAlert = db.prepare('UPDATE alerts SET first_seen = min(first_seen, ?), last_seen = max(last_seen, ?) WHERE id = ?');
    // Through a SELECT: an activity deleted meanwhile (its capture was deleted while this run still
    // held it as detector state) is skipped instead of failing the batch on the foreign key.
    this.link = db.prepare('INSERT INTO alert_activities (alert_id, activity_id) SELECT ?, id FROM activities WHERE id = ? ON CONFLICT DO NOTHING');
    this.suppress = db.prepare('UPDATE activities SET suppressed_by = ? WHERE id = ? AND suppressed_by IS NULL');
    this.hit = db.prepare(
      `INSERT INTO exclusion_hits (exclusion_id, capture_id, detection, source, target, first_ts, last_ts, updates) VALUES (@exclusion, @capture, @detection, @source, @target, @ts, @ts, 1)
       ON CONFLICT DO UPDATE SET first_ts = min(first_ts, @ts), last_ts = max(last_ts, @ts), updates = updates + 1`,
    );
    this.notesOf = db.prepare('SELECT notes FROM alerts WHERE id = ?').pluck();
    this.setNotes = db.prepare('UPDATE alerts SET notes = ? WHERE id = ?');
  }

  apply(
    captureId: number,
    updates: readonly AlertUpdate[],
    rowIdOf: (a: Activity) => number,
    matcher: ExclusionMatcher,
    mergeWindowUs: number,
  ): MergeResult {
    const touched = new Map<number, boolean>();
    const now = new Date().toISOString();
    for (const u of updates) {
      const bySource = matcher.empty ? null : matcher.matchSource(u.detection, u.source);
      if (bySource) {
        for (const a of u.evidence) this.suppress.run(bySource.id, rowIdOf(a));
        this.hit.run({ exclusion: bySource.id, capture: captureId, detection: u.detection, source: u.source, target: u.target, ts: u.ts });
        continue;
      }
      const kept: Activity[] = [];
      let byAccount: number | null = null;
      for (const a of u.evidence) {
        const ex = matcher.empty ? null : matcher.matchAccount(u.detection, a);
        if (ex) {
          this.suppress.run(ex.id, rowIdOf(a));
          byAccount ??= ex.id;
        } else kept.push(a);
      }
      if (kept.length === 0 && byAccount !== null) {
        this.hit.run({ exclusion: byAccount, capture: captureId, detection: u.detection, source: u.source, target: u.target, ts: u.ts });
        continue;
      }
      // First and last seen follow the evidence's packet times (as a full recompute does).
      let first = kept.length ? Infinity : u.ts;
      let last = kept.length ? -Infinity : u.ts;
      for (const a of kept) {
        first = Math.min(first, a.ts);
        last = Math.max(last, a.ts);
      }
      const open = this.findOpen.get(u.detection, u.source, u.target) as { id: number; first_seen: number; last_seen: number } | undefined;
      let alertId: number;
      if (open && u.ts <= open.last_seen + mergeWindowUs && u.ts >= open.first_seen - mergeWindowUs) {
        alertId = open.id;
        this.extendAlert.run(first, last, alertId);
        if (!touched.has(alertId)) touched.set(alertId, false);
      } else {
        // The title is provisional: the summary of the touched alerts is computed at the end of the batch.
        const row = this.insertAlert.run(u.detection, u.source, u.target, SEVERITY[u.detection], u.detection, first, last, now, now);
        alertId = Number(row.lastInsertRowid);
        touched.set(alertId, true);
      }
      for (const a of kept) this.link.run(alertId, rowIdOf(a));
      if (u.note) this.addNote(alertId, u.note);
    }
    return { touched };
  }

  private addNote(alertId: number, note: NonNullable<AlertUpdate['note']>): void {
    const current = JSON.parse(String(this.notesOf.get(alertId) ?? '[]')) as unknown[];
    const text = JSON.stringify(note);
    if (current.some((n) => JSON.stringify(n) === text)) return;
    current.push(note);
    this.setNotes.run(JSON.stringify(current), alertId);
  }
}
