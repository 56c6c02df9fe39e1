import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch } from '../../main/api/contract.ts';
import { createAppServices } from '../../main/server/app-services.ts';
import { appStatePath, loadAppState, MAX_RECENT_DATABASES, rememberDatabase, resolveAppDbPath, saveAppState } from '../../main/server/app-state.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'reconlens-state-'));

test('which database the app opens: --db flag > RECONLENS_DB > remembered (if it still exists) > default', () => {
  const dir = tmp();
  const env = { XDG_CONFIG_HOME: join(dir, 'config') } as NodeJS.ProcessEnv;
  const stateFile = appStatePath(env, 'linux');
  assert.equal(stateFile, join(dir, 'config', 'ReconLens', 'app-state.json'));
  const remembered = join(dir, 'case-a.db');
  writeFileSync(remembered, '');
  saveAppState(stateFile, rememberDatabase(loadAppState(stateFile), remembered));
  const fromEnv = join(dir, 'env.db');
  const flag = join(dir, 'flag.db');

  assert.deepEqual(resolveAppDbPath({ flag, env: { ...env, RECONLENS_DB: fromEnv }, platform: 'linux' }), { path: flag, source: 'flag' });
  assert.deepEqual(resolveAppDbPath({ env: { ...env, RECONLENS_DB: fromEnv }, platform: 'linux' }), { path: fromEnv, source: 'env' });
  assert.deepEqual(resolveAppDbPath({ env, platform: 'linux' }), { path: remembered, source: 'remembered' });
  assert.deepEqual(resolveAppDbPath({ flag: '', env, platform: 'linux' }), { path: remembered, source: 'remembered' });
  // A remembered file that was moved away: the default, not a new empty file at the old place.
  saveAppState(stateFile, rememberDatabase(loadAppState(stateFile), join(dir, 'gone.db')));
  assert.deepEqual(resolveAppDbPath({ env, platform: 'linux' }), { path: join(dir, 'config', 'ReconLens', 'reconlens.db'), source: 'default' });
});

test('a missing or damaged app-state.json reads as empty; the recent list is capped and deduplicated', () => {
  const dir = tmp();
  const file = join(dir, 'app-state.json');
  assert.deepEqual(loadAppState(file), { lastDatabase: null, recentDatabases: [] });
  writeFileSync(file, '{not json');
  assert.deepEqual(loadAppState(file), { lastDatabase: null, recentDatabases: [] });
  writeFileSync(file, JSON.stringify({ lastDatabase: 7, recentDatabases: [{ path: 1 }, { path: '/a.db', openedAt: 'x' }] }));
  assert.deepEqual(loadAppState(file), { lastDatabase: null, recentDatabases: [{ path: '/a.db', openedAt: 'x' }] });
  let s = loadAppState(join(dir, 'none.json'));
  for (let i = 0; i < MAX_RECENT_DATABASES + 5; i++) s = rememberDatabase(s, `/db${i % 12}.db`);
  s = rememberDatabase(s, '/db3.db');
  assert.equal(s.lastDatabase, '/db3.db');
  assert.equal(s.recentDatabases.length, MAX_RECENT_DATABASES);
  assert.equal(s.recentDatabases[0]?.path, '/db3.db');
  assert.equal(new Set(s.recentDatabases.map((r) => r.path)).size, MAX_RECENT_DATABASES);
});

test('the app services remember the database opened from Settings, and the import runner uses it afterwards', async () => {
  const dir = tmp();
  const stateFile = join(dir, 'config', 'app-state.json');
  const first = join(dir, 'first.db');
  const seen: string[] = [];
  const services = createAppServices({ dbPath: first, mode: 'browser', appStateFile: stateFile, onDatabaseOpened: (p) => seen.push(p) });
  try {
    assert.equal(loadAppState(stateFile).lastDatabase, first);
    const second = join(dir, 'cases', 'second.db');
    await dispatch(services.handlers, 'database.open', { path: second, create: true });
    assert.equal(services.store.path, second);
    assert.equal(services.dataDir, join(dir, 'cases'));
    assert.deepEqual(seen, [first, second]);
    assert.equal(loadAppState(stateFile).lastDatabase, second);
    assert.equal(resolveAppDbPath({ stateFile, env: {} }).path, second);

    // The bundled sample, imported now, lands in the second database (a real worker-thread import).
    const { jobId } = (await dispatch(services.handlers, 'sample.open', {})) as { jobId: number };
    for (let i = 0; i < 600; i++) {
      const { jobs } = (await dispatch(services.handlers, 'captures.importStatus', {})) as { jobs: { jobId: number; state: string; error: string | null }[] };
      const job = jobs.find((j) => j.jobId === jobId);
      if (job && job.state !== 'running') {
        assert.equal(job.state, 'done', job.error ?? '');
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const info = (await dispatch(services.handlers, 'database.info', {})) as { path: string; counts: { alerts: number } };
    assert.equal(info.path, second);
    assert.ok(info.counts.alerts > 0);
    await dispatch(services.handlers, 'database.open', { path: first });
    assert.equal(((await dispatch(services.handlers, 'database.info', {})) as { counts: { alerts: number } }).counts.alerts, 0);
    assert.ok(existsSync(second));
  } finally {
    await services.close();
  }
});
