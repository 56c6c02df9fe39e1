import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { openStore, type Store } from '../../db/index.ts';
import { assertIntegrity, countingSummarizers, sha, tempStore } from './helpers.ts';
import { importScenario } from './scenario.ts';

/** A pid that certainly belongs to no running process: one that just exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '0']);
  return r.pid ?? 999_999;
}

/** Everything an import produces, without row ids (a re-run may number rows differently). */
function snapshot(store: Store) {
  const db = store.db;
  const rows = (sql: string) => db.prepare(sql).all();
  return {
    alerts: store.alertsJson({}).map(({ id: _id, ...a }) => a),
    captures: store.capturesJson([1, 2, 3, 4, 5]).map(({ id: _id, ...c }) => c),
    activities: rows('SELECT kind, ts, src, dst, account, frames, data, suppressed_by FROM activities ORDER BY ts, kind, data'),
    evidence: rows('SELECT count(*) AS n FROM alert_activities'),
    names: rows('SELECT ip, name, source, first_seen, last_seen FROM host_names ORDER BY ip, name'),
    roles: rows('SELECT ip, role, source FROM host_roles ORDER BY ip'),
    learning: rows('SELECT dc, start_ts FROM samr_learning'),
    baseline: rows('SELECT dc, source, class, first_ts FROM samr_baseline ORDER BY dc, source, class'),
    hosts: rows('SELECT ip, first_seen, last_seen FROM hosts ORDER BY ip'),
    accounts: rows('SELECT name, first_seen, last_seen FROM accounts ORDER BY name_key'),
  };
}

test('the same file (sha256) is not imported twice', () => {
  const t = tempStore();
  try {
    const first = importScenario(t.store.createSink(countingSummarizers()), sha(7));
    const before = snapshot(t.store);
    const again = importScenario(t.store.createSink(countingSummarizers()), sha(7).toUpperCase());
    assert.equal(again.alreadyComplete, true);
    assert.equal(again.id, first.id);
    assert.deepEqual(snapshot(t.store), before);
  } finally {
    t.done();
  }
});

for (const stopAfter of [0, 1, 5, 11]) {
  test(`an import killed after ${stopAfter} batches is marked interrupted, and a re-run equals a clean run`, () => {
    const clean = tempStore();
    const killed = tempStore();
    try {
      // One story per database: an earlier capture whose alerts the interrupted run merges into.
      for (const s of [clean.store, killed.store]) importScenario(s.createSink(countingSummarizers()), sha(1), { offset: -3_600_000_000 });
      importScenario(clean.store.createSink(countingSummarizers()), sha(2));

      const partial = importScenario(killed.store.createSink(countingSummarizers()), sha(2), { stopAfter });
      killed.store.db.prepare('UPDATE captures SET pid = ? WHERE id = ?').run(deadPid(), partial.id);
      killed.store.close();
      const reopened = openStore(killed.file);
      try {
        assertIntegrity(reopened);
        assert.equal(reopened.capturesJson([partial.id])[0]?.status, 'interrupted');
        const rerun = importScenario(reopened.createSink(countingSummarizers()), sha(2));
        assert.equal(rerun.alreadyComplete, false);
        assert.equal(rerun.id, partial.id, 'the interrupted capture is completed, not duplicated');
        assert.deepEqual(snapshot(reopened), snapshot(clean.store));
      } finally {
        reopened.close();
      }
    } finally {
      clean.done();
      killed.store = openStore(killed.file);
      killed.done();
    }
  });
}

test('a capture still importing in a live process is not taken over', () => {
  const t = tempStore();
  try {
    const partial = importScenario(t.store.createSink(countingSummarizers()), sha(3), { stopAfter: 2 });
    const parent = process.ppid;
    t.store.db.prepare('UPDATE captures SET pid = ? WHERE id = ?').run(parent, partial.id);
    assert.throws(() => importScenario(t.store.createSink(countingSummarizers()), sha(3)), /being imported right now/);
  } finally {
    t.store.db.prepare("UPDATE captures SET status = 'interrupted', pid = NULL").run();
    t.done();
  }
});

test('a hash known only at the end: a duplicate of a complete capture is discarded in the finishing transaction', () => {
  const t = tempStore();
  try {
    importScenario(t.store.createSink(countingSummarizers()), sha(4));
    const before = snapshot(t.store);
    const streamed = importScenario(t.store.createSink(countingSummarizers()), null, { file: 'copy.pcapng', hashAtEnd: sha(4) });
    assert.deepEqual(streamed.result, { captureId: 1, duplicateOf: 1 });
    assert.deepEqual(snapshot(t.store), before);
    assert.equal(t.store.capturesJson([1, 2]).length, 1);
  } finally {
    t.done();
  }
});

