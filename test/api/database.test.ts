import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../db/store.ts';
import { ApiError, dispatch, type Handlers } from '../../main/api/contract.ts';
import { createDatabaseHost } from '../../main/api/database-host.ts';
import type { HandlerDeps, ImportRunner } from '../../main/api/deps.ts';
import { backupName } from '../../main/api/handlers/database.ts';
import type { ImportJob } from '../../main/api/schema/captures.ts';
import { fakeLive, idleLive, noImports, seed } from './fixture.ts';

function hostOver(dbPath: string, over: Partial<HandlerDeps> = {}) {
  const opened: string[] = [];
  const host = createDatabaseHost({
    initialPath: dbPath,
    open: (path) => {
      const db = openDatabase(path);
      const deps: HandlerDeps = {
        db, dbPath: path, dataDir: join(path, '..'), mode: 'browser', version: 'test', imports: noImports, live: fakeLive,
        samplePath: '/nonexistent/sample.pcapng', osUser: 'ana', findWireshark: () => null, launch: async () => true, ...over,
      };
      return { deps, close: () => db.close() };
    },
    recent: () => opened.map((path) => ({ path, openedAt: '2026-12-04T00:00:00.000Z' })),
    onOpened: (p) => opened.unshift(p),
  });
  const call = (h: Handlers, channel: string, args: unknown = {}) => dispatch(h, channel, args) as Promise<Record<string, unknown>>;
  return { host, h: host.handlers, call: (channel: string, args?: unknown) => call(host.handlers, channel, args), opened };
}

function seededFile(): { dir: string; dbPath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'reconlens-dbm-'));
  const dbPath = join(dir, 'case-a.db');
  const db = openDatabase(dbPath);
  seed(db);
  db.close();
  return { dir, dbPath };
}

test('database.info reports path, size, schema version and counts; the quick check on demand', async () => {
  const { dbPath } = seededFile();
  const { call, host } = hostOver(dbPath);
  const info = await call('database.info');
  assert.equal(info['path'], dbPath);
  assert.ok((info['size'] as number) > 0);
  assert.ok((info['schemaVersion'] as number) > 0);
  assert.deepEqual(info['counts'], { captures: 1, activities: 4, alerts: 2 });
  assert.equal(info['integrity'], null);
  assert.equal(info['busy'], null);
  assert.match(info['defaultBackupPath'] as string, /backups\/reconlens-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.db$/);
  assert.deepEqual((await call('database.info', { check: true }))['integrity'], { ok: true, problems: [] });
  host.close();
});

test('backup then restore gives back the same counts; the replaced file is kept as .before-restore', async () => {
  const { dir, dbPath } = seededFile();
  const { call, host } = hostOver(dbPath);
  const before = (await call('database.info'))['counts'];
  const b = await call('database.backup', {});
  assert.ok(existsSync(b['path'] as string));
  assert.ok((b['path'] as string).startsWith(join(dir, 'backups')));
  await assert.rejects(call('database.backup', { path: b['path'] }), (e) => e instanceof ApiError && e.status === 400 && /exists/.test(e.message));
  // Change the data after the backup: the restore must bring the old state back.
  await call('captures.delete', { id: 1 });
  assert.deepEqual((await call('database.info'))['counts'], { captures: 0, activities: 0, alerts: 0 });
  const r = await call('database.restore', { path: b['path'] });
  assert.equal(r['kept'], `${dbPath}.before-restore`);
  assert.ok(existsSync(`${dbPath}.before-restore`));
  assert.deepEqual((await call('database.info'))['counts'], before);
  assert.equal(((await call('alerts.list'))['rows'] as unknown[]).length, 2);
  assert.deepEqual((await call('database.info', { check: true }))['integrity'], { ok: true, problems: [] });
  host.close();
});

test('a damaged backup is refused and the database stays open and unchanged', async () => {
  const { dir, dbPath } = seededFile();
  const { call, host } = hostOver(dbPath);
  const junk = join(dir, 'junk.db');
  writeFileSync(junk, 'not a database at all, just text'.repeat(200));
  await assert.rejects(call('database.restore', { path: junk }), (e) => e instanceof ApiError && e.status === 400);
  assert.deepEqual((await call('database.info'))['counts'], { captures: 1, activities: 4, alerts: 2 });
  host.close();
});

