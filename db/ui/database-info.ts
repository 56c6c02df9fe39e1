/** Settings › Database: what the file holds and a quick health check. SQL stays in db/. */
import type { Db } from './names.ts';

export function databaseCounts(db: Db): { captures: number; activities: number; alerts: number } {
  const n = (table: 'captures' | 'activities' | 'alerts') => Number(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get());
  return { captures: n('captures'), activities: n('activities'), alerts: n('alerts') };
}

export const schemaVersion = (db: Db): number => Number(db.pragma('user_version', { simple: true }));

/** PRAGMA quick_check (the fast variant of integrity_check) plus the foreign-key check. */
export function quickCheck(db: Db): { ok: boolean; problems: string[] } {
  const rows = db.pragma('quick_check') as { quick_check: string }[];
  const problems = rows.map((r) => r.quick_check).filter((s) => s !== 'ok');
  const fk = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
  for (const f of fk) problems.push(`${f.table} row ${f.rowid}: missing ${f.parent}`);
  return { ok: problems.length === 0, problems: problems.slice(0, 50) };
}
