import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openStore } from '../../db/index.ts';
import { backup, checkDatabase, restore, vacuum } from '../../db/maintenance.ts';
import { countingSummarizers, sha, tempStore } from './helpers.ts';
import { importScenario } from './scenario.ts';

test('backup is a consistent copy; restore replaces the database and keeps the previous one', async () => {
  const t = tempStore();
  try {
    importScenario(t.store.createSink(countingSummarizers()), sha(1));
    const alerts = t.store.alertsJson({});
    const copy = join(t.dir, 'backup.db');
    await backup(t.store.db, copy);
    await assert.rejects(backup(t.store.db, copy), /exists/);
    t.store.db.exec('DELETE FROM alerts');
    t.store.close();
    restore(t.file, copy);
    t.store = openStore(t.file);
    assert.deepEqual(t.store.alertsJson({}), alerts);
    assert.ok(existsSync(`${t.file}.before-restore`));
  } finally {
    t.done();
  }
});

test('restore refuses a file that is not a ReconLens backup and leaves the database alone', () => {
  const t = tempStore();
  try {
    t.store.setSetting('analystName', 'ana');
    t.store.close();
    const junk = join(t.dir, 'junk.db');
    writeFileSync(junk, 'not a database '.repeat(100));
    assert.throws(() => restore(t.file, junk), /not a usable database|cannot open/);
    assert.throws(() => restore(t.file, join(t.dir, 'missing.db')), /no file/);
    t.store = openStore(t.file);
    assert.equal(t.store.getSetting('analystName', ''), 'ana');
  } finally {
    t.done();
  }
});

test('vacuum compacts after deletes; check reports a clean database', () => {
  const t = tempStore();
  try {
    importScenario(t.store.createSink(countingSummarizers()), sha(1));
    t.store.db.exec('DELETE FROM activities');
    const r = vacuum(t.store.db);
    assert.ok(r.after < r.before, `${r.after} < ${r.before}`);
    assert.deepEqual(checkDatabase(t.store.db), { ok: true, problems: [] });
  } finally {
    t.done();
  }
});
