/**
 * The fuzz worker thread: runs jobs (generated cases or replayed inputs) one case at a time and
 * publishes which case it is on in shared memory, so that the harness's watchdog can stop a case
 * that hangs (or a worker that runs out of its heap limit) and knows exactly which input did it.
 * After every case the heap is checked against a cap (after a forced GC when above it).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadSeeds } from './seeds.ts';
import { TARGETS } from './targets/index.ts';
import { SELF_TEST_TARGETS } from './targets/selftest.ts';
import { PropertyFailure, type Outcome } from './targets/common.ts';
import { Rng, caseSeed } from './rng.ts';
import type { FromWorker, Job, WorkerInput } from './protocol.ts';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

const input = workerData as WorkerInput;
const progress = new Int32Array(input.shared);
const post = (m: FromWorker): void => parentPort!.postMessage(m);

async function main(): Promise<void> {
  const seeds = await loadSeeds();
  if (!seeds.pcap.length || !seeds.frames.length) throw new Error(`no seeds (${seeds.pcap.length} pcap files, ${seeds.frames.length} frames)`);
  post({ type: 'ready' });
  const capBytes = input.heapCapMb * 1024 * 1024;
  for (let j = input.startJob; j < input.jobs.length; j++) {
    const job: Job = input.jobs[j]!;
    const target = [...TARGETS, ...SELF_TEST_TARGETS].find((t) => t.name === job.target);
    if (!target) throw new Error(`no target ${job.target}`);
    const counts: Record<Outcome, number> = { ok: 0, typed: 0, counted: 0 };
    let failed = 0;
    const first = j === input.startJob ? input.startCase : 0;
    const n = job.inputs ? job.inputs.length : job.count;
    const started = Date.now();
    let ran = 0;
    for (let i = first; i < n; i++) {
      if (job.maxMs && Date.now() - started > job.maxMs) break;
      Atomics.store(progress, 0, j);
      Atomics.store(progress, 1, i);
      Atomics.add(progress, 2, 1);
      let bytes: Buffer;
      try {
        bytes = job.inputs ? Buffer.from(job.inputs[i]!) : target.generate(new Rng(caseSeed(job.seed, job.target, i)), seeds);
      } catch (err) {
        // A bug of the harness, not of the code under test: stop the run, keep no regression.
        post({ type: 'harness-error', message: `${job.target} case ${i}: generate failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}` });
        return;
      }
      ran++;
      try {
        counts[await target.run(bytes)]++;
      } catch (err) {
        failed++;
        const kind = err instanceof PropertyFailure ? 'property' : 'exception';
        const message = err instanceof Error ? `${err.name}: ${err.message}\n${(err.stack ?? '').split('\n').slice(1, 6).join('\n')}` : String(err);
        post({ type: 'fail', target: job.target, job: j, index: i, kind, message, input: new Uint8Array(bytes) });
        continue;
      }
      if (process.memoryUsage().heapUsed > capBytes) {
        gc();
        const used = process.memoryUsage().heapUsed;
        if (used > capBytes) {
          failed++;
          post({ type: 'fail', target: job.target, job: j, index: i, kind: 'memory', message: `heap ${Math.round(used / 1048576)} MB after the case (cap ${input.heapCapMb} MB)`, input: new Uint8Array(bytes) });
        }
      }
    }
    post({ type: 'job', job: j, target: job.target, cases: ran, failed, counts, ms: Date.now() - started });
  }
  Atomics.store(progress, 0, -1);
  post({ type: 'done' });
}

main().catch((err: unknown) => {
  post({ type: 'crash', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
});
