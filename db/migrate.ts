/**
 * Ordered, append-only schema migrations (STYLE.md "Ordered SQL migrations"). A database records
 * its schema version in user_version and the names of the migrations applied, in order, in
 * schema_migrations; the applied list must be a prefix of this build's list. A database written by a
 * newer build, or by a branch with other migrations, is refused rather than guessed at.
 */
import { InputError } from './errors.ts';
import type Database from 'better-sqlite3';

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

export class MigrationError extends InputError {}

export function migrate(db: Database.Database, migrations: readonly Migration[], label = 'database'): number {
  migrations.forEach((m, i) => {
    if (m.id !== i + 1) throw new MigrationError(`migration ${m.name} is numbered ${m.id}, expected ${i + 1}`);
  });
  const current = Number(db.pragma('user_version', { simple: true }));
  if (current > migrations.length) {
    throw new MigrationError(
      `${label} has schema version ${current}, newer than this ReconLens (version ${migrations.length}): update ReconLens or open another database`,
    );
  }
  const hasHistory = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() !== undefined;
  if (current === 0 && !hasHistory) {
    const other = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' LIMIT 1").get() as { name: string } | undefined;
    if (other) throw new MigrationError(`${label} is not a ReconLens database (it has a table '${other.name}')`);
  }
  const applied = hasHistory ? (db.prepare('SELECT id, name FROM schema_migrations ORDER BY id').all() as { id: number; name: string }[]) : [];
  if (applied.length !== current) {
    throw new MigrationError(`${label}: schema version ${current} but ${applied.length} migrations recorded; refusing to guess`);
  }
  applied.forEach((a, i) => {
    const mine = migrations[i];
    if (!mine || mine.name !== a.name) {
      throw new MigrationError(`${label} was migrated with '${a.name}' where this ReconLens has '${mine?.name ?? 'nothing'}': not the same schema history`);
    }
  });
  if (current === migrations.length) return current;
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const record = db.prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)');
    for (const m of migrations.slice(current)) {
      db.exec(m.sql);
      record.run(m.id, m.name, new Date().toISOString());
    }
    db.pragma(`user_version = ${migrations.length}`);
  })();
  return migrations.length;
}
