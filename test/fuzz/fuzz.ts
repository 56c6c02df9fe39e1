/**
 * `npm run fuzz` (tsx test/fuzz/fuzz.ts --long): replays every kept regression, then runs rounds of
 * generated cases over every target until the time budget is spent, printing the cases run per
 * target. Options: --long (default budget 10 min), --seconds N, --seed N, --cases N (per target
 * per round), --target NAME (repeatable), --workers N, --timeout MS (per case).
 * Exit 1 when any case failed (its input is kept under test/fuzz/regressions/).
 */
import { runJobs, regressionJobs, type JobReport, type Failure } from './harness.ts';
import { TARGETS } from './targets/index.ts';
import type { Job } from './protocol.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const long = process.argv.includes('--long');
const seconds = Number(arg('seconds') ?? (long ? 600 : 60));
let seed = Number(arg('seed') ?? (long ? Date.now() % 1_000_000 : 1));
const casesPerRound = Number(arg('cases') ?? 400);
const only = process.argv.flatMap((a, i) => (process.argv[i - 1] === '--target' ? [a] : []));
const targets = TARGETS.filter((t) => only.length === 0 || only.includes(t.name));
const workers = Number(arg('workers') ?? 2);
const caseTimeoutMs = Number(arg('timeout') ?? 10_000);

const totals = new Map<string, JobReport>();
const failures: Failure[] = [];
const add = (r: JobReport): void => {
  const t = totals.get(r.target) ?? { target: r.target, cases: 0, failed: 0, counts: { ok: 0, typed: 0, counted: 0 }, ms: 0 };
  t.cases += r.cases;
  t.failed += r.failed;
  t.ms += r.ms;
  for (const k of ['ok', 'typed', 'counted'] as const) t.counts[k] += r.counts[k];
  totals.set(r.target, t);
};
const onFailure = (f: Failure): void => {
  failures.push(f);
  console.log(`FAIL ${f.target} case ${f.index} (${f.kind}): ${f.message.split('\n')[0]}${f.saved ? ` -> ${f.saved}` : ''}`);
};

const started = Date.now();
const replay = regressionJobs();
if (replay.length) {
  const r = await runJobs(replay, { workers, caseTimeoutMs, save: false, onFailure });
  console.log(`replayed ${r.cases} regression cases, ${r.failures.length} failing`);
}
const deadline = started + seconds * 1000;
let rounds = 0;
while (Date.now() < deadline) {
  const left = deadline - Date.now();
  const jobs: Job[] = targets.map((t) => ({ target: t.name, seed, count: casesPerRound, maxMs: Math.max(1000, (left * workers) / targets.length) }));
  const r = await runJobs(jobs, { workers, caseTimeoutMs, onFailure, onSlow: (t, i) => console.log(`slow ${t} case ${i}: timed out under load, finished when re-run alone`) });
  r.jobs.forEach(add);
  rounds++;
  seed++;
  if (!long) break;
}

let total = 0;
for (const t of targets) {
  const r = totals.get(t.name);
  if (!r) continue;
  total += r.cases;
  console.log(`${t.name.padEnd(32)} ${String(r.cases).padStart(8)} cases  ok ${r.counts.ok}  typed-error ${r.counts.typed}  counted ${r.counts.counted}  failed ${r.failed}`);
}
console.log(`${total} cases in ${rounds} round(s), ${((Date.now() - started) / 1000).toFixed(0)} s, ${failures.length} failure(s)`);
process.exit(failures.length ? 1 : 0);
