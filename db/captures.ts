/**
 * Captures over time: the list with import reports, deleting a capture and everything only it
 * produced (one transaction), and retention of live recordings.
 */
import { InputError } from './errors.ts';
import type Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { captureFiles } from './capture-files.ts';
import type { CaptureStatus } from '../main/engine/sink.ts';
import { writeAudit } from './audit.ts';
import { removeCaptureData } from './capture-data.ts';
import { loadDetectionSettings } from './engine-state.ts';
import { nameLookup } from './entities.ts';
import { settingValue } from './settings.ts';
import type { Summarizers } from './summaries.ts';
import { isoFromMicrosOrNull } from './time.ts';

export class CaptureNotFound extends InputError {}

export interface CaptureListItem {
  id: number;
  file: string;
  size: number;
  live: boolean;
  status: CaptureStatus;
  message: string | null;
  packets: number;
  firstPacket: string | null;
  lastPacket: string | null;
  activities: number;
  alerts: number;
  startedAt: string;
  durationMs: number | null;
}

export function listCaptures(db: Database.Database): CaptureListItem[] {
  const rows = db
    .prepare(
      `SELECT c.id, c.file, c.size, c.live, c.status, c.message, c.packets, c.first_packet, c.last_packet, c.started_at, c.duration_ms,
         (SELECT count(*) FROM activities a WHERE a.capture_id = c.id) AS activities,
         (SELECT count(DISTINCT aa.alert_id) FROM activities a JOIN alert_activities aa ON aa.activity_id = a.id WHERE a.capture_id = c.id) AS alerts
       FROM captures c ORDER BY c.id`,
    )
    .all() as {
    id: number;
    file: string;
    size: number;
    live: number;
    status: CaptureStatus;
    message: string | null;
    packets: number;
    first_packet: number | null;
    last_packet: number | null;
    started_at: string;
    duration_ms: number | null;
    activities: number;
    alerts: number;
  }[];
  return rows.map((r) => ({
    id: r.id,
    file: r.file,
    size: r.size,
    live: r.live === 1,
    status: r.status,
    message: r.message,
    packets: r.packets,
    firstPacket: isoFromMicrosOrNull(r.first_packet),
    lastPacket: isoFromMicrosOrNull(r.last_packet),
    activities: r.activities,
    alerts: r.alerts,
    startedAt: r.started_at,
    durationMs: r.duration_ms,
  }));
}

export interface DeleteResult {
  captureId: number;
  activities: number;
  alertsDeleted: number[];
  alertsUpdated: number[];
  /** Ring-buffer files of a live capture that were deleted with it (after the transaction committed). */
  ringFilesRemoved?: number;
}

function deleteOne(db: Database.Database, id: number, summarizers: Summarizers): DeleteResult {
  const row = db.prepare('SELECT file, status, pid, live FROM captures WHERE id = ?').get(id) as { file: string; status: CaptureStatus; pid: number | null; live: number } | undefined;
  if (!row) throw new CaptureNotFound(`no capture ${id}`);
  if (row.status === 'importing' && row.pid !== null) throw new CaptureNotFound(`capture ${id} is being imported; stop the import first`);
  // A live capture's ring files were written by us for this capture only: they go with it (after
  // commit), so live-data retention bounds the disk too. An imported file is the analyst's: kept.
  const ring = row.live ? captureFiles(db, id).map((f) => f.path) : [];
  const removed = removeCaptureData(db, id, { summarizers, settings: loadDetectionSettings(db), names: nameLookup(db) });
  db.prepare('DELETE FROM captures WHERE id = ?').run(id);
  pendingRingFiles.push(...ring);
  return { captureId: id, ...removed, ringFilesRemoved: ring.length };
}

/** Ring files of deleted live captures, removed once the deleting transaction has committed. */
const pendingRingFiles: string[] = [];
function removeRingFilesAfterCommit(): void {
  for (const path of pendingRingFiles.splice(0)) rmSync(path, { force: true });
}
function forgetRingFilesAfterRollback<T>(fn: () => T): T {
  try {
    const result = fn();
    removeRingFilesAfterCommit();
    return result;
  } catch (err) {
    pendingRingFiles.length = 0;
    throw err;
  }
}

/** Deletes a capture, its activities and evidence; alerts keep what other captures support, the rest go. One transaction. */
export function deleteCapture(db: Database.Database, id: number, summarizers: Summarizers): DeleteResult {
  return forgetRingFilesAfterRollback(() => db.transaction(() => {
    const result = deleteOne(db, id, summarizers);
    writeAudit(db, { action: 'capture-delete', reason: `capture ${id}`, from: { captureId: id }, to: { activities: result.activities, alertsDeleted: result.alertsDeleted, alertsUpdated: result.alertsUpdated } });
    return result;
  })());
}

/** Deletes live captures older than the retention setting (or `days`); 0 keeps everything. One transaction. */
export function applyRetention(db: Database.Database, summarizers: Summarizers, days = Number(settingValue(db, 'liveRetentionDays')), now = Date.now()): DeleteResult[] {
  if (!(days > 0)) return [];
  const cutoff = new Date(now - days * 86_400_000).toISOString();
  return forgetRingFilesAfterRollback(() => db.transaction(() => {
    const ids = db
      .prepare("SELECT id FROM captures WHERE live = 1 AND status <> 'importing' AND coalesce(finished_at, started_at) < ? ORDER BY id")
      .pluck()
      .all(cutoff) as number[];
    const results = ids.map((id) => deleteOne(db, id, summarizers));
    if (results.length) writeAudit(db, { action: 'retention', reason: `live captures older than ${days} days`, to: { captures: ids } });
    return results;
  })());
}
