import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyRetention, deleteCapture, listCaptures } from '../../db/captures.ts';
import { auditTrail } from '../../db/audit.ts';
import { batch, countingSummarizers, S, sessionEnum, sha, stats, T0, tempStore, update } from './helpers.ts';

const HOUR = 3600 * S;
const n = (t: ReturnType<typeof tempStore>, sql: string): number => Number(t.store.db.prepare(sql).pluck().get());

/** Two captures: alert A has evidence in both, alert B only in the second. */
function twoCaptures() {
  const t = tempStore();
  const sink = t.store.createSink(countingSummarizers());
  const c1 = sink.beginCapture({ file: 'one.pcap', size: 1, sha256: sha(1), live: false }).id;
  const a1 = sessionEnum('10.0.0.66', '10.0.0.10', 'alice', T0, [{ client: 'x', user: 'bob' }]);
  sink.writeBatch(batch(c1, [a1], [update('2012', [a1])], { names: [{ ip: '10.0.0.66', name: 'WS-17', source: 'dns', ts: T0 }] }));
  sink.finishCapture(c1, 'complete', stats());
  const c2 = sink.beginCapture({ file: 'two.pcap', size: 1, sha256: sha(2), live: false }).id;
  const a2 = sessionEnum('10.0.0.66', '10.0.0.10', 'alice', T0 + HOUR, [{ client: 'y', user: 'carol' }]);
  const b2 = sessionEnum('10.0.0.77', '10.0.0.10', 'mallory', T0 + HOUR);
  sink.writeBatch(batch(c2, [a2, b2], [update('2012', [a2]), update('2012', [b2])], { names: [{ ip: '10.0.0.77', name: 'WS-77', source: 'dns', ts: T0 }] }));
  sink.finishCapture(c2, 'complete', stats());
  return { t, c1, c2 };
}

test('deleting a capture removes what only it produced; alerts keep the evidence other captures give', () => {
  const { t, c2 } = twoCaptures();
  try {
    assert.deepEqual(t.store.alertsJson({}).map((a) => a.exposedAccounts), [['bob', 'carol'], []]);
    const r = deleteCapture(t.store.db, c2, countingSummarizers());
    assert.equal(r.activities, 2);
    assert.deepEqual(r.alertsDeleted, [2]);
    assert.deepEqual(r.alertsUpdated, [1]);
    const [a] = t.store.alertsJson({});
    assert.deepEqual(a?.exposedAccounts, ['bob'], 'summary recomputed from the remaining evidence');
    assert.equal(a?.lastSeen, new Date(T0 / 1000).toISOString());
    assert.equal(n(t, 'SELECT count(*) FROM activities'), 1);
    assert.equal(n(t, "SELECT count(*) FROM host_names WHERE ip = '10.0.0.77'"), 0, 'the name only it taught is forgotten');
    assert.equal(n(t, "SELECT count(*) FROM hosts WHERE ip = '10.0.0.77'"), 0);
    assert.equal(n(t, "SELECT count(*) FROM accounts WHERE name_key = 'mallory'"), 0);
    assert.equal(n(t, "SELECT count(*) FROM host_names WHERE ip = '10.0.0.66'"), 1);
    assert.deepEqual(listCaptures(t.store.db).map((c) => c.id), [1]);
    assert.equal(auditTrail(t.store.db).at(-1)?.action, 'capture-delete');
    assert.throws(() => deleteCapture(t.store.db, c2, countingSummarizers()), /no capture/);
  } finally {
    t.done();
  }
});

test('a capture delete that fails midway changes nothing', () => {
  const { t, c2 } = twoCaptures();
  try {
    const before = t.store.alertsJson({});
    const failing = countingSummarizers();
    failing.set('2012', { id: '2012', summarize: () => { throw new Error('summarizer failed'); } });
    assert.throws(() => deleteCapture(t.store.db, c2, failing), /summarizer failed/);
    assert.deepEqual(t.store.alertsJson({}), before);
    assert.equal(n(t, 'SELECT count(*) FROM activities'), 3);
  } finally {
    t.done();
  }
});

test('retention deletes live captures older than N days and keeps files and recent live data', () => {
  const t = tempStore();
  try {
    const sink = t.store.createSink(countingSummarizers());
    const ids = ['old-live', 'new-live', 'old-file'].map((file, i) => {
      const id = sink.beginCapture({ file, size: 1, sha256: i === 2 ? sha(9) : null, live: file.endsWith('live') }).id;
      const a = sessionEnum(`10.0.0.${i + 1}`, '10.0.0.10', 'alice', T0 + i * S);
      sink.writeBatch(batch(id, [a], [update('2012', [a])]));
      sink.finishCapture(id, 'complete', stats());
      return id;
    });
    const now = Date.now();
    const setAge = t.store.db.prepare('UPDATE captures SET finished_at = ? WHERE id = ?');
    setAge.run(new Date(now - 40 * 86_400_000).toISOString(), ids[0]);
    setAge.run(new Date(now - 40 * 86_400_000).toISOString(), ids[2]);
    assert.deepEqual(applyRetention(t.store.db, countingSummarizers()), [], 'retention is off by default');
    t.store.setSetting('liveRetentionDays', 30);
    const deleted = applyRetention(t.store.db, countingSummarizers(), undefined, now);
    assert.deepEqual(deleted.map((d) => d.captureId), [ids[0]]);
    assert.deepEqual(listCaptures(t.store.db).map((c) => c.file), ['new-live', 'old-file']);
    assert.equal(t.store.alertsJson({}).length, 2);
  } finally {
    t.done();
  }
});