test('database.open creates another database and switches what alerts.list returns; opening the first again brings its alerts back', async () => {
  const { dir, dbPath } = seededFile();
  const { call, host, opened } = hostOver(dbPath);
  assert.equal(((await call('alerts.list'))['rows'] as unknown[]).length, 2);
  await assert.rejects(call('database.open', { path: 'case-b.db' }), (e) => e instanceof ApiError && e.status === 404);
  const created = await call('database.open', { path: 'case-b.db', create: true });
  assert.equal(created['path'], join(dir, 'case-b.db'));
  assert.equal(((await call('alerts.list'))['rows'] as unknown[]).length, 0);
  assert.equal((await call('app.info'))['dbPath'], join(dir, 'case-b.db'));
  await assert.rejects(call('database.open', { path: dbPath, create: true }), (e) => e instanceof ApiError && e.status === 409 && /exists/.test(e.message));
  const recent = (await call('database.recent')) as unknown as { path: string; current: boolean }[];
  assert.deepEqual(recent.map((r) => [r.path, r.current]), [[join(dir, 'case-b.db'), true], [dbPath, false]]);
  await call('database.open', { path: dbPath });
  assert.equal(((await call('alerts.list'))['rows'] as unknown[]).length, 2);
  assert.deepEqual(opened, [dbPath, join(dir, 'case-b.db'), dbPath]);
  host.close();
});

test('a file that is not a ReconLens database is refused and the current one stays open', async () => {
  const { dir, dbPath } = seededFile();
  const { call, host } = hostOver(dbPath);
  const junk = join(dir, 'notes.db');
  writeFileSync(junk, 'hello'.repeat(1000));
  await assert.rejects(call('database.open', { path: junk }), (e) => e instanceof ApiError && e.status === 400 && /Cannot open/.test(e.message));
  assert.equal(((await call('alerts.list'))['rows'] as unknown[]).length, 2);
  host.close();
});

test('open, restore and compaction are refused while an import or a live capture runs; backup still works', async () => {
  const { dbPath } = seededFile();
  const running: ImportJob = {
    jobId: 1, files: ['/x.pcapng'], state: 'running', currentFile: null, bytes: 0, totalBytes: 1, packets: 0, alerts: 0, captureIds: [], alreadyImported: [], error: null, startedAt: '2026-12-04T00:00:00.000Z', finishedAt: null,
  };
  const busyImports: ImportRunner = { ...noImports, status: () => [running] };
  const { call, host } = hostOver(dbPath, { imports: busyImports });
  const info = await call('database.info');
  assert.match(info['busy'] as string, /import is running/);
  for (const [channel, args] of [['database.open', { path: 'other.db', create: true }], ['database.restore', { path: dbPath + '.bak' }], ['database.vacuum', {}]] as const) {
    await assert.rejects(call(channel, args), (e) => e instanceof ApiError && e.status === 409 && /import is running/.test(e.message), channel);
  }
  assert.ok(existsSync((await call('database.backup', {}))['path'] as string));
  host.close();

  const live = { ...fakeLive, status: () => ({ ...idleLive, state: 'running' as const }) };
  const l = hostOver(dbPath, { live });
  await assert.rejects(l.call('database.open', { path: 'other.db', create: true }), (e) => e instanceof ApiError && e.status === 409 && /live capture/.test(e.message));
  l.host.close();
});

test('database.vacuum and database.retention answer with what they did', async () => {
  const { dbPath } = seededFile();
  const { call, host } = hostOver(dbPath);
  const v = await call('database.vacuum');
  assert.match(v['message'] as string, /^Compacted/);
  const r = await call('database.retention', { days: 30 });
  assert.equal(r['days'], 30);
  assert.equal(r['removedCaptures'], 0); // the seeded capture is not live
  assert.equal((await call('database.info'))['liveRetentionDays'], 30);
  await assert.rejects(call('database.retention', { days: -1 }), (e) => e instanceof ApiError && e.status === 400);
  host.close();
});

test('backup file names sort by time and suit every file system', () => {
  assert.equal(backupName(new Date(Date.UTC(2026, 11, 4, 20, 31, 5, 120))), 'reconlens-2026-12-04T20-31-05Z.db');
});
