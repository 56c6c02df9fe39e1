/**
 * Keeping a database healthy: integrity check, compaction (VACUUM), backup to a file (a consistent
 * online copy through SQLite's backup API) and restore from one (checked before it replaces anything).
 */
import { InputError } from './errors.ts';
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { MIGRATIONS } from './migrations/embedded.ts';
import { migrate } from './migrate.ts';

export class MaintenanceError extends InputError {}

export function checkDatabase(db: Database.Database): { ok: boolean; problems: string[] } {
  const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
  const problems = integrity.map((r) => r.integrity_check).filter((s) => s !== 'ok');
  const fk = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
  for (const f of fk) problems.push(`${f.table} row ${f.rowid}: missing ${f.parent}`);
  return { ok: problems.length === 0, problems };
}

export function vacuum(db: Database.Database): { before: number; after: number } {
  const size = () => Number(db.pragma('page_count', { simple: true })) * Number(db.pragma('page_size', { simple: true }));
  const before = size();
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { before, after: size() };
}

export async function backup(db: Database.Database, target: string): Promise<void> {
  if (existsSync(target)) throw new MaintenanceError(`${target} exists; choose a new file`);
  try {
    await db.backup(target);
  } catch (err) {
    rmSync(target, { force: true });
    throw new MaintenanceError(`backup to ${target} failed: ${(err as Error).message}`);
  }
}

/**
 * Replaces the database file `dbFile` with a backup. The backup is opened read-only first and must
 * be a clean ReconLens database no newer than this build. The current file is kept as
 * <file>.before-restore. The caller must have closed its connection to `dbFile`.
 */
export function restore(dbFile: string, backupFile: string): { kept: string } {
  if (!existsSync(backupFile)) throw new MaintenanceError(`no file ${backupFile}`);
  let src: Database.Database;
  try {
    src = new Database(backupFile, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new MaintenanceError(`cannot open ${backupFile}: ${(err as Error).message}`);
  }
  try {
    const version = Number(src.pragma('user_version', { simple: true }));
    if (version === 0) throw new MaintenanceError(`${backupFile} is not a ReconLens database`);
    if (version > MIGRATIONS.length) throw new MaintenanceError(`${backupFile} was written by a newer ReconLens (schema ${version})`);
    const check = checkDatabase(src);
    if (!check.ok) throw new MaintenanceError(`${backupFile} is damaged: ${check.problems[0]}`);
  } catch (err) {
    src.close();
    if (err instanceof MaintenanceError) throw err;
    throw new MaintenanceError(`${backupFile} is not a usable database: ${(err as Error).message}`);
  }
  src.close();
  const kept = `${dbFile}.before-restore`;
  const staging = `${dbFile}.restoring`;
  copyFileSync(backupFile, staging);
  // Check the staged copy migrates (an older backup is brought up to this build's schema).
  const staged = new Database(staging);
  try {
    migrate(staged, MIGRATIONS, backupFile);
    staged.pragma('journal_mode = DELETE');
  } finally {
    staged.close();
  }
  if (existsSync(dbFile)) {
    const old = new Database(dbFile);
    old.pragma('wal_checkpoint(TRUNCATE)');
    old.close();
    rmSync(kept, { force: true });
    renameSync(dbFile, kept);
  }
  for (const ext of ['-wal', '-shm']) rmSync(dbFile + ext, { force: true });
  renameSync(staging, dbFile);
  return { kept };
}
