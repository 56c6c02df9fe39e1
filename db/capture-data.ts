/**
 * Removing what one capture produced: its activities and evidence links, the names, roles and SAMR
 * learning it taught first, what its exclusions stopped; then alerts are settled (recomputed from
 * the evidence other captures still give, or deleted when none is left). Callers run this inside
 * their transaction.
 */
import type Database from 'better-sqlite3';
import { settleAlerts, type SummaryContext } from './summaries.ts';

export interface RemovedCaptureData {
  activities: number;
  alertsDeleted: number[];
  alertsUpdated: number[];
}

export function removeCaptureData(db: Database.Database, captureId: number, ctx: SummaryContext): RemovedCaptureData {
  const alertIds = db
    .prepare('SELECT DISTINCT aa.alert_id FROM activities a JOIN alert_activities aa ON aa.activity_id = a.id WHERE a.capture_id = ?')
    .pluck()
    .all(captureId) as number[];
  const hostCandidates = db
    .prepare('SELECT src FROM activities WHERE capture_id = ? UNION SELECT dst FROM activities WHERE capture_id = ? UNION SELECT ip FROM host_names WHERE capture_id = ? UNION SELECT ip FROM host_roles WHERE capture_id = ?')
    .pluck()
    .all(captureId, captureId, captureId, captureId) as string[];
  const accountCandidates = db.prepare('SELECT DISTINCT account FROM activities WHERE capture_id = ? AND account IS NOT NULL').pluck().all(captureId) as string[];

  const activities = db.prepare('DELETE FROM activities WHERE capture_id = ?').run(captureId).changes;
  for (const table of ['host_names', 'host_roles', 'samr_learning', 'samr_baseline', 'exclusion_hits']) {
    db.prepare(`DELETE FROM ${table} WHERE capture_id = ?`).run(captureId);
  }
  const settled = settleAlerts(db, alertIds, ctx);
  forgetOrphanHosts(db, hostCandidates);
  forgetOrphanAccounts(db, accountCandidates);
  return { activities, alertsDeleted: settled.deleted, alertsUpdated: settled.updated };
}

function forgetOrphanHosts(db: Database.Database, ips: readonly string[]): void {
  const del = db.prepare(`DELETE FROM hosts WHERE ip = @v
    AND NOT EXISTS (SELECT 1 FROM activities WHERE src = @v) AND NOT EXISTS (SELECT 1 FROM activities WHERE dst = @v)
    AND NOT EXISTS (SELECT 1 FROM host_names WHERE ip = @v) AND NOT EXISTS (SELECT 1 FROM host_roles WHERE ip = @v)
    AND NOT EXISTS (SELECT 1 FROM alerts WHERE source = @v) AND NOT EXISTS (SELECT 1 FROM alerts WHERE target = @v)`);
  for (const ip of ips) del.run({ v: ip });
}

function forgetOrphanAccounts(db: Database.Database, keys: readonly string[]): void {
  const del = db.prepare('DELETE FROM accounts WHERE name_key = @v AND tagged = 0 AND NOT EXISTS (SELECT 1 FROM activities WHERE account = @v)');
  for (const k of keys) del.run({ v: k });
}

/** True when a process with this id runs on this machine. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * An import whose process died (kill -9, power loss) is still marked 'importing': mark it
 * 'interrupted' so that the analyst sees it and a re-run completes it.
 */
export function markStaleImports(db: Database.Database): number {
  const rows = db.prepare("SELECT id, pid, last_frame FROM captures WHERE status = 'importing'").all() as { id: number; pid: number | null; last_frame: number }[];
  const stale = rows.filter((r) => r.pid === null || (r.pid !== process.pid && !processAlive(r.pid)));
  if (stale.length === 0) return 0;
  const mark = db.prepare("UPDATE captures SET status = 'interrupted', message = ?, pid = NULL WHERE id = ? AND status = 'importing'");
  db.transaction(() => {
    for (const r of stale) mark.run(`import stopped unexpectedly after frame ${r.last_frame}`, r.id);
  })();
  return stale.length;
}
