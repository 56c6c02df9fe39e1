/**
 * The store's Sink with the size check the pipeline uses to decide whether to hash a file before
 * reading it (Sink.hasCompleteCaptureOfSize). The store does not offer it, so it is answered here
 * from the captures list (db/captures.ts), read once per run and kept up to date as imports finish.
 */
import type { Store } from '../../db/index.ts';
import type { AlertSummarizer } from '../engine/detector.ts';
import type { DetectionId } from '../engine/activity.ts';
import type { Sink } from '../engine/sink.ts';

export async function storeSink(store: Store, summarizers: ReadonlyMap<DetectionId, AlertSummarizer>): Promise<Sink> {
  const base = store.createSink(summarizers);
  if (base.hasCompleteCaptureOfSize) return base;
  const { listCaptures } = await import('../../db/captures.ts');
  const sizes = new Set(listCaptures(store.db).filter((c) => c.status === 'complete').map((c) => c.size));
  const sizeOf = new Map<number, number>();
  return {
    loadEngineState: () => base.loadEngineState(),
    beginCapture: (info) => {
      const r = base.beginCapture(info);
      sizeOf.set(r.id, info.size);
      return r;
    },
    setCaptureHash: (id, sha) => base.setCaptureHash(id, sha),
    writeBatch: (b) => base.writeBatch(b),
    finishCapture: (id, status, stats, message) => {
      const r = base.finishCapture(id, status, stats, message);
      const size = sizeOf.get(id);
      if (status === 'complete' && size !== undefined) sizes.add(size);
      return r;
    },
    hasCompleteCaptureOfSize: (size) => sizes.has(size),
  };
}
