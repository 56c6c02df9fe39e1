/**
 * The short fixed-seed fuzz round of `npm test` (about a minute on two cores): every kept
 * regression input is replayed, then each target runs a fixed number of generated cases (seed 1),
 * each case in a worker thread under a watchdog and a heap cap. `npm run fuzz` runs the long round.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runJobs, regressionJobs } from './harness.ts';
import { TARGETS } from './targets/index.ts';

const SEED = 1;
const CASES = 500;
/** Per-target time guard, so that a slow machine shortens the round instead of stretching it. */
const MAX_MS = 3500;

const describe = (f: { target: string; index: number; kind: string; message: string; saved: string | null }): string =>
  `${f.target} case ${f.index} (${f.kind}): ${f.message}${f.saved ? `\n  kept as ${f.saved}` : ''}`;

test('fuzz: every kept regression input replays without failure', { timeout: 120_000 }, async () => {
  const jobs = regressionJobs();
  const r = await runJobs(jobs, { save: false });
  console.log(`# fuzz replay: ${r.cases} regression cases`);
  assert.deepEqual(r.failures.map(describe), []);
});

test('fuzz: short fixed-seed round over every target', { timeout: 240_000 }, async () => {
  const r = await runJobs(TARGETS.map((t) => ({ target: t.name, seed: SEED, count: CASES, maxMs: MAX_MS })));
  const per = r.jobs.map((j) => `${j.target}=${j.cases}`).join(' ');
  console.log(`# fuzz short round: ${r.cases} cases (${per})`);
  assert.deepEqual(r.failures.map(describe), []);
  assert.ok(r.cases >= TARGETS.length * 20, `only ${r.cases} cases ran`);
});

test('fuzz harness: an exception, a hang and a heap blow-up are caught and attributed', { timeout: 120_000 }, async () => {
  const inputs = (bytes: number[]): Uint8Array[] => bytes.map((b) => new Uint8Array([b]));
  const r = await runJobs(
    [
      { target: 'selftest-throw', seed: 0, count: 3, inputs: inputs([0, 1, 0]) },
      { target: 'selftest-hang', seed: 0, count: 3, inputs: inputs([0, 1, 0]) },
      { target: 'selftest-memory', seed: 0, count: 4, inputs: inputs([0, 1, 2, 0]) },
    ],
    { save: false, workers: 1, caseTimeoutMs: 1500, heapCapMb: 96, workerHeapMb: 192 },
  );
  const got = r.failures.map((f) => `${f.target}#${f.index}:${f.kind}`).sort();
  assert.deepEqual(got, ['selftest-hang#1:hang', 'selftest-memory#1:memory', 'selftest-memory#2:out-of-memory', 'selftest-throw#1:exception']);
  // The cases after each failure ran too.
  const ran = (t: string): number => r.jobs.filter((j) => j.target === t).reduce((a, j) => a + j.cases, 0);
  assert.equal(ran('selftest-throw'), 3);
  assert.ok(ran('selftest-hang') >= 3, JSON.stringify(r.jobs));
  assert.ok(ran('selftest-memory') >= 4, JSON.stringify(r.jobs));
});
