/**
 * One live capture run: the capture tool's stdout goes through the same streaming reader and
 * engine as a file import (main/pipeline/engine.ts), as one capture row marked live. What is
 * pending is written every flushMs (default 2 s), so a stop or crash loses at most that much.
 * Stopping asks the tool to stop; it flushes, prints its counters and closes the pipe, and the
 * reader ends normally, so the last packets are analysed too.
 */
import { mkdirSync } from 'node:fs';
import { Transform } from 'node:stream';
import { join } from 'node:path';
import { Engine } from '../pipeline/engine.ts';
import { emptyStats } from '../pipeline/analyze.ts';
import type { Batch, CaptureStats, Sink } from '../engine/sink.ts';
import type { BatchWithFiles } from '../../db/capture-files.ts';
import { startTool, type ToolStats } from './capture-process.ts';
import { RingBuffer } from './ring-buffer.ts';
import { LiveCaptureError, pickTool, type CaptureTool } from './tools.ts';

export interface LiveCaptureOptions {
  iface: string;
  filter?: string;
  sink: Sink;
  /** Ring buffer of the raw capture: `files` files of `fileBytes` in `dir`. */
  ring?: { dir: string; files: number; fileBytes: number };
  /** Abort to stop the capture (Ctrl-C, --duration, the UI's Stop). */
  signal: AbortSignal;
  flushMs?: number;
  env?: NodeJS.ProcessEnv;
  /** Progress: packets and bytes read so far and the tool's counters. */
  onProgress?: (p: LiveProgress) => void;
  /** Called once the tool delivers data (capture really running) with the capture id. */
  onStarted?: (info: { captureId: number; tool: CaptureTool }) => void;
}

export interface LiveProgress {
  packets: number;
  bytes: number;
  alerts: number;
  tool: ToolStats;
  ringFiles: string[];
}

export interface LiveCaptureResult {
  captureId: number;
  file: string;
  tool: CaptureTool;
  status: 'complete' | 'interrupted';
  stats: CaptureStats;
  toolStats: ToolStats;
  alertIds: number[];
  ringFiles: string[];
  message: string;
}

export function liveCaptureName(iface: string, started: Date): string {
  return `live:${iface}@${started.toISOString().replace(/\.\d+Z$/, 'Z')}`;
}

export function dropSummary(tool: CaptureTool, s: ToolStats): string {
  const part = (n: number | null, what: string): string | null => (n === null ? null : `${n} dropped by ${what}`);
  const drops = [part(s.droppedKernel, 'the kernel'), part(s.droppedInterface, 'the interface'), part(s.droppedTool, tool)].filter(Boolean);
  const got = s.received !== null ? `${s.received} received` : s.captured !== null ? `${s.captured} captured` : 'no counters reported';
  return `${tool}: ${[got, ...drops].join(', ')}`;
}

