import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, dispatch } from '../../main/api/contract.ts';
import { seededHandlers, T0, XSS } from './fixture.ts';

test('alerts.list filters by detection and text, counts chips across the other dimension', async () => {
  const { h } = seededHandlers();
  const all = await h['alerts.list']({ sort: 'lastSeen', dir: 'desc', offset: 0, limit: 50 });
  assert.equal(all.total, 2);
  assert.deepEqual(all.rows.map((r) => r.id), [2, 1], 'last seen first');
  assert.equal(all.rows[0]?.source.name, 'WS-17');
  const only2012 = await h['alerts.list']({ detections: ['2012'], sort: 'lastSeen', dir: 'desc', offset: 0, limit: 50 });
  assert.deepEqual(only2012.rows.map((r) => r.id), [2]);
  assert.equal(only2012.chips.detection['2003'], 1, 'detection chips ignore the detection filter');
  const byText = await h['alerts.list']({ text: '#1', sort: 'lastSeen', dir: 'desc', offset: 0, limit: 50 });
  assert.deepEqual(byText.rows.map((r) => r.id), [1]);
  const sensitive = await h['alerts.list']({ sensitiveOnly: true, sort: 'lastSeen', dir: 'desc', offset: 0, limit: 50 });
  assert.deepEqual(sensitive.rows.map((r) => r.id), [2]);
});

test('alerts.get gives evidence, details, exposed accounts with star reasons and frames', async () => {
  const { h } = seededHandlers();
  const a = await h['alerts.get']({ id: 2 });
  assert.equal(a.detectionName, 'User and IP address reconnaissance (SMB)');
  assert.equal(a.titleUser, 'alice', 'the caller the 2012 title starts with is a known account');
  const admin = a.exposed.find((e) => e.name === 'Administrator');
  assert.ok(admin?.sensitive);
  assert.match(admin.reasons.join(), /RID 500/);
  assert.deepEqual(admin.clients, ['\\\\10.0.0.22']);
  assert.equal(a.exposed.find((e) => e.name === XSS)?.sensitive, false);
  assert.deepEqual(a.details.columns, ['Caller', 'Info level', 'Returned user', 'Client']);
  assert.equal(a.details.rows.length, 2);
  assert.equal(a.frames[0]?.available, false, 'the capture file is not on disk');
  assert.equal(a.nextId, 1);
  const g = await h['alerts.get']({ id: 1 });
  assert.equal(g.titleUser, null, '2003 titles name no user');
  assert.deepEqual(g.details.totals.map((t) => `${t.label}=${t.value}`), ['Guesses=3', 'Unknown=2', 'Matched=1']);
  assert.match(g.evidence[0]?.text ?? '', /AS-REQ nosuch1@CORP.LOCAL -> KDC_ERR_C_PRINCIPAL_UNKNOWN \(6\)/);
  await assert.rejects(h['alerts.get']({ id: 99 }), (e) => e instanceof ApiError && e.status === 404);
});

test('close and exclude: one change, toast text, source excluded by ip and name, undo reverts both', async () => {
  const { h } = seededHandlers();
  const r = await h['triage.closeAndExclude']({ id: 2 });
  assert.equal(r.message, 'Closed as B-TP, WS-17 excluded from 2012');
  assert.ok(r.undoToken);
  const ex = await h['exclusions.list']({ includeRemoved: false });
  assert.deepEqual(ex.map((e) => `${e.detection} ${e.kind} ${e.value}`).sort(), ['2012 host WS-17', '2012 ip 10.0.0.66']);
  const closed = await h['alerts.get']({ id: 2 });
  assert.equal(closed.status, 'closed');
  assert.equal(closed.classification, 'btp');
  assert.equal(closed.sourceExcluded, true);
  assert.equal(closed.audit.at(-1)?.to, 'closed (B-TP), 2 exclusions added');
  await h['triage.undo']({ token: r.undoToken });
  assert.equal((await h['alerts.get']({ id: 2 })).status, 'open');
  assert.equal((await h['exclusions.list']({ includeRemoved: false })).length, 0);
  await assert.rejects(h['triage.undo']({ token: r.undoToken }), (e) => e instanceof ApiError && e.status === 409);
});

