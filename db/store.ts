/**
 * Opening a database file: creates its folder, applies migrations, WAL, foreign keys, busy timeout,
 * and marks imports left 'importing' by a dead process as interrupted.
 */
import { InputError } from './errors.ts';
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DetectionId } from '../main/engine/activity.ts';
import type { AlertSummarizer, DetectionSettings } from '../main/engine/detector.ts';
import type { HostRole } from '../main/engine/dissector.ts';
import type { Sink } from '../main/engine/sink.ts';
import { markStaleImports } from './capture-data.ts';
import { declareRole } from './entities.ts';
import { loadDetectionSettings } from './engine-state.ts';
import { alertsJson, capturesJson, hostsJson, type AlertFilter, type AlertJson, type CaptureJson, type HostJson } from './json.ts';
import { migrate, MigrationError, type Migration } from './migrate.ts';
import { MIGRATIONS } from './migrations/embedded.ts';
import { getSetting, setSetting } from './settings.ts';
import { StoreSink } from './sink.ts';

export class StoreError extends InputError {}

export interface Store {
  readonly path: string;
  readonly db: Database.Database;
  createSink(summarizers: ReadonlyMap<DetectionId, AlertSummarizer>): Sink;
  getDetectionSettings(): DetectionSettings;
  declareRole(ip: string, role: HostRole): void;
  setSetting(key: string, value: unknown): void;
  getSetting<T>(key: string, fallback: T): T;
  capturesJson(ids: number[]): CaptureJson[];
  hostsJson(): HostJson[];
  alertsJson(filter: { ids?: number[]; status?: 'open' | 'closed' | 'reopened'; detection?: DetectionId }): AlertJson[];
  close(): void;
}

/** Opens a database connection with the pragmas every connection needs. */
export function openDatabase(file: string, migrations: readonly Migration[] = MIGRATIONS): Database.Database {
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (err) {
    throw new StoreError(`cannot create the folder of ${file}: ${(err as Error).message}`);
  }
  let db: Database.Database;
  try {
    db = new Database(file);
  } catch (err) {
    throw new StoreError(`cannot open ${file}: ${(err as Error).message}`);
  }
  try {
    db.pragma('busy_timeout = 10000');
    const mode = String(db.pragma('journal_mode = WAL', { simple: true }));
    if (mode.toLowerCase() !== 'wal' && file !== ':memory:') throw new StoreError(`${file}: cannot switch to WAL (journal mode ${mode})`);
    db.pragma('foreign_keys = ON');
    // WAL + NORMAL: a crash of the process never loses a committed batch; power loss may lose the last one, never consistency.
    db.pragma('synchronous = NORMAL');
    // Activities carry several indexes (time, source, target, kind, account); with SQLite's default
    // 2 MB page cache, inserts into them turn into random reads once a database passes ~100 MB.
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    migrate(db, migrations, file);
    markStaleImports(db);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof StoreError) throw err;
    const msg = (err as Error).message;
    if (/file is not a database|file is encrypted/i.test(msg)) throw new StoreError(`${file} is not a SQLite database`);
    throw err instanceof MigrationError ? new StoreError(msg) : err;
  }
}

/** Opens the store for one command and closes it afterwards, whatever happens. */
export async function withStore<T>(file: string, fn: (store: Store) => T | Promise<T>): Promise<T> {
  const store = openStore(file);
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}

export function openStore(file: string): Store {
  const db = openDatabase(file);
  return {
    path: file,
    db,
    createSink: (summarizers) => new StoreSink(db, summarizers),
    getDetectionSettings: () => loadDetectionSettings(db),
    declareRole: (ip, role) => declareRole(db, ip, role),
    setSetting: (key, value) => void setSetting(db, key, value),
    getSetting: <T>(key: string, fallback: T) => getSetting<T>(db, key, fallback),
    capturesJson: (ids) => capturesJson(db, ids),
    hostsJson: () => hostsJson(db),
    alertsJson: (filter: AlertFilter) => alertsJson(db, filter),
    close: () => {
      if (!db.open) return;
      // Lets SQLite refresh the statistics its query planner uses, cheaply, as its docs advise on close.
      db.pragma('optimize');
      db.close();
    },
  };
}
