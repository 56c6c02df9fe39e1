/**
 * A live capture: dumpcap/tcpdump writing pcapng (or pcap) to a pipe, analysed as it arrives.
 * Batches are written every ~5000 activities or ~50 000 packets as for files, and also on a timer
 * (packet counts can stay low for a long time on a quiet network), so alerts show up within
 * `flushEveryMs`. Stopping through the signal ends the capture as interrupted, keeping everything.
 */
import type { Readable } from 'node:stream';
import type { ProtocolModule } from '../engine/dissector.ts';
import type { Detector } from '../engine/detector.ts';
import type { Sink } from '../engine/sink.ts';
import { Engine, type EngineProgress } from './engine.ts';
import { emptyStats, type CaptureOutcome } from './analyze.ts';
import type { GuardHooks } from '../flow/guard.ts';

export interface LiveOptions {
  sink: Sink;
  /** Name recorded as the capture's file (e.g. "live:eth0"). */
  name: string;
  modules?: readonly ProtocolModule[];
  detectors?: Detector[];
  signal?: AbortSignal;
  /** Write a batch at least this often (default 2000 ms). */
  flushEveryMs?: number;
  onProgress?(p: EngineProgress): void;
  /** Called after each timed flush with the alerts raised or updated so far. */
  onFlush?(alertIds: readonly number[]): void;
  hooks?: GuardHooks;
}

export async function analyzeLive(stream: Readable, o: LiveOptions): Promise<CaptureOutcome & { alertIds: number[] }> {
  const modules = o.modules ?? (await import('../protocols/index.ts')).PROTOCOL_MODULES;
  const detectors = o.detectors ?? (await import('../detectors/index.ts')).createDetectors();
  const engine = new Engine({ sink: o.sink, modules, detectors, ...(o.hooks ? { hooks: o.hooks } : {}) });
  const begun = o.sink.beginCapture({ file: o.name, size: 0, sha256: null, live: true });
  const timer = setInterval(() => {
    engine.flush();
    o.onFlush?.([...engine.alertIds]);
  }, o.flushEveryMs ?? 2000);
  try {
    const { read, stats } = await engine.runCapture({
      captureId: begun.id,
      resumeFromFrame: 0,
      source: stream,
      hash: false,
      ...(o.signal ? { signal: o.signal } : {}),
      ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    });
    const status = read.interrupted ? 'interrupted' : 'complete';
    o.sink.finishCapture(begun.id, status, stats);
    return { file: o.name, captureId: begun.id, status, stats, alertIds: [...engine.alertIds] };
  } catch (err) {
    const { CaptureFormatError } = await import('../capture/types.ts');
    const reason = err instanceof CaptureFormatError ? err.reason : err instanceof Error ? err.message : String(err);
    o.sink.finishCapture(begun.id, 'failed', emptyStats(), reason);
    if (err instanceof CaptureFormatError) return { file: o.name, captureId: begun.id, status: 'refused', reason, alertIds: [...engine.alertIds] };
    throw err;
  } finally {
    clearInterval(timer);
  }
}
