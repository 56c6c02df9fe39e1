/**
 * The long round of the kill -9 test (RECONLENS_LONG=1, `npm run test:long`): a bigger capture and
 * more kill points, including very early and very late ones.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openStore } from '../../db/index.ts';
import { alertsOf, analyze, analyzeAndKill, generateCapture, readStore, seededFrames } from './kill-harness.ts';
import { tempDir } from './helpers.ts';

const LONG = process.env['RECONLENS_LONG'] === '1';
const MB = Number(process.env['RECONLENS_KILL_MB'] ?? 600);
let dir = '';
let capture = '';
let packets = 0;
let clean: { alerts: unknown[]; activities: number; evidence: number };

before(() => {
  if (!LONG) return;
  dir = tempDir();
  capture = join(dir, `gen-${MB}mb.pcap`);
  generateCapture(MB, capture);
  const r = analyze(join(dir, 'clean.db'), capture);
  assert.equal(r.status, 0, r.stderr);
  const s = readStore(join(dir, 'clean.db'));
  packets = s.captures[0]?.packets ?? 0;
  clean = { alerts: alertsOf(r.stdout), activities: s.activities, evidence: s.evidence };
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

for (const [i, fraction] of seededFrames(0xdead, 6, 5, 80).entries()) {
  test(`long: SIGKILL at about ${fraction}% of the import, then re-run`, { skip: !LONG && 'set RECONLENS_LONG=1' }, async () => {
    const db = join(dir, `killed-${i}.db`);
    const k = await analyzeAndKill(db, capture, Math.floor((packets * fraction) / 100));
    assert.ok(k.killed, `the import finished first (exit ${k.code})`);
    openStore(db).close();
    const afterKill = readStore(db);
    assert.equal(afterKill.integrity, 'ok');
    assert.deepEqual(afterKill.captures.map((c) => c.status), ['interrupted']);
    // Killed a second time during the re-run, then completed: still no duplicates.
    const again = await analyzeAndKill(db, capture, Math.floor((packets * (100 - fraction)) / 100));
    assert.equal(readStore(db).integrity, 'ok');
    if (again.killed) openStore(db).close();
    const rerun = analyze(db, capture);
    assert.equal(rerun.status, 0, rerun.stderr);
    const done = readStore(db);
    assert.deepEqual(done.captures.map((c) => [c.status, c.packets]), [['complete', packets]]);
    assert.equal(done.activities, clean.activities);
    assert.equal(done.evidence, clean.evidence);
    assert.deepEqual(alertsOf(rerun.stdout), clean.alerts);
  });
}
