/**
 * Which file on disk holds which frames of a capture (table capture_files, migration 0003). A live
 * capture with a ring buffer keeps its raw packets in several files; the live capture's batches carry
 * the ring's current files and their frame ranges, and the sink stores them in the batch's own
 * transaction, so the mapping is never behind the evidence it serves. Rows stay after the ring deletes
 * a file: its frames then read as missing, not as unknown.
 */
import type Database from 'better-sqlite3';
import type { Batch } from '../main/engine/sink.ts';

export interface CaptureFileRange {
  path: string;
  /** Frame numbers of the capture (1-based, Wireshark's numbering), inclusive. */
  firstFrame: number;
  lastFrame: number;
}

/** A batch that also says which files hold which frames (set by a live capture with a ring buffer). */
export type BatchWithFiles = Batch & { captureFiles?: readonly CaptureFileRange[] };

/** Insert or extend the rows of these files (called inside the batch's transaction). */
export function upsertCaptureFiles(db: Database.Database, captureId: number, files: readonly CaptureFileRange[]): void {
  if (files.length === 0) return;
  const put = db.prepare(
    `INSERT INTO capture_files (capture_id, path, first_frame, last_frame) VALUES (?, ?, ?, ?)
     ON CONFLICT (capture_id, path) DO UPDATE SET first_frame = excluded.first_frame, last_frame = excluded.last_frame`,
  );
  for (const f of files) {
    if (!(Number.isInteger(f.firstFrame) && Number.isInteger(f.lastFrame) && f.firstFrame >= 1 && f.lastFrame >= f.firstFrame)) continue;
    put.run(captureId, f.path, f.firstFrame, f.lastFrame);
  }
}

/** The files of a capture, by first frame (empty for a file import: its frames are in captures.file). */
export function captureFiles(db: Database.Database, captureId: number): CaptureFileRange[] {
  return db
    .prepare<[number], CaptureFileRange>('SELECT path, first_frame AS firstFrame, last_frame AS lastFrame FROM capture_files WHERE capture_id = ? ORDER BY first_frame, path')
    .all(captureId);
}

export interface FrameLocation {
  /** Per file (in frame order): the wanted frames it holds, as capture frame numbers, ascending. */
  files: { file: CaptureFileRange; frames: number[] }[];
  /** Wanted frames no listed (or no existing) file holds, ascending. */
  missing: number[];
}

/**
 * Map capture frame numbers to the files that hold them. `exists` says whether a file is still on
 * disk (the ring deletes the oldest); frames of a deleted file, or of no file, are missing. Where
 * ranges overlap (should not happen), the file listed first wins.
 */
export function locateFrames(files: readonly CaptureFileRange[], frames: readonly number[], exists: (path: string) => boolean): FrameLocation {
  const wanted = [...new Set(frames)].filter((f) => Number.isInteger(f) && f >= 1).sort((a, b) => a - b);
  const sorted = [...files].sort((a, b) => a.firstFrame - b.firstFrame || a.lastFrame - b.lastFrame);
  const present = new Map<string, boolean>();
  const isThere = (p: string): boolean => {
    let v = present.get(p);
    if (v === undefined) present.set(p, (v = exists(p)));
    return v;
  };
  const out = new Map<CaptureFileRange, number[]>();
  const missing: number[] = [];
  for (const f of wanted) {
    const file = sorted.find((r) => r.firstFrame <= f && f <= r.lastFrame);
    if (!file || !isThere(file.path)) {
      missing.push(f);
      continue;
    }
    const list = out.get(file) ?? [];
    if (list.length === 0) out.set(file, list);
    list.push(f);
  }
  return { files: sorted.filter((r) => out.has(r)).map((file) => ({ file, frames: out.get(file)! })), missing };
}
