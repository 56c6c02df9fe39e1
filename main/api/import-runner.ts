/**
 * Import jobs behind the ImportRunner interface: bookkeeping (progress, cancel, status for polling)
 * around an ImportEngine that imports a list of files. The engine decides where the work runs: a
 * Node worker thread (worker-engine.ts, the default), an Electron utility process (the shell's
 * adapter), or a fake in tests. Jobs run one at a time, in order.
 */
import { statSync } from 'node:fs';
import type { ImportJob } from './schema/captures.ts';
import type { ImportRequest, ImportRunner } from './deps.ts';

export interface EngineProgress {
  file: string;
  fileIndex: number;
  /** Raw bytes read of the current file, and its size. */
  bytes: number;
  size: number;
  packets: number;
  alerts: number;
}
export interface EngineOutcome {
  captures: { file: string; captureId: number | null; status: string; reason?: string }[];
  alertIds: number[];
  interrupted: boolean;
}
/** Imports files into the store; rejects on error; resolves early (interrupted) when signal aborts. */
export type ImportEngine = (job: { files: string[]; forensic: boolean }, hooks: { signal: AbortSignal; onProgress: (p: EngineProgress) => void }) => Promise<EngineOutcome>;

const KEEP_FINISHED = 20;

export function createImportRunner(engine: ImportEngine): ImportRunner {
  const jobs: ImportJob[] = [];
  const controllers = new Map<number, AbortController>();
  let nextId = 1;
  let queue: Promise<void> = Promise.resolve();

  async function run(job: ImportJob, req: ImportRequest, ac: AbortController, onFinished?: (job: ImportJob) => void) {
    const sizes = req.paths.map(sizeOf);
    try {
      const out = await engine(
        { files: req.paths, forensic: req.forensic },
        {
          signal: ac.signal,
          onProgress: (p) => {
            job.currentFile = p.file;
            job.bytes = sizes.slice(0, p.fileIndex).reduce((n, s) => n + s, 0) + p.bytes;
            job.packets = p.packets;
            job.alerts = p.alerts;
          },
        },
      );
      job.captureIds = out.captures.map((c) => c.captureId).filter((id): id is number => id !== null);
      job.alreadyImported = out.captures.filter((c) => c.status === 'already-imported').map((c) => c.file);
      job.alerts = Math.max(job.alerts, out.alertIds.length);
      const failed = out.captures.filter((c) => c.status === 'failed' || c.status === 'refused');
      if (failed.length) job.error = failed.map((c) => `${c.file}: ${c.reason ?? c.status}`).join('; ');
      job.state = ac.signal.aborted || out.interrupted ? 'cancelled' : failed.length === out.captures.length && failed.length > 0 ? 'error' : 'done';
      if (job.state === 'done') job.bytes = job.totalBytes;
    } catch (e) {
      job.state = ac.signal.aborted ? 'cancelled' : 'error';
      job.error = e instanceof Error ? e.message : String(e);
    } finally {
      job.currentFile = null;
      job.finishedAt = new Date().toISOString();
      controllers.delete(job.jobId);
      onFinished?.(job);
      trim();
    }
  }

  function trim() {
    const finished = jobs.filter((j) => j.state !== 'running');
    for (const j of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) jobs.splice(jobs.indexOf(j), 1);
  }

  return {
    start(req, onFinished) {
      const job: ImportJob = {
        jobId: nextId++,
        files: [...req.paths],
        state: 'running',
        currentFile: null,
        bytes: 0,
        totalBytes: req.paths.reduce((n, p) => n + sizeOf(p), 0),
        packets: 0,
        alerts: 0,
        captureIds: [],
        alreadyImported: [],
        error: null,
        startedAt: new Date().toISOString(),
        finishedAt: null,
      };
      jobs.push(job);
      const ac = new AbortController();
      controllers.set(job.jobId, ac);
      queue = queue.then(() => run(job, req, ac, onFinished));
      return job.jobId;
    },
    cancel(jobId) {
      const ac = controllers.get(jobId);
      if (!ac) return false;
      ac.abort();
      return true;
    },
    status: () => jobs.map((j) => ({ ...j, files: [...j.files], captureIds: [...j.captureIds], alreadyImported: [...j.alreadyImported] })),
  };
}

function sizeOf(p: string): number {
  try {
    return statSync(p).size;
  } catch {
    return 0; // a vanished file shows 0 bytes; the engine reports the real error
  }
}
