/**
 * kill -9 during a real import (issue 5): the database stays consistent, the capture reads
 * 'interrupted', and running the import again gives the same alerts and activities as a clean run,
 * without duplicates. Longer rounds: kill.long.test.ts (RECONLENS_LONG=1).
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openStore } from '../../db/index.ts';
import { alertsOf, analyze, analyzeAndKill, generateCapture, readStore, seededFrames } from './kill-harness.ts';
import { tempDir } from './helpers.ts';

const MB = 200;
const PACKETS = 373_607; // what the generator writes for 200 MB
let dir: string;
let capture: string;
let clean: { alerts: unknown[]; activities: number; evidence: number };

before(() => {
  dir = tempDir();
  capture = join(dir, `gen-${MB}mb.pcap`);
  generateCapture(MB, capture);
  const r = analyze(join(dir, 'clean.db'), capture);
  assert.equal(r.status, 0, r.stderr);
  const s = readStore(join(dir, 'clean.db'));
  clean = { alerts: alertsOf(r.stdout), activities: s.activities, evidence: s.evidence };
  assert.ok(clean.activities > 0 && clean.alerts.length > 0, 'the generated capture raises alerts');
});
after(() => rmSync(dir, { recursive: true, force: true }));

for (const [i, frame] of seededFrames(0x5eed, 3, 40_000, Math.floor(PACKETS * 0.6)).entries()) {
  test(`SIGKILL after frame ${frame}: consistent, interrupted, and a re-run equals a clean run`, async () => {
    const db = join(dir, `killed-${i}.db`);
    const k = await analyzeAndKill(db, capture, frame);
    assert.ok(k.killed, `the import finished before frame ${frame} was committed (exit ${k.code})`);
    const store = openStore(db); // marks the dead import as interrupted
    store.close();
    const afterKill = readStore(db);
    assert.equal(afterKill.integrity, 'ok');
    assert.deepEqual(afterKill.captures.map((c) => c.status), ['interrupted']);
    const rerun = analyze(db, capture);
    assert.equal(rerun.status, 0, rerun.stderr);
    const done = readStore(db);
    assert.equal(done.integrity, 'ok');
    assert.deepEqual(done.captures.map((c) => [c.status, c.packets]), [['complete', PACKETS]]);
    assert.equal(done.activities, clean.activities);
    assert.equal(done.evidence, clean.evidence);
    assert.deepEqual(alertsOf(rerun.stdout), clean.alerts);
  });
}
