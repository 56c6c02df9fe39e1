/**
 * The store as the engine sees it (main/engine/sink.ts). Each batch is one transaction; a capture
 * is identified by its sha256 so that an import is never duplicated: a complete one is not read
 * again, an interrupted one is emptied and imported again from the start (detector state cannot be
 * resumed mid-file, so resumeFromFrame is always 0).
 */
import type Database from 'better-sqlite3';
import type { Activity } from '../main/engine/activity.ts';
import type { Batch, CaptureStats, CaptureStatus, EngineState, FinishResult, Sink, StoredAlertRef } from '../main/engine/sink.ts';
import { AlertMerger } from './alert-merge.ts';
import { BatchWriter } from './batch-write.ts';
import { beginCapture, finishCapture, setCaptureHash, type BeginInfo } from './capture-life.ts';
import { upsertCaptureFiles, type BatchWithFiles } from './capture-files.ts';
import { nameLookup } from './entities.ts';
import { ExclusionMatcher, loadActiveExclusions } from './exclusion-match.ts';
import { loadEngineState, loadDetectionSettings } from './engine-state.ts';
import { mergeWindowMicros } from './settings.ts';
import { recomputeAlert, type Summarizers, type SummaryContext } from './summaries.ts';

export class SinkError extends Error {}

export class StoreSink implements Sink {
  /** Activity object -> row id, across batches, so that evidence emitted in an earlier batch links. */
  private readonly rowIds = new WeakMap<Activity, number>();
  private readonly writer: BatchWriter;
  private readonly merger: AlertMerger;
  private readonly captureStatus: Database.Statement;
  private readonly namesOfIp: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly summarizers: Summarizers,
  ) {
    this.writer = new BatchWriter(db);
    this.merger = new AlertMerger(db);
    this.captureStatus = db.prepare('SELECT status FROM captures WHERE id = ?').pluck();
    this.namesOfIp = db.prepare('SELECT DISTINCT name FROM host_names WHERE ip = ?').pluck();
  }

  summaryContext(): SummaryContext {
    return { summarizers: this.summarizers, settings: loadDetectionSettings(this.db), names: nameLookup(this.db) };
  }

  loadEngineState(): EngineState {
    return loadEngineState(this.db);
  }

  beginCapture(info: BeginInfo): { id: number; alreadyComplete: boolean; resumeFromFrame: number } {
    return beginCapture(this.db, info, () => this.summaryContext());
  }

  /** Lets the pipeline hash a file first (and skip it) only when a complete import of that size exists. */
  hasCompleteCaptureOfSize(size: number): boolean {
    return this.db.prepare("SELECT 1 FROM captures WHERE status = 'complete' AND size = ? LIMIT 1").get(size) !== undefined;
  }

  setCaptureHash(captureId: number, sha256: string): void {
    setCaptureHash(this.db, captureId, sha256);
  }

  writeBatch(batch: Batch): StoredAlertRef[] {
    const fresh = new Map<Activity, number>();
    const refs = this.db.transaction((): StoredAlertRef[] => {
      const status = this.captureStatus.get(batch.captureId) as CaptureStatus | undefined;
      if (status !== 'importing') throw new SinkError(`capture ${batch.captureId} is ${status ?? 'unknown'}, not importing`);
      const rowIdOf = (a: Activity): number => {
        const known = this.rowIds.get(a) ?? fresh.get(a);
        if (known !== undefined) return known;
        // Evidence the engine did not hand over as an activity of this or an earlier batch: store it now.
        const id = this.writer.activity(batch.captureId, a);
        fresh.set(a, id);
        return id;
      };
      for (const a of batch.activities) if (!this.rowIds.has(a) && !fresh.has(a)) fresh.set(a, this.writer.activity(batch.captureId, a));
      this.writer.entities(batch.activities);
      this.writer.learned(batch);
      // A live capture's ring files and their frame ranges, in the same transaction as the evidence.
      const files = (batch as BatchWithFiles).captureFiles;
      if (files) upsertCaptureFiles(this.db, batch.captureId, files);
      if (batch.alertUpdates.length === 0) return [];
      const matcher = new ExclusionMatcher(loadActiveExclusions(this.db), (ip) => this.namesOfIp.all(ip) as string[]);
      const { touched } = this.merger.apply(batch.captureId, batch.alertUpdates, rowIdOf, matcher, mergeWindowMicros(this.db));
      const ctx = this.summaryContext();
      const out: StoredAlertRef[] = [];
      for (const [id, created] of touched) {
        if (!recomputeAlert(this.db, id, ctx, 'incremental')) {
          // All of its evidence was deleted meanwhile: an alert without evidence is not kept.
          if (created) this.db.prepare('DELETE FROM alerts WHERE id = ?').run(id);
          continue;
        }
        const detection = this.db.prepare('SELECT detection FROM alerts WHERE id = ?').pluck().get(id) as StoredAlertRef['detection'];
        out.push({ id, detection, created });
      }
      return out;
    })();
    // Only after the commit: a rolled-back batch must not leave ids of rows that do not exist.
    for (const [a, id] of fresh) this.rowIds.set(a, id);
    return refs;
  }

  finishCapture(captureId: number, status: CaptureStatus, stats: CaptureStats, message?: string): FinishResult {
    return finishCapture(this.db, captureId, status, stats, message, () => this.summaryContext());
  }
}