test('a streamed import killed before its hash was known is found again by path and size', () => {
  const clean = tempStore();
  const t = tempStore();
  try {
    importScenario(clean.store.createSink(countingSummarizers()), null, { hashAtEnd: sha(5) });
    const partial = importScenario(t.store.createSink(countingSummarizers()), null, { stopAfter: 4 });
    t.store.db.prepare('UPDATE captures SET pid = ? WHERE id = ?').run(deadPid(), partial.id);
    const rerun = importScenario(t.store.createSink(countingSummarizers()), null, { hashAtEnd: sha(5) });
    assert.equal(rerun.id, partial.id);
    assert.deepEqual(snapshot(t.store), snapshot(clean.store));
  } finally {
    clean.done();
    t.done();
  }
});

test('force re-imports a complete capture, replacing its data in one transaction', () => {
  const t = tempStore();
  try {
    importScenario(t.store.createSink(countingSummarizers()), sha(6));
    const before = snapshot(t.store);
    const sink = t.store.createSink(countingSummarizers());
    const again = sink.beginCapture({ file: 'scenario.pcapng', size: 123_456, sha256: sha(6), live: false, force: true });
    assert.equal(again.alreadyComplete, false);
    assert.equal(t.store.db.prepare('SELECT count(*) FROM activities').pluck().get(), 0);
    assert.equal(t.store.alertsJson({}).length, 0);
    t.store.db.prepare("UPDATE captures SET status = 'interrupted', pid = NULL").run();
    importScenario(t.store.createSink(countingSummarizers()), sha(6));
    assert.deepEqual(snapshot(t.store), before);
  } finally {
    t.done();
  }
});

test('bad capture info is refused', () => {
  const t = tempStore();
  try {
    const sink = t.store.createSink(countingSummarizers());
    assert.throws(() => sink.beginCapture({ file: 'x', size: 1, sha256: 'abc', live: false }), /not a sha256/);
    assert.throws(() => sink.beginCapture({ file: '', size: 1, sha256: null, live: false }), /needs a file name/);
    assert.throws(() => sink.setCaptureHash(99, sha(1)), /no capture 99/);
  } finally {
    t.done();
  }
});

test('the sink tells the pipeline when a complete import of a file size exists', () => {
  const t = tempStore();
  try {
    const sink = t.store.createSink(countingSummarizers());
    assert.equal(sink.hasCompleteCaptureOfSize?.(123_456), false);
    importScenario(sink, sha(8));
    assert.equal(sink.hasCompleteCaptureOfSize?.(123_456), true);
    assert.equal(sink.hasCompleteCaptureOfSize?.(123_457), false);
  } finally {
    t.done();
  }
});

test('an import killed while streaming (no hash yet) is completed by a run that knows the hash first', () => {
  const clean = tempStore();
  const t = tempStore();
  try {
    importScenario(clean.store.createSink(countingSummarizers()), sha(9));
    const partial = importScenario(t.store.createSink(countingSummarizers()), null, { stopAfter: 3 });
    t.store.db.prepare('UPDATE captures SET pid = ? WHERE id = ?').run(deadPid(), partial.id);
    const rerun = importScenario(t.store.createSink(countingSummarizers()), sha(9));
    assert.equal(rerun.id, partial.id);
    assert.deepEqual(snapshot(t.store), snapshot(clean.store));
  } finally {
    clean.done();
    t.done();
  }
});

test('an import killed after its hash was set is completed by a streaming run, without duplicates', () => {
  const clean = tempStore();
  const t = tempStore();
  try {
    importScenario(clean.store.createSink(countingSummarizers()), null, { hashAtEnd: sha(10) });
    const partial = importScenario(t.store.createSink(countingSummarizers()), null, { stopAfter: 5 });
    t.store.db.prepare('UPDATE captures SET sha256 = ?, pid = ? WHERE id = ?').run(sha(10), deadPid(), partial.id);
    const rerun = importScenario(t.store.createSink(countingSummarizers()), null, { hashAtEnd: sha(10) });
    assert.equal(rerun.id, partial.id);
    assert.deepEqual(snapshot(t.store), snapshot(clean.store));
  } finally {
    clean.done();
    t.done();
  }
});
