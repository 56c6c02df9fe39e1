import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closeAlert } from '../../db/triage.ts';
import { batch, countingSummarizers, guess, S, samrCall, sessionEnum, sha, stats, T0, tempStore, update } from './helpers.ts';

const HOUR = 3600 * S;
const count = (t: ReturnType<typeof tempStore>, sql: string): number => Number(t.store.db.prepare(sql).pluck().get());

function begin(t: ReturnType<typeof tempStore>, n = 1) {
  const sink = t.store.createSink(countingSummarizers());
  const { id } = sink.beginCapture({ file: `c${n}.pcap`, size: 1, sha256: sha(n), live: false });
  return { sink, id };
}

test('activity within the merge window updates the open alert; beyond it a new alert is raised', () => {
  const t = tempStore();
  try {
    const { sink, id } = begin(t);
    const a = sessionEnum('10.0.0.66', '10.0.0.10', 'alice', T0);
    const b = sessionEnum('10.0.0.66', '10.0.0.10', 'alice', T0 + 23 * HOUR);
    const c = sessionEnum('10.0.0.66', '10.0.0.10', 'alice', T0 + 48 * HOUR);
    const r1 = sink.writeBatch(batch(id, [a], [update('2012', [a])]));
    const r2 = sink.writeBatch(batch(id, [b], [update('2012', [b])]));
    const r3 = sink.writeBatch(batch(id, [c], [update('2012', [c])]));
    assert.deepEqual(r1, [{ id: 1, detection: '2012', created: true }]);
    assert.deepEqual(r2, [{ id: 1, detection: '2012', created: false }]);
    assert.equal(r3[0]?.created, true);
    const alerts = t.store.alertsJson({});
    assert.equal(alerts.length, 2);
    assert.equal(alerts[0]?.lastSeen, new Date((T0 + 23 * HOUR) / 1000).toISOString());
    assert.match(alerts[0]?.title ?? '', /2 activities/);
  } finally {
    t.done();
  }
});

test('the merge window is a setting', () => {
  const t = tempStore();
  try {
    t.store.setSetting('mergeWindowS', '1h');
    const { sink, id } = begin(t);
    const a = sessionEnum('10.0.0.66', '10.0.0.10', 'alice', T0);
    const b = sessionEnum('10.0.0.66', '10.0.0.10', 'alice', T0 + 2 * HOUR);
    sink.writeBatch(batch(id, [a, b], [update('2012', [a]), update('2012', [b])]));
    assert.equal(t.store.alertsJson({}).length, 2);
  } finally {
    t.done();
  }
});

test('a closed alert is never reopened by traffic: a new alert is created', () => {
  const t = tempStore();
  try {
    const { sink, id } = begin(t);
    const a = sessionEnum('10.0.0.66', '10.0.0.10', 'alice', T0);
    sink.writeBatch(batch(id, [a], [update('2012', [a])]));
    closeAlert(t.store.db, 1, 'tp');
    const b = sessionEnum('10.0.0.66', '10.0.0.10', 'alice', T0 + S);
    const [ref] = sink.writeBatch(batch(id, [b], [update('2012', [b])]));
    assert.equal(ref?.created, true);
    assert.deepEqual(t.store.alertsJson({}).map((x) => [x.id, x.status]), [[1, 'closed'], [2, 'open']]);
  } finally {
    t.done();
  }
});