test('close dialog with TP, reopen, bulk close skips nothing silently', async () => {
  const { h } = seededHandlers();
  assert.equal((await h['triage.close']({ id: 1, classification: 'tp', note: 'real', alsoExclude: false })).message, 'Closed as TP');
  const re = await h['triage.reopen']({ id: 1 });
  assert.equal((await h['alerts.get']({ id: 1 })).status, 'reopened');
  assert.ok(re.undoToken);
  const bulk = await h['triage.bulkClose']({ ids: [1, 2], classification: 'fp', alsoExclude: false });
  assert.equal(bulk.message, 'Closed 2 alerts as FP');
  const list = await h['alerts.list']({ statuses: ['closed'], sort: 'lastSeen', dir: 'desc', offset: 0, limit: 10 });
  assert.equal(list.total, 2);
});

test('overview counts, exposure, blind spots and timeline buckets', async () => {
  const { h } = seededHandlers();
  const o = await h['overview.get']({});
  assert.equal(o.open, 2);
  assert.deepEqual(o.byDetection['2012'], { open: 1, closed: 0, reopened: 0 });
  assert.deepEqual(o.exposed, { total: 3, sensitive: 1 });
  assert.equal(o.blindSpots.total, 4);
  const bars = o.timeline.buckets.reduce((n, b) => n + Object.values(b.counts).reduce((x, y) => x + y, 0), 0);
  assert.equal(bars, 2);
  for (const b of o.timeline.buckets) assert.equal(b.t % o.timeline.bucketUs, 0, 'buckets start on a bucket boundary');
  assert.deepEqual(o.recentCaptures.map((c) => [c.name, c.status, c.alerts, c.blindSpots]), [['lab1.pcapng', 'complete', 2, 4]]);
});

test('overview lists the last 5 captures, newest first, with status, span, alerts, blind spots and the sample badge', async () => {
  const { h, deps } = seededHandlers();
  const ins = deps.db.prepare("INSERT INTO captures (id, file, size, format, packets, bytes, first_packet, last_packet, status, started_at, blind_spots, sample) VALUES (?, ?, 10, 'pcapng', 1, 10, ?, ?, ?, '2026-12-04T00:00:00.000Z', ?, ?)");
  for (let i = 2; i <= 7; i++) ins.run(i, `/data/cap${i}.pcapng`, T0, T0 + 3_600e6, i === 7 ? 'interrupted' : 'complete', JSON.stringify({ tcpGaps: i, smb3EncryptedFrames: 1 }), i === 6 ? 1 : 0);
  const o = await h['overview.get']({});
  assert.deepEqual(o.recentCaptures.map((c) => c.id), [7, 6, 5, 4, 3], 'at most 5, newest first');
  const [c7, c6] = o.recentCaptures;
  assert.equal(c7?.name, 'cap7.pcapng');
  assert.equal(c7?.status, 'interrupted');
  assert.equal(c7?.blindSpots, 8, 'blind spots summed over kinds');
  assert.deepEqual([c7?.firstPacket, c7?.lastPacket], [T0, T0 + 3_600e6]);
  assert.equal(c6?.sample, true);
  assert.equal(c7?.sample, false);
  assert.equal(o.captures, 7);
});

