/**
 * Forwards every alert a batch raised or updated, right after the batch's transaction committed:
 * a Sink decorator, so the engine (analyze or live) needs no SIEM knowledge. A failure to forward
 * never fails the batch: detection and storage go on, the forwarder reports its own errors.
 */
import type { Sink, StoredAlertRef } from '../engine/sink.ts';

export function forwardingSink(inner: Sink, onAlerts: (refs: StoredAlertRef[]) => void): Sink {
  return {
    loadEngineState: () => inner.loadEngineState(),
    beginCapture: (info) => inner.beginCapture(info),
    setCaptureHash: (id, sha) => inner.setCaptureHash(id, sha),
    ...(inner.hasCompleteCaptureOfSize ? { hasCompleteCaptureOfSize: (size: number) => inner.hasCompleteCaptureOfSize!(size) } : {}),
    writeBatch(batch) {
      const refs = inner.writeBatch(batch);
      if (refs.length > 0) onAlerts(refs);
      return refs;
    },
    finishCapture: (id, status, stats, message) => inner.finishCapture(id, status, stats, message),
  };
}
