import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditTrail } from '../../db/audit.ts';
import { listExclusions } from '../../db/exclusions.ts';
import { addNote, closeAlert, closeAndExclude, reopenAlert } from '../../db/triage.ts';
import { undo } from '../../db/undo.ts';
import { batch, countingSummarizers, S, sessionEnum, sha, T0, tempStore, update } from './helpers.ts';

function withAlert(named = true) {
  const t = tempStore();
  t.store.setSetting('analystName', 'ana');
  const sink = t.store.createSink(countingSummarizers());
  const { id } = sink.beginCapture({ file: 'c.pcap', size: 1, sha256: sha(1), live: false });
  const names = named ? [{ ip: '10.0.0.66', name: 'WS-17', source: 'dns' as const, ts: T0 }] : [];
  const a = sessionEnum('10.0.0.66', '10.0.0.10', 'alice', T0);
  sink.writeBatch(batch(id, [a], [update('2012', [a])], { names }));
  const more = (ts: number) => {
    const b = sessionEnum('10.0.0.66', '10.0.0.10', 'alice', ts);
    return sink.writeBatch(batch(id, [b], [update('2012', [b])]));
  };
  return { t, more };
}

const statusOf = (t: ReturnType<typeof tempStore>, id = 1) => {
  const a = t.store.alertsJson({ ids: [id] })[0];
  return a ? [a.status, a.classification] : null;
};

test('alert life: open -> closed -> reopened -> closed, each change audited with who, from, to and why', () => {
  const { t } = withAlert();
  try {
    closeAlert(t.store.db, 1, 'fp', { note: 'lab test' });
    assert.deepEqual(statusOf(t), ['closed', 'fp']);
    assert.throws(() => closeAlert(t.store.db, 1, 'tp'), /already closed/);
    reopenAlert(t.store.db, 1, 'seen again');
    assert.throws(() => reopenAlert(t.store.db, 1), /reopened, not closed/);
    assert.deepEqual(statusOf(t), ['reopened', null]);
    closeAlert(t.store.db, 1, 'tp');
    addNote(t.store.db, 1, 'escalated to IR');
    const trail = auditTrail(t.store.db, { alertId: 1 });
    assert.deepEqual(trail.map((r) => r.action), ['close', 'reopen', 'close', 'note']);
    assert.ok(trail.every((r) => r.author === 'ana' && !Number.isNaN(Date.parse(r.at))));
    assert.deepEqual(trail[0]?.from, { alerts: [{ id: 1, status: 'open', classification: null }] });
    assert.deepEqual(trail[0]?.to, { alerts: [{ id: 1, status: 'closed', classification: 'fp' }], exclusions: [] });
    assert.equal(trail[0]?.reason, 'lab test');
    assert.deepEqual(trail[1]?.to, { alerts: [{ id: 1, status: 'reopened', classification: null }] });
    const notes = t.store.db.prepare('SELECT author, text FROM alert_notes WHERE alert_id = 1 ORDER BY id').all();
    assert.deepEqual(notes, [{ author: 'ana', text: 'lab test' }, { author: 'ana', text: 'seen again' }, { author: 'ana', text: 'escalated to IR' }]);
    assert.throws(() => closeAlert(t.store.db, 99, 'tp'), /no alert 99/);
  } finally {
    t.done();
  }
});

test('close and exclude: B-TP plus an exclusion of the source ip and name for that detection; new activity raises nothing', () => {
  const { t, more } = withAlert();
  try {
    const r = closeAndExclude(t.store.db, 1, 'vulnerability scanner');
    assert.deepEqual(statusOf(t), ['closed', 'btp']);
    const ex = listExclusions(t.store.db);
    assert.deepEqual(ex.map((e) => [e.detection, e.kind, e.value, e.fromAlert, e.author]), [['2012', 'ip', '10.0.0.66', 1, 'ana'], ['2012', 'host', 'WS-17', 1, 'ana']]);
    assert.deepEqual(r.exclusionIds, ex.map((e) => e.id));
    assert.deepEqual(more(T0 + S), []);
    assert.equal(t.store.alertsJson({}).length, 1);
  } finally {
    t.done();
  }
});

