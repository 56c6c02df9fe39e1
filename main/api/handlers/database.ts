/**
 * database.*: Settings › Database. Backup, restore, compaction and retention use db/maintenance.ts
 * and db/captures.ts (the CLI's `database` and `capture retention` commands do the same); open and
 * restore switch the store under every handler through deps.databases. Paths are on the machine
 * that runs the engine (in browser mode: the server); a relative path lands in the data folder.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { writeAudit } from '../../../db/audit.ts';
import { applyRetention } from '../../../db/captures.ts';
import { InputError } from '../../../db/errors.ts';
import { backup, vacuum } from '../../../db/maintenance.ts';
import { settingValue, setSetting } from '../../../db/settings.ts';
import { databaseCounts, quickCheck, schemaVersion } from '../../../db/ui/database-info.ts';
import { SUMMARIZERS } from '../../detectors/index.ts';
import { ApiError, type Handlers } from '../contract.ts';
import type { HandlerDeps } from '../deps.ts';

type DbChannels = 'database.info' | 'database.backup' | 'database.restore' | 'database.vacuum' | 'database.retention' | 'database.open' | 'database.recent';

/** Why the database cannot be switched, restored or compacted now; null when it can. */
export function busyReason(deps: HandlerDeps): string | null {
  if (deps.imports.status().some((j) => j.state === 'running')) return 'an import is running; wait for it or cancel it in Captures';
  if (deps.live.status().state !== 'idle' && deps.live.status().state !== 'error') return 'a live capture is running; stop it in Live';
  return null;
}

export function fileSize(path: string): number {
  let n = 0;
  for (const p of [path, `${path}-wal`]) {
    try {
      n += statSync(p).size;
    } catch {
      // no WAL right now
    }
  }
  return n;
}

/** reconlens-2026-12-04T20-31-05Z.db: sortable, and valid on every file system. */
export function backupName(now = new Date()): string {
  return `reconlens-${now.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-')}.db`;
}

const mb = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

export function databaseHandlers(deps: HandlerDeps): Pick<Handlers, DbChannels> {
  const { db } = deps;
  const where = (p: string) => (isAbsolute(p) ? resolve(p) : resolve(deps.dataDir, p));
  const refuseIfBusy = (what: string) => {
    const why = busyReason(deps);
    if (why) throw new ApiError(409, `Cannot ${what} now: ${why}.`);
  };
  const control = () => {
    if (!deps.databases) throw new ApiError(501, 'Switching databases is not available here');
    return deps.databases;
  };
  const userError = (err: unknown): never => {
    if (err instanceof InputError) throw new ApiError(400, err.message);
    throw err;
  };

  return {
    'database.info': async ({ check }) => ({
      path: deps.dbPath,
      size: fileSize(deps.dbPath),
      schemaVersion: schemaVersion(db),
      counts: databaseCounts(db),
      integrity: check ? quickCheck(db) : null,
      dataDir: deps.dataDir,
      defaultBackupPath: resolve(deps.dataDir, 'backups', backupName()),
      liveRetentionDays: Number(settingValue(db, 'liveRetentionDays')),
      busy: busyReason(deps),
    }),

    'database.backup': async ({ path }) => {
      const target = path ? where(path) : resolve(deps.dataDir, 'backups', backupName());
      if (target === deps.dbPath) throw new ApiError(400, 'Choose another file than the open database');
      mkdirSync(dirname(target), { recursive: true });
      try {
        await backup(db, target);
      } catch (err) {
        userError(err);
      }
      const size = fileSize(target);
      return { message: `Backed up to ${target} (${mb(size)})`, path: target, size };
    },

    'database.restore': async ({ path }) => {
      refuseIfBusy('restore');
      const source = where(path);
      if (source === deps.dbPath) throw new ApiError(400, 'That is the open database; choose a backup file');
      if (!existsSync(source)) throw new ApiError(400, `No file ${source}`);
      let kept: string | null;
      try {
        kept = (await control().restore(source)).kept;
      } catch (err) {
        return userError(err);
      }
      return { message: `Restored from ${source}${kept ? `; the previous database is kept as ${kept}` : ''}`, kept };
    },

    'database.vacuum': async () => {
      refuseIfBusy('compact the database');
      const r = vacuum(db);
      const saved = r.before - r.after;
      return { message: `Compacted: ${mb(r.before)} -> ${mb(r.after)}${saved > 0 ? ` (${mb(saved)} freed)` : ''}`, ...r };
    },

    'database.retention': async ({ days }) => {
      db.transaction(() => {
        const before = settingValue(db, 'liveRetentionDays');
        setSetting(db, 'liveRetentionDays', days);
        writeAudit(db, { action: 'settings', from: { liveRetentionDays: before }, to: { liveRetentionDays: days } });
      })();
      const removed = applyRetention(db, SUMMARIZERS, days).length;
      const message =
        days === 0 ? 'Live captures are kept (retention off)' : `Live captures older than ${days} days are deleted; ${removed} removed now`;
      return { message, days, removedCaptures: removed };
    },

    'database.open': async ({ path, create }) => {
      const target = where(path);
      if (target === deps.dbPath) return { message: `${target} is already open`, path: target, created: false };
      refuseIfBusy('open another database');
      const exists = existsSync(target);
      if (create && exists) throw new ApiError(409, `${target} exists; use Open to open it`);
      if (!create && !exists) throw new ApiError(404, `No file ${target}; use Create to make a new database there`);
      if (exists && statSync(target).isDirectory()) throw new ApiError(400, `${target} is a folder; give a file name`);
      try {
        await control().open(target);
      } catch (err) {
        if (err instanceof ApiError) throw err;
        throw new ApiError(400, `Cannot open ${target}: ${err instanceof Error ? err.message : String(err)}`);
      }
      return { message: `${create ? 'Created' : 'Opened'} ${target}`, path: target, created: create };
    },

    'database.recent': async () => {
      const list = deps.databases?.recent() ?? [];
      const rows: { path: string; exists: boolean; current: boolean; openedAt: string | null }[] = list.map((r) => ({ path: r.path, exists: existsSync(r.path), current: r.path === deps.dbPath, openedAt: r.openedAt }));
      if (!rows.some((r) => r.current)) rows.unshift({ path: deps.dbPath, exists: true, current: true, openedAt: null });
      return rows;
    },
  };
}
