/**
 * Beginning and finishing an import. Dedupe is by sha256: a complete capture is never read again
 * (unless forced, which replaces its data in one transaction); an unfinished one (interrupted,
 * failed, or 'importing' by a dead process) is emptied and imported again under the same id. When
 * the hash is known only at the end, the dedupe happens at finish, in the same transaction.
 */
import { InputError } from './errors.ts';
import type Database from 'better-sqlite3';
import type { CaptureStats, CaptureStatus, FinishResult } from '../main/engine/sink.ts';
import { processAlive, removeCaptureData } from './capture-data.ts';
import type { SummaryContext } from './summaries.ts';
import { nowIso } from './time.ts';

export class CaptureError extends InputError {}

export interface BeginInfo {
  file: string;
  size: number;
  sha256: string | null;
  live: boolean;
  force?: boolean;
}

const SHA256 = /^[0-9a-f]{64}$/;
const UNFINISHED = "('interrupted', 'failed', 'importing')";

interface CaptureKey {
  id: number;
  status: CaptureStatus;
  pid: number | null;
}

function checkNotBusy(c: CaptureKey): void {
  if (c.status === 'importing' && c.pid !== null && c.pid !== process.pid && processAlive(c.pid)) {
    throw new CaptureError(`capture ${c.id} is being imported right now by process ${c.pid}`);
  }
}

/** Empties a capture and starts it again; its hash is what this run knows (null until setCaptureHash). */
function restart(db: Database.Database, id: number, info: BeginInfo, sha: string | null, ctx: SummaryContext): void {
  removeCaptureData(db, id, ctx);
  db.prepare(
    `UPDATE captures SET file = ?, sha256 = ?, size = ?, live = ?, status = 'importing', message = NULL, packets = 0, bytes = 0, last_frame = 0,
       first_packet = NULL, last_packet = NULL, started_at = ?, finished_at = NULL, duration_ms = NULL, pid = ? WHERE id = ?`,
  ).run(info.file, sha, info.size, info.live ? 1 : 0, nowIso(), process.pid, id);
}

export function beginCapture(db: Database.Database, info: BeginInfo, context: () => SummaryContext): { id: number; alreadyComplete: boolean; resumeFromFrame: number } {
  if (typeof info.file !== 'string' || info.file === '') throw new CaptureError('a capture needs a file name');
  const sha = info.sha256 === null ? null : info.sha256.toLowerCase();
  if (sha !== null && !SHA256.test(sha)) throw new CaptureError(`'${info.sha256}' is not a sha256 in hex`);
  return db.transaction(() => {
    // An unfinished import of this file: by hash, or by path and size when one of the two runs
    // streamed the file and its hash was not known when it stopped.
    const samePathUnfinished = `SELECT id, status, pid FROM captures WHERE live = 0 AND file = @file AND size = @size AND status IN ${UNFINISHED}`;
    const candidates: CaptureKey[] = info.live
      ? []
      : sha !== null
        ? (db
            .prepare(
              `SELECT id, status, pid FROM captures WHERE sha256 = @sha AND (status = 'complete' OR status IN ${UNFINISHED})
               UNION SELECT * FROM (${samePathUnfinished} AND sha256 IS NULL)`,
            )
            .all({ sha, file: info.file, size: info.size }) as CaptureKey[])
        : (db.prepare(samePathUnfinished).all({ file: info.file, size: info.size }) as CaptureKey[]);
    // A complete import first, then the most recent attempt.
    candidates.sort((a, b) => Number(b.status === 'complete') - Number(a.status === 'complete') || b.id - a.id);
    const complete = candidates.find((c) => c.status === 'complete');
    if (complete && !info.force) return { id: complete.id, alreadyComplete: true, resumeFromFrame: 0 };
    const reuse = complete ?? candidates[0];
    for (const c of candidates) checkNotBusy(c);
    // Older unfinished attempts of the same file are superseded: their data goes.
    for (const c of candidates) {
      if (c === reuse) continue;
      // A fresh context each time: names it caches may be gone with the data just removed.
      removeCaptureData(db, c.id, context());
      db.prepare('DELETE FROM captures WHERE id = ?').run(c.id);
    }
    if (reuse) {
      restart(db, reuse.id, info, sha, context());
      return { id: reuse.id, alreadyComplete: false, resumeFromFrame: 0 };
    }
    const row = db
      .prepare("INSERT INTO captures (file, sha256, size, live, status, started_at, pid) VALUES (?, ?, ?, ?, 'importing', ?, ?)")
      .run(info.file, sha, info.size, info.live ? 1 : 0, nowIso(), process.pid);
    return { id: Number(row.lastInsertRowid), alreadyComplete: false, resumeFromFrame: 0 };
  })();
}

export function setCaptureHash(db: Database.Database, captureId: number, sha256: string): void {
  const sha = sha256.toLowerCase();
  if (!SHA256.test(sha)) throw new CaptureError(`'${sha256}' is not a sha256 in hex`);
  const changed = db.prepare('UPDATE captures SET sha256 = ? WHERE id = ?').run(sha, captureId).changes;
  if (changed === 0) throw new CaptureError(`no capture ${captureId}`);
}

export function finishCapture(
  db: Database.Database,
  captureId: number,
  status: CaptureStatus,
  stats: CaptureStats,
  message: string | undefined,
  context: () => SummaryContext,
): FinishResult {
  return db.transaction((): FinishResult => {
    const row = db.prepare('SELECT sha256, started_at FROM captures WHERE id = ?').get(captureId) as { sha256: string | null; started_at: string } | undefined;
    if (!row) throw new CaptureError(`no capture ${captureId}`);
    if (status === 'complete' && row.sha256 !== null) {
      const existing = db.prepare("SELECT id FROM captures WHERE sha256 = ? AND status = 'complete' AND id <> ?").pluck().get(row.sha256, captureId) as number | undefined;
      if (existing !== undefined) {
        removeCaptureData(db, captureId, context());
        db.prepare('DELETE FROM captures WHERE id = ?').run(captureId);
        return { captureId: existing, duplicateOf: existing };
      }
      const stale = db.prepare(`SELECT id FROM captures WHERE sha256 = ? AND id <> ? AND status IN ${UNFINISHED}`).pluck().all(row.sha256, captureId) as number[];
      for (const id of stale) {
        removeCaptureData(db, id, context());
        db.prepare('DELETE FROM captures WHERE id = ?').run(id);
      }
    }
    const durationMs = Math.max(0, Date.now() - Date.parse(row.started_at));
    db.prepare(
      `UPDATE captures SET status = ?, message = ?, format = ?, link_types = ?, packets = ?, bytes = ?, first_packet = ?, last_packet = ?,
         skipped = ?, skipped_frames = ?, blind_spots = ?, blind_pairs = ?, decode_errors = ?, protocols = ?, finished_at = ?, duration_ms = ?, pid = NULL
       WHERE id = ?`,
    ).run(
      status,
      message ?? null,
      stats.format,
      JSON.stringify(stats.linkTypes),
      stats.packets,
      stats.bytes,
      stats.firstPacket,
      stats.lastPacket,
      JSON.stringify(stats.skipped),
      JSON.stringify(stats.skippedFrames),
      JSON.stringify(stats.blindSpots),
      JSON.stringify(stats.blindSpotPairs),
      JSON.stringify(stats.decodeErrors),
      JSON.stringify(stats.protocols),
      nowIso(),
      durationMs,
      captureId,
    );
    return { captureId, duplicateOf: null };
  })();
}