export async function runLiveCapture(o: LiveCaptureOptions): Promise<LiveCaptureResult> {
  const { tool, path } = pickTool(o.env);
  const started = new Date();
  const file = liveCaptureName(o.iface, started);
  const ring = o.ring ? (mkdirSync(o.ring.dir, { recursive: true }), new RingBuffer({ dir: o.ring.dir, prefix: file.replace(/[^A-Za-z0-9._-]+/g, '-'), files: o.ring.files, fileBytes: o.ring.fileBytes })) : null;
  let packets = 0;
  let bytes = 0;
  let engine: Engine | null = null;
  // Load the engine's modules before the tool runs, so that nothing waits between first data and the reader.
  const { createDetectors } = await import('../detectors/index.ts');
  const { PROTOCOL_MODULES } = await import('../protocols/index.ts');
  const running = startTool(tool, path, o.iface, o.filter, () => report());
  // A tool that cannot capture (permission, no such interface) exits before writing anything:
  // fail with its message instead of creating an empty capture.
  const first = await new Promise<'data' | Error>((resolve) => {
    // 'readable' also fires at the end of the stream: only buffered bytes mean capturing began.
    const onReadable = (): void => {
      if (running.stdout.readableLength === 0) return;
      running.stdout.off('readable', onReadable);
      resolve('data');
    };
    running.stdout.on('readable', onReadable);
    running.done.then(
      () => resolve(new LiveCaptureError('tool-failed', `${tool} stopped before capturing on ${o.iface}`)),
      (err: unknown) => resolve(err instanceof Error ? err : new Error(String(err))),
    );
    o.signal.addEventListener('abort', () => running.stop(), { once: true });
  });
  if (first instanceof Error) {
    running.stop();
    throw first;
  }
  // The ring buffer sees the bytes on their way to the reader (a pass-through keeps backpressure).
  const source = ring
    ? running.stdout.pipe(
        new Transform({
          transform(chunk: Buffer, _enc, done) {
            ring.write(chunk);
            done(null, chunk);
          },
        }),
      )
    : running.stdout;
  engine = new Engine({ sink: ring ? withRingFiles(o.sink, ring) : o.sink, modules: PROTOCOL_MODULES, detectors: createDetectors() });
  const eng = engine;
  const begun = o.sink.beginCapture({ file, size: 0, sha256: null, live: true });
  o.onStarted?.({ captureId: begun.id, tool });
  const timer = setInterval(() => {
    eng.flush();
    report();
  }, o.flushMs ?? 2000);
  function report(): void {
    o.onProgress?.({ packets, bytes, alerts: engine?.alertIds.size ?? 0, tool: running.stats, ringFiles: ring?.files() ?? [] });
  }
  // The tool may exit on its own (interface gone): the pipe closes and the reader ends.
  let toolError: Error | null = null;
  const toolDone = running.done.catch((err: unknown) => {
    toolError = err instanceof Error ? err : new Error(String(err));
    return running.stats;
  });
  let stats: CaptureStats;
  try {
    const r = await eng.runCapture({
      captureId: begun.id,
      resumeFromFrame: 0,
      source,
      hash: false,
      onProgress: (p) => {
        packets = p.packets;
        bytes = p.bytes;
        report();
      },
    });
    stats = r.stats;
  } catch (err) {
    clearInterval(timer);
    running.stop();
    await toolDone;
    const ringFiles = ring?.close() ?? [];
    const message = `live capture failed: ${err instanceof Error ? err.message : String(err)}`;
    o.sink.finishCapture(begun.id, 'interrupted', emptyStats(), message + (ringFiles.length ? `; ring files: ${ringFiles.join(', ')}` : ''));
    throw err;
  } finally {
    clearInterval(timer);
  }
  const toolStats = await toolDone;
  const ringFiles = ring?.close() ?? [];
  const stoppedByUs = o.signal.aborted;
  const status = stoppedByUs && !toolError ? 'complete' : 'interrupted';
  const why = status === 'complete' ? 'stopped' : `capture tool ended: ${(toolError as Error | null)?.message ?? 'exited on its own'}`;
  const message = [why, dropSummary(tool, toolStats), ...(ring?.error ? [`ring buffer: ${ring.error}`] : []), ...(ringFiles.length ? [`ring files: ${ringFiles.join(', ')}`] : [])].join('; ');
  o.sink.finishCapture(begun.id, status, stats, message);
  packets = stats.packets;
  bytes = stats.bytes;
  report();
  return { captureId: begun.id, file, tool, status, stats, toolStats, alertIds: [...eng.alertIds], ringFiles, message };
}

/**
 * Every batch of a capture with a ring buffer carries the ring's files and the frames each holds, so
 * the store records the mapping in the batch's transaction (db/capture-files.ts). The ring sees the
 * bytes before the reader, so every frame of a batch is already in a file; the final batch, written
 * when the stream ends at stop, carries the final ranges.
 */
export function withRingFiles(inner: Sink, ring: Pick<RingBuffer, 'ranges'>): Sink {
  // Only files that are new or grew since the last stored batch (a ring may have many files).
  const stored = new Map<string, number>(); // path -> last frame stored
  return {
    loadEngineState: () => inner.loadEngineState(),
    beginCapture: (info) => inner.beginCapture(info),
    setCaptureHash: (id, sha) => inner.setCaptureHash(id, sha),
    ...(inner.hasCompleteCaptureOfSize ? { hasCompleteCaptureOfSize: (size: number) => inner.hasCompleteCaptureOfSize!(size) } : {}),
    writeBatch: (batch: Batch) => {
      const current = ring.ranges();
      const withFiles: BatchWithFiles = { ...batch, captureFiles: current.filter((r) => stored.get(r.path) !== r.lastFrame) };
      const refs = inner.writeBatch(withFiles);
      // Only after the commit: a refused batch sends its files again with the next one.
      stored.clear();
      for (const r of current) stored.set(r.path, r.lastFrame);
      return refs;
    },
    finishCapture: (id, status, stats, message) => inner.finishCapture(id, status, stats, message),
  };
}

export const defaultRingDir = (dataDir: string): string => join(dataDir, 'live');
