/**
 * The fuzz harness: runs jobs in worker threads (one per core by default) under a watchdog. A case
 * that does not finish within caseTimeoutMs is a hang, a worker that dies on its heap limit is out
 * of memory: the worker is stopped, the input of that case is rebuilt here (cases are a pure
 * function of seed, target and index) and kept as a regression, and a new worker continues from
 * the next case. Every failing input is saved under test/fuzz/regressions/.
 */
import { Worker } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { FailureKind, FromWorker, Job, WorkerInput } from './protocol.ts';
import type { Outcome } from './targets/common.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REGRESSIONS = path.join(HERE, 'regressions');
/** Regression files are kept small: larger inputs are stored gzip-compressed, or not at all above this. */
const MAX_REGRESSION_BYTES = 64 * 1024;

export interface Failure {
  target: string;
  index: number;
  kind: FailureKind;
  message: string;
  input: Buffer;
  saved: string | null;
}

export interface JobReport {
  target: string;
  cases: number;
  failed: number;
  counts: Record<Outcome, number>;
  ms: number;
}

export interface RunOptions {
  caseTimeoutMs?: number;
  heapCapMb?: number;
  /** The worker's V8 old-generation limit (a case above it kills the worker: 'out-of-memory'). */
  workerHeapMb?: number;
  workers?: number;
  save?: boolean;
  onJob?(r: JobReport): void;
  onFailure?(f: Failure): void;
  /** A case that timed out under load but finished when re-run alone (not counted as a failure). */
  onSlow?(target: string, index: number): void;
}

export interface RunResult {
  jobs: JobReport[];
  failures: Failure[];
  cases: number;
}

export async function runJobs(jobs: Job[], o: RunOptions = {}): Promise<RunResult> {
  const n = Math.max(1, Math.min(o.workers ?? 2, jobs.length));
  const lanes: Job[][] = Array.from({ length: n }, () => []);
  // Spread jobs so that each lane gets a similar mix.
  jobs.forEach((j, i) => lanes[i % n]!.push(j));
  const results = await Promise.all(lanes.map((lane) => runLane(lane, o)));
  const out: RunResult = { jobs: [], failures: [], cases: 0 };
  for (const r of results) {
    out.jobs.push(...r.jobs);
    out.failures.push(...r.failures);
  }
  out.cases = out.jobs.reduce((a, j) => a + j.cases, 0);
  return out;
}

async function runLane(jobs: Job[], o: RunOptions): Promise<RunResult> {
  const res: RunResult = { jobs: [], failures: [], cases: 0 };
  let startJob = 0;
  let startCase = 0;
  while (startJob < jobs.length) {
    const stop = await runWorker(jobs, startJob, startCase, o, res);
    if (!stop) break;
    if (stop.job === startJob && stop.index < startCase) stop.index = startCase;
    // The worker was stopped at (job, case): record it and go on with the next case.
    const job = jobs[stop.job]!;
    const input = job.inputs ? Buffer.from(job.inputs[stop.index]!) : await rebuild(job, stop.index);
    if (stop.kind === 'hang' && !(await stillHangs(job.target, input, o))) {
      // Finished when run alone with three times the time: a loaded machine, not a hang.
      res.jobs.push({ target: job.target, cases: stop.index + 1 - (stop.job === startJob ? startCase : 0), failed: 0, counts: { ok: 1, typed: 0, counted: 0 }, ms: 0 });
      o.onSlow?.(job.target, stop.index);
      startJob = stop.job;
      startCase = stop.index + 1;
      if (startCase >= (job.inputs ? job.inputs.length : job.count)) {
        startJob++;
        startCase = 0;
      }
      continue;
    }
    const f: Failure = { target: job.target, index: stop.index, kind: stop.kind, message: stop.message, input, saved: null };
    if (o.save !== false) f.saved = saveRegression(f);
    res.failures.push(f);
    o.onFailure?.(f);
    res.jobs.push({ target: job.target, cases: stop.index + 1 - (stop.job === startJob ? startCase : 0), failed: 1, counts: { ok: 0, typed: 0, counted: 0 }, ms: 0 });
    startJob = stop.job;
    startCase = stop.index + 1;
    if (startCase >= (job.inputs ? job.inputs.length : job.count)) {
      startJob++;
      startCase = 0;
    }
  }
  return res;
}

/** Run one input alone in a fresh worker with three times the case timeout: does it still hang? */
async function stillHangs(target: string, input: Buffer, o: RunOptions): Promise<boolean> {
  const scratch: RunResult = { jobs: [], failures: [], cases: 0 };
  const stop = await runWorker([{ target, seed: 0, count: 1, inputs: [new Uint8Array(input)] }], 0, 0, { caseTimeoutMs: (o.caseTimeoutMs ?? 10_000) * 3, heapCapMb: o.heapCapMb ?? 256, workerHeapMb: o.workerHeapMb ?? 768, save: false }, scratch);
  return stop !== null || scratch.failures.length > 0;
}

async function rebuild(job: Job, index: number): Promise<Buffer> {
  const [{ loadSeeds }, { targetByName }, { Rng, caseSeed }] = await Promise.all([import('./seeds.ts'), import('./targets/index.ts'), import('./rng.ts')]);
  return targetByName(job.target).generate(new Rng(caseSeed(job.seed, job.target, index)), await loadSeeds());
}