test('settings: invalid fields come back marked and nothing is saved; valid ones are stored in the store units', async () => {
  const { h, deps } = seededHandlers();
  const bad = await h['settings.set']({ patch: { enumUnknownNames: 1, dcs: ['10.0.0.300'], analyst: 'kim' } });
  assert.equal(bad.ok, false);
  if (!bad.ok) assert.deepEqual(Object.keys(bad.errors).sort(), ['dcs', 'enumUnknownNames']);
  assert.notEqual((await h['settings.get']({})).settings.analyst, 'kim', 'nothing saved when a field is invalid');
  const good = await h['settings.set']({ patch: { samrLearningDays: 0, dcs: ['10.0.0.10'], analyst: 'kim', enumWindowMin: 5 } });
  assert.equal(good.ok, true);
  const v = await h['settings.get']({});
  assert.equal(v.settings.samrLearningDays, 0);
  assert.deepEqual(v.settings.dcs, ['10.0.0.10']);
  assert.equal(v.settings.enumWindowMin, 5);
  const stored = deps.db.prepare<[], { value: string }>("SELECT value FROM settings WHERE key = 'enumWindowS'").get();
  assert.equal(stored?.value, '300');
});

test('search groups alerts, hosts and accounts', async () => {
  const { h } = seededHandlers();
  const r = await h['search.query']({ q: 'ws-17', limit: 5 });
  assert.deepEqual(r.groups.map((g) => g.kind), ['alert', 'host']);
  assert.equal(r.groups[1]?.items[0]?.label, 'WS-17 (10.0.0.66)');
  const acc = await h['search.query']({ q: 'nosuch', limit: 5 });
  assert.equal(acc.groups.find((g) => g.kind === 'account')?.items.length, 2);
});

test('dispatch validates arguments and refuses unknown channels', async () => {
  const { h } = seededHandlers();
  await assert.rejects(dispatch(h, 'alerts.nope', {}), (e) => e instanceof ApiError && e.status === 404);
  await assert.rejects(dispatch(h, 'alerts.get', { id: 'x' }), (e) => e instanceof ApiError && e.status === 400);
  await assert.rejects(dispatch(h, 'alerts.list', { limit: 1_000_000 }), (e) => e instanceof ApiError && e.status === 400);
  await assert.rejects(dispatch(h, '__proto__', {}), (e) => e instanceof ApiError && e.status === 404);
  const r = (await dispatch(h, 'alerts.list', { detections: ['2003'] })) as { total: number };
  assert.equal(r.total, 1);
});

test('the one-alert report escapes every string from packets', async () => {
  const { h } = seededHandlers();
  const r = await h['alerts.report']({ id: 2 });
  assert.ok(!r.content.includes(XSS), 'raw markup never reaches the page');
  assert.ok(r.content.includes('&#60;img src=x onerror=alert(1)&#62;'));
  assert.match(r.content, /Content-Security-Policy" content="default-src 'none'/);
  assert.ok(!/<script/i.test(r.content));
});

test('entities: hosts with roles and alerts, account page, tag sensitive', async () => {
  const { h } = seededHandlers();
  const hosts = await h['entities.hosts']({ offset: 0, limit: 50 });
  const dc = hosts.rows.find((r) => r.ip === '10.0.0.10');
  assert.equal(dc?.name, 'DC01');
  assert.deepEqual(dc?.roles.map((r) => r.role), ['dc']);
  const ws = await h['entities.host']({ ip: '10.0.0.66' });
  assert.deepEqual(ws.alertsAsSource.map((a) => a.id).sort(), [1, 2]);
  await h['entities.tagSensitive']({ name: 'bob', tagged: true, note: 'CFO' });
  const bob = await h['entities.account']({ name: 'bob' });
  assert.deepEqual(bob.account.reasons, ['tagged: CFO']);
  assert.equal(bob.exposedIn[0]?.id, 1);
  const a1 = await h['alerts.get']({ id: 1 });
  assert.equal(a1.exposed[0]?.sensitive, true);
});

test('a sensitivity the store learned (membership of a sensitive group) is a star reason too', async () => {
  const { h, deps } = seededHandlers();
  deps.db.prepare("INSERT INTO accounts (name, name_key, sensitive_reason) VALUES ('bob', 'bob', 'member of Domain Admins')").run();
  const a = await h['alerts.get']({ id: 1 });
  assert.deepEqual(a.exposed[0]?.reasons, ['member of Domain Admins']);
  assert.equal(a.exposed[0]?.sensitive, true);
});