test('evidence from an earlier batch links to the same activity row, and the summary is computed once from all evidence', () => {
  const t = tempStore();
  try {
    const calls: number[] = [];
    const summarizers = countingSummarizers();
    const inner = summarizers.get('2003')!;
    summarizers.set('2003', { id: '2003', summarize: (input) => (calls.push(input.evidence.length), inner.summarize(input)) });
    const sink = t.store.createSink(summarizers);
    const { id } = sink.beginCapture({ file: 'c.pcap', size: 1, sha256: sha(1), live: false });
    const early = Array.from({ length: 5 }, (_, i) => guess('10.0.0.66', '10.0.0.10', `n${i}`, T0 + i * S, i === 0 ? 'exists' : 'unknown'));
    sink.writeBatch(batch(id, early));
    const late = Array.from({ length: 5 }, (_, i) => guess('10.0.0.66', '10.0.0.10', `m${i}`, T0 + (10 + i) * S));
    // Two updates for one alert in one batch: one summary.
    sink.writeBatch(batch(id, late, [update('2003', [...early, ...late.slice(0, 3)]), update('2003', late)]));
    assert.deepEqual(calls, [10]);
    assert.equal(count(t, 'SELECT count(*) FROM activities'), 10);
    assert.equal(count(t, 'SELECT count(*) FROM alert_activities'), 10);
    const [alert] = t.store.alertsJson({});
    assert.deepEqual(alert?.exposedAccounts, ['n0']);
    assert.equal(alert?.firstSeen, new Date(T0 / 1000).toISOString());
    assert.equal(count(t, 'SELECT activity_count FROM alerts'), 10);
  } finally {
    t.done();
  }
});

test('a batch that fails is rolled back whole, and later batches still link evidence correctly', () => {
  const t = tempStore();
  try {
    const { sink, id } = begin(t);
    const a = sessionEnum('10.0.0.66', '10.0.0.10', 'alice', T0);
    const bad = { ...batch(id, [a], [update('2012', [a])]), names: [{ ip: '10.0.0.66', name: null as unknown as string, source: 'dns' as const, ts: T0 }] };
    assert.throws(() => sink.writeBatch(bad));
    assert.equal(count(t, 'SELECT count(*) FROM activities'), 0);
    assert.equal(count(t, 'SELECT count(*) FROM alerts'), 0);
    sink.writeBatch(batch(id, [a], [update('2012', [a])]));
    assert.equal(count(t, 'SELECT count(*) FROM activities'), 1);
    assert.equal(count(t, 'SELECT count(*) FROM alert_activities'), 1);
  } finally {
    t.done();
  }
});

test('names, roles, learning and progress are stored and read back as engine state', () => {
  const t = tempStore();
  try {
    t.store.declareRole('10.0.0.53', 'dns-server');
    assert.throws(() => t.store.declareRole('not-an-ip', 'dc'), /not an IPv4 or IPv6/);
    const { sink, id } = begin(t);
    sink.writeBatch(
      batch(id, [], [], {
        names: [{ ip: '10.0.0.66', name: 'WS-17', source: 'ntlmssp', ts: T0 }],
        roles: [{ ip: '10.0.0.10', role: 'dc', source: 'kerberos-answer', ts: T0, detail: 'answered AS-REQ' }],
        samrLearningStarts: [{ dc: '10.0.0.10', ts: T0 }],
        samrBaseline: [{ dc: '10.0.0.10', source: '10.0.0.66', cls: 'enumerate-users', ts: T0 }],
        progress: { packets: 500, bytes: 50_000, lastFrame: 500 },
      }),
    );
    const state = sink.loadEngineState();
    assert.deepEqual(state.names, [{ ip: '10.0.0.66', name: 'WS-17', source: 'ntlmssp', ts: T0 }]);
    assert.deepEqual(state.roles.map((r) => [r.ip, r.role, r.source]).sort(), [['10.0.0.10', 'dc', 'kerberos-answer'], ['10.0.0.53', 'dns-server', 'declared']]);
    assert.deepEqual(state.samrLearningStarts, [{ dc: '10.0.0.10', ts: T0 }]);
    assert.deepEqual(state.samrBaseline, [{ dc: '10.0.0.10', source: '10.0.0.66', cls: 'enumerate-users', ts: T0 }]);
    assert.deepEqual(t.store.hostsJson().find((h) => h.ip === '10.0.0.10')?.roles, ['dc']);
    assert.equal(count(t, 'SELECT last_frame FROM captures'), 500);
    sink.writeBatch(batch(id, [], [], { roles: [{ ip: '10.0.0.10', role: 'dc', source: 'kerberos-answer', ts: T0 + 60 * S }] }));
    assert.deepEqual(t.store.db.prepare("SELECT first_seen AS f, last_seen AS l FROM host_roles WHERE ip = '10.0.0.10'").get(), { f: T0, l: T0 + 60 * S });
    sink.finishCapture(id, 'complete', stats());
    assert.throws(() => sink.writeBatch(batch(id, [])), /not importing/);
  } finally {
    t.done();
  }
});

