/**
 * Import capture files into the store: check them, order them by first packet time, skip those
 * imported completely before (same sha256), and analyse the rest in one engine run so that
 * detector state carries over (one story). Bad files are reported, not fatal: the good ones are
 * still analysed. Cancellation through the signal marks the capture being read as interrupted.
 */
import type { ProtocolModule } from '../engine/dissector.ts';
import type { Detector } from '../engine/detector.ts';
import type { CaptureStats, Sink } from '../engine/sink.ts';
import { CaptureFormatError } from '../capture/types.ts';
import { Engine, type EngineProgress } from './engine.ts';
import type { GuardHooks } from '../flow/guard.ts';
import { inPacketOrder, isIoError, probeFile, sha256File, type ProbedFile } from './file-order.ts';

/** Without the store's size check, files up to this size are hashed before reading (cheap). */
const HASH_FIRST_MAX = 256 * 1024 * 1024;

export interface AnalyzeOptions {
  sink: Sink;
  /** Protocol modules (default: PROTOCOL_MODULES) and detectors (default: createDetectors()). */
  modules?: readonly ProtocolModule[];
  detectors?: Detector[];
  signal?: AbortSignal;
  onProgress?(p: EngineProgress & { file: string; fileIndex: number; files: number; size: number }): void;
  /** Called with the engine once it exists (a live caller keeps it to flush on a timer). */
  onEngine?(engine: Engine): void;
  hooks?: GuardHooks;
  batchActivities?: number;
  batchPackets?: number;
  /** Import again files whose import completed before (the store replaces their data). */
  force?: boolean;
}

export type CaptureOutcomeStatus = 'complete' | 'interrupted' | 'already-imported' | 'failed' | 'refused';

export interface CaptureOutcome {
  file: string;
  captureId: number | null;
  status: CaptureOutcomeStatus;
  /** Why a file was refused or failed. */
  reason?: string;
  stats?: CaptureStats;
  sha256?: string | null;
}

export interface AnalyzeResult {
  /** In the order analysed (packet-time order), refused files last. */
  captures: CaptureOutcome[];
  /** Alerts raised or updated by this run. */
  alertIds: number[];
  interrupted: boolean;
}

export async function analyzeFiles(files: readonly string[], o: AnalyzeOptions): Promise<AnalyzeResult> {
  const probed: ProbedFile[] = [];
  const refused: CaptureOutcome[] = [];
  for (const f of files) {
    const p = await probeFile(f);
    if ('reason' in p) refused.push({ file: f, captureId: null, status: 'refused', reason: p.reason });
    else probed.push(p);
  }
  const modules = o.modules ?? (await import('../protocols/index.ts')).PROTOCOL_MODULES;
  const detectors = o.detectors ?? (await import('../detectors/index.ts')).createDetectors();
  const engine = new Engine({
    sink: o.sink,
    modules,
    detectors,
    ...(o.hooks ? { hooks: o.hooks } : {}),
    ...(o.batchActivities ? { batchActivities: o.batchActivities } : {}),
    ...(o.batchPackets ? { batchPackets: o.batchPackets } : {}),
  });
  o.onEngine?.(engine);
  const outcomes: CaptureOutcome[] = [];
  const ordered = inPacketOrder(probed);
  let interrupted = false;
  for (const [i, f] of ordered.entries()) {
    if (o.signal?.aborted) {
      interrupted = true;
      break;
    }
    const out = await importOne(engine, f, i, ordered.length, o);
    outcomes.push(out);
    if (out.status === 'interrupted') {
      interrupted = true;
      break;
    }
  }
  return { captures: [...outcomes, ...refused], alertIds: [...engine.alertIds], interrupted };
}

async function importOne(engine: Engine, f: ProbedFile, index: number, count: number, o: AnalyzeOptions): Promise<CaptureOutcome> {
  const sink = o.sink;
  // Hash first when a complete import of this file may exist (skip it without reading) or when
  // forcing (the store must know which capture to replace); otherwise hash while reading.
  const known = o.force || (sink.hasCompleteCaptureOfSize ? sink.hasCompleteCaptureOfSize(f.size) : f.size <= HASH_FIRST_MAX);
  let sha: string | null = null;
  if (known) {
    try {
      sha = await sha256File(f.file, o.signal);
    } catch (err) {
      if (o.signal?.aborted) return { file: f.file, captureId: null, status: 'interrupted' };
      if (isIoError(err)) return { file: f.file, captureId: null, status: 'refused', reason: err.message };
      throw err;
    }
  }
  const begun = sink.beginCapture({ file: f.file, size: f.size, sha256: sha, live: false, ...(o.force ? { force: true } : {}) });
  if (begun.alreadyComplete) return { file: f.file, captureId: begun.id, status: 'already-imported', sha256: sha };
  try {
    const { read, stats } = await engine.runCapture({
      captureId: begun.id,
      resumeFromFrame: begun.resumeFromFrame,
      source: f.file,
      hash: sha === null,
      ...(o.signal ? { signal: o.signal } : {}),
      onProgress: (p) => o.onProgress?.({ ...p, file: f.file, fileIndex: index, files: count, size: f.size }),
    });
    const digest = sha ?? read.sha256;
    if (sha === null && digest) sink.setCaptureHash(begun.id, digest);
    const status = read.interrupted ? 'interrupted' : 'complete';
    const finished = sink.finishCapture(begun.id, status, stats);
    // Hashed only while reading, the file turned out to be imported already: the store kept the old capture.
    if (finished && finished.duplicateOf !== null) return { file: f.file, captureId: finished.duplicateOf, status: 'already-imported', sha256: digest };
    return { file: f.file, captureId: begun.id, status, stats, sha256: digest };
  } catch (err) {
    const reason = err instanceof CaptureFormatError ? err.reason : isIoError(err) ? err.message : null;
    sink.finishCapture(begun.id, 'failed', emptyStats(), reason ?? (err instanceof Error ? err.message : String(err)));
    if (reason !== null) return { file: f.file, captureId: begun.id, status: 'refused', reason };
    throw err;
  }
}

/** Stats of a capture that could not be read at all. */
export function emptyStats(): CaptureStats {
  return {
    format: null,
    linkTypes: [],
    packets: 0,
    bytes: 0,
    firstPacket: null,
    lastPacket: null,
    skipped: {},
    skippedFrames: {},
    blindSpots: { smb3EncryptedFrames: 0, rpcEncryptedPdus: 0, tcpGaps: 0 },
    blindSpotPairs: {},
    decodeErrors: {},
    protocols: {},
  };
}
