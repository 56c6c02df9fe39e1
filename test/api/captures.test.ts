import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../main/api/contract.ts';
import type { ImportJob } from '../../main/api/contract.ts';
import type { ImportRequest, ImportRunner } from '../../main/api/deps.ts';
import { seededHandlers } from './fixture.ts';

/** A runner that "imports" at once: it reports capture 1 (already seeded) as the result. */
function instantRunner(seen: ImportRequest[]): ImportRunner {
  return {
    start(req, onFinished) {
      seen.push(req);
      const job: ImportJob = { jobId: 7, files: req.paths, state: 'done', currentFile: null, bytes: 0, totalBytes: 0, packets: 0, alerts: 2, captureIds: [1], alreadyImported: [], error: null, startedAt: '', finishedAt: '' };
      onFinished?.(job);
      return 7;
    },
    cancel: () => false,
    status: () => [],
  };
}

test('sample: refused when not bundled; opened as forensic and badged; removed with its alerts', async () => {
  const seen: ImportRequest[] = [];
  const { h, deps } = seededHandlers({ imports: instantRunner(seen) });
  await assert.rejects(h['sample.open']({}), (e) => e instanceof ApiError && e.status === 404);
  writeFileSync(deps.samplePath, 'pcapng bytes');
  assert.deepEqual(await h['sample.open']({}), { jobId: 7 });
  assert.deepEqual(seen[0], { paths: [deps.samplePath], forensic: true, sample: true });
  const caps = await h['captures.list']({});
  assert.equal(caps[0]?.sample, true);
  const alerts = await h['alerts.list']({ sort: 'lastSeen', dir: 'desc', offset: 0, limit: 10 });
  assert.ok(alerts.rows.every((r) => r.sample), 'alerts of the sample are badged');
  assert.equal((await h['settings.get']({})).hasSampleData, true);
  await h['sample.remove']({});
  assert.equal((await h['captures.list']({})).length, 0);
  assert.equal((await h['alerts.list']({ sort: 'lastSeen', dir: 'desc', offset: 0, limit: 10 })).total, 0);
});

test('import start refuses missing files; the report lists activities, roles and alerts', async () => {
  const seen: ImportRequest[] = [];
  const { h, deps } = seededHandlers({ imports: instantRunner(seen) });
  await assert.rejects(h['captures.importStart']({ paths: [join(deps.dir, 'nope.pcap')], forensic: false }), (e) => e instanceof ApiError && e.status === 400);
  assert.equal(seen.length, 0);
  const r = await h['captures.report']({ id: 1 });
  assert.deepEqual(r.activities, { 'krb-as': 3, 'srvsvc-sessenum': 1 });
  assert.deepEqual(r.dcs.map((d) => `${d.name} ${d.ip}`), ['DC01 10.0.0.10']);
  assert.equal(r.noDcSeen, false);
  assert.deepEqual(r.alertIds, [1, 2]);
  assert.deepEqual(r.blindSpots.find((b) => b.kind === 'smb3EncryptedFrames'), { kind: 'smb3EncryptedFrames', count: 3 });
});

test('deleting a capture removes the alerts it alone supported; re-run refuses a moved file', async () => {
  const { h } = seededHandlers();
  await assert.rejects(h['captures.rerun']({ id: 1 }), (e) => e instanceof ApiError && e.status === 409);
  const r = await h['captures.delete']({ id: 1 });
  assert.match(r.message, /2 alerts without other evidence removed/);
  assert.equal((await h['alerts.list']({ sort: 'lastSeen', dir: 'desc', offset: 0, limit: 10 })).total, 0);
});

test('alerts export: CSV defuses spreadsheet formulas and quotes; JSON has the rows', async () => {
  const { h, deps } = seededHandlers();
  deps.db.prepare("UPDATE alerts SET title = '=HYPERLINK(\"x\")' WHERE id = 1").run();
  const csv = await h['alerts.export']({ format: 'csv' });
  assert.match(csv.content, /'=HYPERLINK\(""x""\)/);
  const json = await h['alerts.export']({ format: 'json', ids: [2] });
  assert.deepEqual((JSON.parse(json.content) as { alerts: { id: number }[] }).alerts.map((a) => a.id), [2]);
});

test('locate a moved capture: refused for another file, accepted for the same content', async () => {
  const { h, deps } = seededHandlers();
  const moved = join(deps.dir, 'lab1-moved.pcapng');
  writeFileSync(moved, 'the same bytes');
  const { createHash } = await import('node:crypto');
  deps.db.prepare("UPDATE captures SET sha256 = 'not-this-one' WHERE id = 1").run();
  await assert.rejects(h['captures.relocate']({ id: 1, path: moved }), (e) => e instanceof ApiError && e.status === 409);
  deps.db.prepare('UPDATE captures SET sha256 = ? WHERE id = 1').run(createHash('sha256').update('the same bytes').digest('hex'));
  assert.equal((await h['captures.relocate']({ id: 1, path: moved })).message, 'Capture located');
  assert.equal((await h['alerts.get']({ id: 1 })).frames[0]?.available, true);
  await assert.rejects(h['captures.relocate']({ id: 1, path: join(deps.dir, 'nowhere') }), (e) => e instanceof ApiError && e.status === 400);
});
