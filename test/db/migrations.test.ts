import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { openStore } from '../../db/index.ts';
import { migrate, MigrationError, type Migration } from '../../db/migrate.ts';
import { EMBEDDED_FILE, renderEmbedded } from '../../db/migrations/generate.ts';
import { MIGRATIONS } from '../../db/migrations/embedded.ts';
import { openDatabase } from '../../db/store.ts';
import { assertIntegrity, tempDir } from './helpers.ts';

const extra: Migration = { id: MIGRATIONS.length + 1, name: `${String(MIGRATIONS.length + 1).padStart(4, '0')}_later`, sql: 'CREATE TABLE later (x INTEGER);' };

test('embedded migrations are the .sql files (regenerate with db/migrations/generate.ts)', () => {
  assert.equal(readFileSync(EMBEDDED_FILE, 'utf8'), renderEmbedded());
});

test('a fresh database gets every migration, WAL, foreign keys and a history', () => {
  const dir = tempDir();
  const store = openStore(join(dir, 'sub', 'folder', 'fresh.db'));
  try {
    assert.equal(store.db.pragma('user_version', { simple: true }), MIGRATIONS.length);
    assert.equal(store.db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(store.db.pragma('foreign_keys', { simple: true }), 1);
    assert.ok(Number(store.db.pragma('busy_timeout', { simple: true })) >= 1000);
    const history = store.db.prepare('SELECT id, name FROM schema_migrations ORDER BY id').all();
    assert.deepEqual(history, MIGRATIONS.map((m) => ({ id: m.id, name: m.name })));
    assertIntegrity(store);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('re-opening applies nothing and a later migration is applied in order', () => {
  const dir = tempDir();
  const file = join(dir, 'x.db');
  try {
    openStore(file).close();
    const db = openDatabase(file);
    assert.equal(migrate(db, MIGRATIONS), MIGRATIONS.length);
    assert.equal(migrate(db, [...MIGRATIONS, extra]), MIGRATIONS.length + 1);
    assert.ok(db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'later'").get());
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a database written by a newer build is refused with a clear message', () => {
  const dir = tempDir();
  const file = join(dir, 'newer.db');
  try {
    const db = openDatabase(file, [...MIGRATIONS, extra]);
    db.close();
    assert.throws(() => openStore(file), /newer than this ReconLens/);
    // Refusing changed nothing.
    const check = new Database(file, { readonly: true });
    assert.equal(check.pragma('user_version', { simple: true }), MIGRATIONS.length + 1);
    check.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an applied history that is not a prefix of this build is refused', () => {
  const db = new Database(':memory:');
  const other: Migration[] = [{ id: 1, name: '0001_other_branch', sql: 'CREATE TABLE t (x);' }];
  migrate(db, other);
  assert.throws(() => migrate(db, MIGRATIONS), (e: unknown) => e instanceof MigrationError && /not the same schema history/.test(e.message));
  db.close();
});

test('numbering gaps in the migration list are refused', () => {
  const db = new Database(':memory:');
  assert.throws(() => migrate(db, [{ id: 2, name: '0002_x', sql: '' }]), /expected 1/);
  db.close();
});

test('a SQLite file of another program, and a file that is not SQLite, are refused', () => {
  const dir = tempDir();
  try {
    const foreign = join(dir, 'foreign.db');
    const db = new Database(foreign);
    db.exec('CREATE TABLE customers (id INTEGER)');
    db.close();
    assert.throws(() => openStore(foreign), /not a ReconLens database/);
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'hello, this is not a database at all, just some text to fill the header page\n'.repeat(20));
    assert.throws(() => openStore(text), /not a SQLite database/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a failing migration leaves the database at its previous version', () => {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS);
  const broken: Migration = { ...extra, sql: 'CREATE TABLE half (x); THIS IS NOT SQL;' };
  assert.throws(() => migrate(db, [...MIGRATIONS, broken]));
  assert.equal(db.pragma('user_version', { simple: true }), MIGRATIONS.length);
  assert.equal(db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'half'").get(), undefined);
  db.close();
});
