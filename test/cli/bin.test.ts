import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openDatabase } from '../../db/store.ts';
import { MIGRATIONS } from '../../db/migrations/embedded.ts';
import { tempDir } from '../db/helpers.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'reconlens.mjs');
const cli = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, RECONLENS_FROM_SOURCE: '1', ...env } });

test('the real command: RECONLENS_DB picks the database, a newer database exits 2 with one line', () => {
  const dir = tempDir();
  try {
    const fresh = join(dir, 'fresh.db');
    const ok = cli(['alerts', '--json'], { RECONLENS_DB: fresh });
    assert.equal(ok.status, 0, ok.stderr);
    assert.deepEqual(JSON.parse(ok.stdout), { alerts: [] });

    const newer = join(dir, 'newer.db');
    openDatabase(newer, [...MIGRATIONS, { id: MIGRATIONS.length + 1, name: '9999_future', sql: 'CREATE TABLE future (x);' }]).close();
    const r = cli(['alerts', '--db', newer]);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^reconlens: .*newer than this ReconLens.*\n$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
