import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addExclusion, alertsPreventedBy, listExclusions, removeExclusion } from '../../db/exclusions.ts';
import { closePrevented } from '../../db/triage.ts';
import { undo } from '../../db/undo.ts';
import { batch, countingSummarizers, guess, S, sessionEnum, sha, T0, tempStore, update } from './helpers.ts';

const q = (t: ReturnType<typeof tempStore>, sql: string, ...args: unknown[]): unknown => t.store.db.prepare(sql).pluck().get(...args);

function setup() {
  const t = tempStore();
  const sink = t.store.createSink(countingSummarizers());
  const { id } = sink.beginCapture({ file: 'c.pcap', size: 1, sha256: sha(1), live: false });
  sink.writeBatch(batch(id, [], [], { names: [{ ip: '10.0.0.66', name: 'ws-17.corp.local', source: 'dns', ts: T0 }] }));
  let ts = T0;
  const enumerate = (src: string, user = 'alice') => {
    const a = sessionEnum(src, '10.0.0.10', user, (ts += S));
    return sink.writeBatch(batch(id, [a], [update('2012', [a])]));
  };
  return { t, sink, id, enumerate };
}

test('an exclusion stops new alerts; the activities are kept and counted as suppressed', () => {
  const { t, enumerate } = setup();
  try {
    const ex = addExclusion(t.store.db, { detection: '2012', kind: 'ip', value: '10.0.0.66', note: 'scanner' });
    assert.deepEqual(enumerate('10.0.0.66'), []);
    assert.deepEqual(enumerate('10.0.0.66'), []);
    assert.equal(t.store.alertsJson({}).length, 0);
    assert.equal(q(t, 'SELECT count(*) FROM activities WHERE suppressed_by = ?', ex.id), 2);
    const [row] = listExclusions(t.store.db);
    assert.equal(row?.suppressedActivities, 2);
    assert.equal(row?.alertsPrevented, 1);
    // Another detection or another source is not affected.
    assert.equal(enumerate('10.0.0.67').length, 1);
  } finally {
    t.done();
  }
});

test('removing an exclusion lets new alerts through, and undo of the removal stops them again', () => {
  const { t, enumerate } = setup();
  try {
    const ex = addExclusion(t.store.db, { detection: 'all', kind: 'cidr', value: '10.0.0.0/24' });
    assert.deepEqual(enumerate('10.0.0.66'), []);
    const removed = removeExclusion(t.store.db, ex.id);
    assert.throws(() => removeExclusion(t.store.db, ex.id), /already removed/);
    assert.equal(enumerate('10.0.0.66').length, 1);
    undo(t.store.db, removed.auditId);
    assert.equal(q(t, 'SELECT removed_at FROM exclusions WHERE id = ?', ex.id), null);
    closePrevented(t.store.db, ex.id);
    assert.deepEqual(enumerate('10.0.0.66'), []);
    assert.equal(t.store.alertsJson({ status: 'open' }).length, 0);
    // The row stays, with what it stopped, after removal.
    assert.equal(listExclusions(t.store.db)[0]?.suppressedActivities, 2);
  } finally {
    t.done();
  }
});

test('undo of adding an exclusion removes it', () => {
  const { t, enumerate } = setup();
  try {
    const ex = addExclusion(t.store.db, { detection: '2012', kind: 'host', value: 'WS-17' });
    assert.deepEqual(enumerate('10.0.0.66'), [], 'short name matches the learned FQDN');
    undo(t.store.db, ex.auditId);
    assert.equal(listExclusions(t.store.db).length, 0);
    assert.equal(listExclusions(t.store.db, { includeRemoved: true }).length, 1);
    assert.equal(enumerate('10.0.0.66').length, 1);
  } finally {
    t.done();
  }
});

test('account exclusions: the SMB session user for 2012, the guessed name for 2003', () => {
  const { t, sink, id, enumerate } = setup();
  try {
    addExclusion(t.store.db, { detection: '2012', kind: 'account', value: 'CORP\\svc_scan' });
    assert.deepEqual(enumerate('10.0.0.66', 'SVC_SCAN'), []);
    assert.equal(enumerate('10.0.0.66', 'alice').length, 1);
    const ex = addExclusion(t.store.db, { detection: '2003', kind: 'account', value: 'healthcheck@corp.local' });
    const probe = guess('10.0.0.70', '10.0.0.10', 'healthcheck', T0 + 100 * S);
    const other = guess('10.0.0.70', '10.0.0.10', 'bob', T0 + 101 * S);
    assert.deepEqual(sink.writeBatch(batch(id, [probe], [update('2003', [probe])])), []);
    const refs = sink.writeBatch(batch(id, [other], [update('2003', [probe, other])]));
    assert.equal(refs.length, 1);
    assert.equal(q(t, 'SELECT count(*) FROM alert_activities WHERE alert_id = ?', refs[0]!.id), 1, 'only the non-excluded guess is evidence');
    assert.equal(q(t, 'SELECT count(*) FROM activities WHERE suppressed_by = ?', ex.id), 1);
  } finally {
    t.done();
  }
});

test('IPv6 addresses and subnets match whatever way they are written', () => {
  const { t, enumerate } = setup();
  try {
    addExclusion(t.store.db, { detection: '2012', kind: 'cidr', value: 'fd00:0:0:1::/64' });
    addExclusion(t.store.db, { detection: '2012', kind: 'ip', value: '2001:db8::1' });
    assert.deepEqual(enumerate('fd00::1:0:0:0:99'), []);
    assert.deepEqual(enumerate('2001:0db8:0:0:0:0:0:1'), []);
    assert.equal(enumerate('fd00:0:0:2::1').length, 1);
  } finally {
    t.done();
  }
});

test('bad exclusions are refused with a clear message', () => {
  const t = tempStore();
  try {
    const db = t.store.db;
    assert.throws(() => addExclusion(db, { detection: '9999' as '2003', kind: 'ip', value: '10.0.0.1' }), /not a detection/);
    assert.throws(() => addExclusion(db, { detection: '2003', kind: 'ip', value: '10.0.0.999' }), /not an IPv4 or IPv6/);
    assert.throws(() => addExclusion(db, { detection: '2003', kind: 'cidr', value: '10.0.0.0/40' }), /not a subnet/);
    assert.throws(() => addExclusion(db, { detection: '2003', kind: 'host', value: 'two words' }), /not a computer name/);
    assert.throws(() => removeExclusion(db, 42), /no exclusion 42/);
    assert.equal(listExclusions(db).length, 0);
  } finally {
    t.done();
  }
});

test('the open alerts an exclusion would have prevented can be closed in one step, and that is undoable', () => {
  const { t, enumerate } = setup();
  try {
    enumerate('10.0.0.66');
    enumerate('10.0.0.67');
    const ex = addExclusion(t.store.db, { detection: '2012', kind: 'host', value: 'ws-17.corp.local' });
    assert.deepEqual(alertsPreventedBy(t.store.db, ex.id), [1]);
    const closed = closePrevented(t.store.db, ex.id);
    assert.deepEqual(closed?.alerts, [{ id: 1, status: 'closed', classification: 'btp' }]);
    assert.deepEqual(t.store.alertsJson({}).map((a) => a.status), ['closed', 'open']);
    undo(t.store.db, closed!.auditId);
    assert.deepEqual(t.store.alertsJson({}).map((a) => a.status), ['open', 'open']);
  } finally {
    t.done();
  }
});