interface Stop {
  job: number;
  index: number;
  kind: FailureKind;
  message: string;
}

/** Run a worker until it is done (null) or had to be stopped (where and why). */
function runWorker(jobs: Job[], startJob: number, startCase: number, o: RunOptions, res: RunResult): Promise<Stop | null> {
  const shared = new SharedArrayBuffer(12);
  const progress = new Int32Array(shared);
  const data: WorkerInput = { jobs, startJob, startCase, heapCapMb: o.heapCapMb ?? 256, shared };
  const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
    workerData: data,
    resourceLimits: { maxOldGenerationSizeMb: o.workerHeapMb ?? 768 },
  });
  const timeout = o.caseTimeoutMs ?? 10_000;
  return new Promise((resolve, reject) => {
    let ready = false;
    let settled = false;
    let beat = -1;
    let beatAt = Date.now();
    const finish = (v: Stop | null): void => {
      if (settled) return;
      if (v && !ready) {
        // The worker never started (a load error): no case to blame, the run itself fails.
        settled = true;
        clearInterval(timer);
        void worker.terminate();
        reject(new Error(`fuzz worker did not start: ${v.message}`));
        return;
      }
      settled = true;
      clearInterval(timer);
      void worker.terminate();
      resolve(v);
    };
    const where = (): { job: number; index: number } => ({ job: Math.max(Atomics.load(progress, 0), startJob), index: Atomics.load(progress, 1) });
    const timer = setInterval(() => {
      if (!ready) {
        if (Date.now() - beatAt > 120_000) finish({ job: startJob, index: startCase, kind: 'hang', message: 'worker did not start' });
        return;
      }
      const b = Atomics.load(progress, 2);
      if (b !== beat) {
        beat = b;
        beatAt = Date.now();
      } else if (Atomics.load(progress, 0) >= 0 && Date.now() - beatAt > timeout) {
        finish({ ...where(), kind: 'hang', message: `case did not finish within ${timeout} ms` });
      }
    }, 100);
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'ready') {
        ready = true;
        beatAt = Date.now();
      } else if (m.type === 'fail') {
        const f: Failure = { target: m.target, index: m.index, kind: m.kind, message: m.message, input: Buffer.from(m.input), saved: null };
        if (o.save !== false) f.saved = saveRegression(f);
        res.failures.push(f);
        o.onFailure?.(f);
      } else if (m.type === 'job') {
        const r: JobReport = { target: m.target, cases: m.cases, failed: m.failed, counts: m.counts, ms: m.ms };
        res.jobs.push(r);
        o.onJob?.(r);
      } else if (m.type === 'crash') {
        finish({ ...where(), kind: 'exception', message: `worker crashed: ${m.message}` });
      } else if (m.type === 'harness-error') {
        settled = true;
        clearInterval(timer);
        void worker.terminate();
        reject(new Error(`fuzz harness error: ${m.message}`));
      } else if (m.type === 'done') finish(null);
    });
    worker.on('error', (err: Error & { code?: string }) => {
      const oom = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
      finish({ ...where(), kind: oom ? 'out-of-memory' : 'exception', message: `${oom ? 'worker heap limit reached' : 'worker error'}: ${err.message}` });
    });
    worker.on('exit', (code) => {
      if (!settled) finish(code === 0 ? null : { ...where(), kind: 'exception', message: `worker exited with ${code}` });
    });
  });
}

/** Keep a failing input as test/fuzz/regressions/<target>--<sha>.bin[.gz] (+ .txt with the reason). */
export function saveRegression(f: Pick<Failure, 'target' | 'kind' | 'message' | 'input'>): string | null {
  mkdirSync(REGRESSIONS, { recursive: true });
  const sha = createHash('sha256').update(f.input).digest('hex').slice(0, 16);
  const base = `${f.target}--${sha}`;
  let file = `${base}.bin`;
  let bytes = f.input;
  if (bytes.length > 4096) {
    bytes = gzipSync(bytes, { level: 9 });
    file = `${base}.bin.gz`;
  }
  if (bytes.length > MAX_REGRESSION_BYTES) return null;
  const p = path.join(REGRESSIONS, file);
  if (!existsSync(p)) {
    writeFileSync(p, bytes);
    writeFileSync(path.join(REGRESSIONS, `${base}.txt`), `${f.kind}: ${f.message}\n`);
  }
  return p;
}

/** Every kept regression as replay jobs, one per target. */
export function regressionJobs(): Job[] {
  if (!existsSync(REGRESSIONS)) return [];
  const byTarget = new Map<string, Uint8Array[]>();
  for (const name of readdirSync(REGRESSIONS).sort()) {
    const m = /^(.+)--[0-9a-f]+\.bin(\.gz)?$/.exec(name);
    if (!m) continue;
    const raw = readFileSync(path.join(REGRESSIONS, name));
    const input = m[2] ? gunzipSync(raw) : raw;
    const list = byTarget.get(m[1]!) ?? [];
    list.push(new Uint8Array(input));
    byTarget.set(m[1]!, list);
  }
  return [...byTarget].map(([target, inputs]) => ({ target, seed: 0, count: inputs.length, inputs }));
}