test('close and exclude is atomic: a failure while adding the exclusion leaves neither half', () => {
  const { t } = withAlert();
  try {
    // The injected failure: the exclusion insert aborts after the alert was already updated in the transaction.
    t.store.db.exec("CREATE TEMP TRIGGER fail_exclusion BEFORE INSERT ON exclusions BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
    assert.throws(() => closeAndExclude(t.store.db, 1), /injected failure/);
    assert.deepEqual(statusOf(t), ['open', null]);
    assert.equal(listExclusions(t.store.db, { includeRemoved: true }).length, 0);
    assert.equal(auditTrail(t.store.db).length, 0);
    t.store.db.exec('DROP TRIGGER fail_exclusion');
    // And a failure in the audit write (the last step) also undoes the close and the exclusion.
    t.store.db.exec("CREATE TEMP TRIGGER fail_audit BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
    assert.throws(() => closeAndExclude(t.store.db, 1), /injected failure/);
    assert.deepEqual(statusOf(t), ['open', null]);
    assert.equal(listExclusions(t.store.db, { includeRemoved: true }).length, 0);
  } finally {
    t.store.db.exec('DROP TRIGGER IF EXISTS fail_audit');
    t.done();
  }
});

test('undo of close and exclude removes the exclusions and restores the previous status, once', () => {
  const { t, more } = withAlert();
  try {
    closeAlert(t.store.db, 1, 'tp');
    reopenAlert(t.store.db, 1);
    const r = closeAndExclude(t.store.db, 1);
    const u = undo(t.store.db, r.auditId);
    assert.equal(u.action, 'close-and-exclude');
    assert.deepEqual(statusOf(t), ['reopened', null]);
    assert.equal(listExclusions(t.store.db).length, 0);
    assert.throws(() => undo(t.store.db, r.auditId), /already undone/);
    assert.equal(more(T0 + S)[0]?.id, 1, 'the source alerts again, into the reopened alert');
    const last = auditTrail(t.store.db).at(-1);
    assert.equal(last?.action, 'undo');
    assert.equal(last?.undoOf, r.auditId);
  } finally {
    t.done();
  }
});

test('undo is refused when the alert changed since, and for actions that cannot be undone', () => {
  const { t } = withAlert(false);
  try {
    const closed = closeAndExclude(t.store.db, 1);
    assert.equal(closed.exclusionIds.length, 1, 'no name known: the ip only');
    reopenAlert(t.store.db, 1);
    assert.throws(() => undo(t.store.db, closed.auditId), /changed since/);
    assert.deepEqual(statusOf(t), ['reopened', null]);
    const note = addNote(t.store.db, 1, 'x');
    assert.throws(() => undo(t.store.db, note), /cannot be undone/);
    assert.throws(() => undo(t.store.db, 999), /no audit entry/);
  } finally {
    t.done();
  }
});

test('closing several alerts is one change: one undo token, and each alert keeps its own audit entries', async () => {
  const { closeAlerts } = await import('../../db/triage.ts');
  const { t } = withAlert();
  try {
    const sink = t.store.createSink(countingSummarizers());
    const { id } = sink.beginCapture({ file: 'd.pcap', size: 2, sha256: sha(2), live: false });
    const b = sessionEnum('10.0.0.77', '10.0.0.10', 'bob', T0);
    sink.writeBatch(batch(id, [b], [update('2012', [b])]));
    const r = closeAlerts(t.store.db, [1, 2, 2], 'btp', { exclude: true, note: 'pentest' });
    assert.deepEqual(r.alerts.map((a) => a.id), [1, 2]);
    assert.equal(r.exclusionIds.length, 3, 'ip and name of WS-17, ip of the unnamed source');
    assert.deepEqual(auditTrail(t.store.db, { alertId: 2 }).map((a) => a.action), ['close-and-exclude']);
    undo(t.store.db, r.auditId);
    assert.deepEqual(t.store.alertsJson({}).map((a) => a.status), ['open', 'open']);
    assert.equal(listExclusions(t.store.db).length, 0);
    assert.deepEqual(auditTrail(t.store.db, { alertId: 2 }).map((a) => a.action), ['close-and-exclude', 'undo']);
    const groupEntry = auditTrail(t.store.db, { alertId: 1 }).find((a) => a.action === 'close-and-exclude' && a.id !== r.auditId);
    assert.ok(groupEntry);
    assert.throws(() => undo(t.store.db, groupEntry.id), /part of change/);
  } finally {
    t.done();
  }
});
