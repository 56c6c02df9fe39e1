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
