/**
 * Import jobs behind the ImportRunner interface: bookkeeping (progress, cancel, status for polling)
 * around an ImportEngine that reads one file. The engine decides where the work runs: a Node worker
 * thread (worker-engine.ts, the default), an Electron utility process (the shell's adapter), or a
 * fake in tests. One job at a time reads files, in order; others queue.
 */
import { statSync } from 'node:fs';
import type { ImportJob } from './schema/captures.ts';
import type { ImportRequest, ImportRunner } from './deps.ts';

export interface FileProgress {
  bytes: number;
  packets: number;
  alerts: number;
}
export interface FileOutcome {
  captureId: number | null;
  alreadyImported: boolean;
  alerts: number;
}
/** Reads one file into the store; rejects on error; stops early (and resolves) when signal aborts. */
export type ImportEngine = (
  file: string,
  opts: { forensic: boolean; signal: AbortSignal; onProgress: (p: FileProgress) => void; onCaptureId: (id: number) => void },
) => Promise<FileOutcome>;

const KEEP_FINISHED = 20;

export function createImportRunner(engine: ImportEngine): ImportRunner {
  const jobs: ImportJob[] = [];
  const controllers = new Map<number, AbortController>();
  let nextId = 1;
  let queue: Promise<void> = Promise.resolve();

  async function run(job: ImportJob, req: ImportRequest, ac: AbortController, onFinished?: (job: ImportJob) => void) {
    let doneBytes = 0;
    let doneAlerts = 0;
    let donePackets = 0;
    try {
      for (const file of req.paths) {
        if (ac.signal.aborted) break;
        job.currentFile = file;
        const out = await engine(file, {
          forensic: req.forensic,
          signal: ac.signal,
          onCaptureId: (id) => {
            if (!job.captureIds.includes(id)) job.captureIds.push(id);
          },
          onProgress: (p) => {
            job.bytes = doneBytes + p.bytes;
            job.packets = donePackets + p.packets;
            job.alerts = doneAlerts + p.alerts;
          },
        });
        if (out.captureId !== null && !job.captureIds.includes(out.captureId)) job.captureIds.push(out.captureId);
        if (out.alreadyImported) job.alreadyImported.push(file);
        doneBytes += sizeOf(file);
        doneAlerts += out.alerts;
        donePackets = job.packets;
        job.bytes = doneBytes;
        job.alerts = doneAlerts;
      }
      job.state = ac.signal.aborted ? 'cancelled' : 'done';
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
        files: req.paths,
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