test('detection settings come from the database', () => {
  const t = tempStore();
  try {
    assert.equal(t.store.getDetectionSettings().samrLearningS, 28 * 86400);
    t.store.setSetting('samrLearningS', 0);
    t.store.setSetting('enumUnknownNames', '25');
    assert.throws(() => t.store.setSetting('enumWindowS', 'ten minutes'), /not a duration/);
    const s = t.store.getDetectionSettings();
    assert.equal(s.samrLearningS, 0);
    assert.equal(s.enumUnknownNames, 25);
    assert.equal(s.enumWindowS, 600);
    assert.equal(t.store.getSetting('custom.flag', 'fallback'), 'fallback');
    t.store.setSetting('custom.flag', { on: true });
    assert.deepEqual(t.store.getSetting('custom.flag', null), { on: true });
  } finally {
    t.done();
  }
});

test('SAMR answers teach which accounts are sensitive and why', () => {
  const t = tempStore();
  try {
    const { sink, id } = begin(t);
    const call = { ...samrCall('10.0.0.66', '10.0.0.10', 'alice', T0), members: [{ rid: 1104, name: 'bob' }, { rid: 1105 }] };
    sink.writeBatch(batch(id, [call]));
    const rows = t.store.db.prepare('SELECT name, rid, sensitive_reason AS why FROM accounts WHERE sensitive_reason IS NOT NULL ORDER BY name_key').all();
    assert.deepEqual(rows, [{ name: 'bob', rid: 1104, why: 'member of Domain Admins' }, { name: 'Domain Admins', rid: 512, why: 'RID 512' }]);
  } finally {
    t.done();
  }
});

test('evidence whose capture was deleted while a run still holds it is skipped, not a failed batch', async () => {
  const t = tempStore();
  try {
    const { deleteCapture } = await import('../../db/captures.ts');
    const sink = t.store.createSink(countingSummarizers());
    const c1 = sink.beginCapture({ file: 'old.pcap', size: 1, sha256: sha(1), live: true }).id;
    const old = sessionEnum('10.0.0.66', '10.0.0.10', 'alice', T0);
    sink.writeBatch(batch(c1, [old]));
    sink.finishCapture(c1, 'complete', stats());
    const c2 = sink.beginCapture({ file: 'new.pcap', size: 1, sha256: sha(2), live: true }).id;
    deleteCapture(t.store.db, c1, countingSummarizers());
    assert.deepEqual(sink.writeBatch(batch(c2, [], [update('2012', [old])])), []);
    const now = sessionEnum('10.0.0.66', '10.0.0.10', 'alice', T0 + S);
    const [ref] = sink.writeBatch(batch(c2, [now], [update('2012', [old, now])]));
    assert.equal(Number(t.store.db.prepare('SELECT count(*) FROM alert_activities WHERE alert_id = ?').pluck().get(ref!.id)), 1);
    assert.equal(t.store.alertsJson({}).length, 1);
  } finally {
    t.done();
  }
});

test('an older file imported after a newer one merges into the alert when within the window before it', () => {
  const t = tempStore();
  try {
    const { sink, id } = begin(t);
    const late = sessionEnum('10.0.0.66', '10.0.0.10', 'alice', T0 + 48 * HOUR);
    const earlier = sessionEnum('10.0.0.66', '10.0.0.10', 'alice', T0 + 30 * HOUR);
    const much = sessionEnum('10.0.0.66', '10.0.0.10', 'alice', T0);
    sink.writeBatch(batch(id, [late], [update('2012', [late])]));
    assert.equal(sink.writeBatch(batch(id, [earlier], [update('2012', [earlier])]))[0]?.created, false);
    assert.equal(sink.writeBatch(batch(id, [much], [update('2012', [much])]))[0]?.created, true);
    const [merged] = t.store.alertsJson({ ids: [1] });
    assert.equal(merged?.firstSeen, new Date((T0 + 30 * HOUR) / 1000).toISOString());
    assert.equal(merged?.lastSeen, new Date((T0 + 48 * HOUR) / 1000).toISOString());
  } finally {
    t.done();
  }
});
