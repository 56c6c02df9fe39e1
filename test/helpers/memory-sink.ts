/**
 * An in-memory Sink (main/engine/sink.ts) for tests: keeps every batch and capture as plain data so
 * that a test can assert on what the engine wrote. Alerts merge by (detection, source, target) like
 * the store does (without the 24 h window or exclusions: those are the store's tests).
 */
import type { Batch, CaptureStats, CaptureStatus, EngineState, Sink, StoredAlertRef } from '../../main/engine/sink.ts';
import type { AlertUpdate } from '../../main/engine/detector.ts';
import { DEFAULT_DETECTION_SETTINGS } from '../../main/engine/detector.ts';

export interface MemoryCapture {
  id: number;
  file: string;
  size: number;
  sha256: string | null;
  live: boolean;
  status: CaptureStatus;
  stats: CaptureStats | null;
  message?: string;
  lastFrame: number;
}

export interface MemoryAlert {
  id: number;
  key: string;
  updates: AlertUpdate[];
}

export interface MemorySink extends Sink {
  captures: MemoryCapture[];
  batches: Batch[];
  alerts: Map<string, MemoryAlert>;
  /** All activities written, in write order. */
  readonly activities: Batch['activities'];
}

export function memorySink(initial: Partial<EngineState> = {}): MemorySink {
  const captures: MemoryCapture[] = [];
  const batches: Batch[] = [];
  const alerts = new Map<string, MemoryAlert>();
  const state: EngineState = {
    settings: DEFAULT_DETECTION_SETTINGS,
    roles: [],
    names: [],
    samrLearningStarts: [],
    samrBaseline: [],
    ...initial,
  };
  const capture = (id: number): MemoryCapture => {
    const c = captures.find((x) => x.id === id);
    if (!c) throw new Error(`memorySink: no capture ${id}`);
    return c;
  };
  return {
    captures,
    batches,
    alerts,
    get activities() {
      return batches.flatMap((b) => b.activities);
    },
    loadEngineState: () => state,
    beginCapture(info) {
      const done = info.sha256 ? captures.find((c) => c.sha256 === info.sha256 && c.status === 'complete') : undefined;
      if (done) return { id: done.id, alreadyComplete: true, resumeFromFrame: 0 };
      const id = captures.length + 1;
      captures.push({ id, file: info.file, size: info.size, sha256: info.sha256, live: info.live, status: 'importing', stats: null, lastFrame: 0 });
      return { id, alreadyComplete: false, resumeFromFrame: 0 };
    },
    hasCompleteCaptureOfSize: (size: number) => captures.some((c) => c.size === size && c.status === 'complete'),
    setCaptureHash(id, sha256) {
      capture(id).sha256 = sha256;
    },
    writeBatch(batch): StoredAlertRef[] {
      batches.push(batch);
      capture(batch.captureId).lastFrame = batch.progress.lastFrame;
      state.roles.push(...batch.roles);
      state.names.push(...batch.names);
      state.samrLearningStarts.push(...batch.samrLearningStarts);
      state.samrBaseline.push(...batch.samrBaseline);
      return batch.alertUpdates.map((u) => {
        const key = `${u.detection}|${u.source}|${u.target}`;
        let a = alerts.get(key);
        const created = !a;
        if (!a) {
          a = { id: alerts.size + 1, key, updates: [] };
          alerts.set(key, a);
        }
        a.updates.push(u);
        return { id: a.id, detection: u.detection, created };
      });
    },
    finishCapture(id, status, stats, message) {
      const c = capture(id);
      c.status = status;
      c.stats = stats;
      if (message !== undefined) c.message = message;
    },
  };
}
