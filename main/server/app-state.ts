/**
 * What the app (desktop and `serve`, never the CLI commands) remembers between runs: the database
 * last opened and the recently opened ones, in app-state.json in the user-data folder, next to the
 * default database. Which database a run opens: --db flag, else RECONLENS_DB, else the remembered
 * one (when it still exists), else the default.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { defaultDbPath } from '../../db/paths.ts';

export const MAX_RECENT_DATABASES = 10;

export interface AppState {
  lastDatabase: string | null;
  recentDatabases: { path: string; openedAt: string }[];
}

export function appStatePath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  return join(dirname(defaultDbPath(platform, env)), 'app-state.json');
}

export function loadAppState(file: string): AppState {
  const empty: AppState = { lastDatabase: null, recentDatabases: [] };
  let v: unknown;
  try {
    v = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return empty; // missing or damaged: start afresh, never fail the app's start
  }
  if (typeof v !== 'object' || v === null) return empty;
  const o = v as Record<string, unknown>;
  const last = typeof o['lastDatabase'] === 'string' && o['lastDatabase'] ? o['lastDatabase'] : null;
  const recent = Array.isArray(o['recentDatabases'])
    ? o['recentDatabases']
        .filter((r): r is { path: string; openedAt: string } => typeof r === 'object' && r !== null && typeof (r as { path?: unknown }).path === 'string' && typeof (r as { openedAt?: unknown }).openedAt === 'string')
        .map((r) => ({ path: r.path, openedAt: r.openedAt }))
        .slice(0, MAX_RECENT_DATABASES)
    : [];
  return { lastDatabase: last, recentDatabases: recent };
}

/** Written atomically (temporary file, then rename): a crash never leaves half a file. */
export function saveAppState(file: string, state: AppState): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(tmp, file);
}

/** The state after opening `path`: it becomes the last database and moves to the top of the recent list. */
export function rememberDatabase(state: AppState, path: string, now = new Date()): AppState {
  const entry = { path, openedAt: now.toISOString() };
  return { lastDatabase: path, recentDatabases: [entry, ...state.recentDatabases.filter((r) => r.path !== path)].slice(0, MAX_RECENT_DATABASES) };
}

export type DbSource = 'flag' | 'env' | 'remembered' | 'default';

/** The database the app opens: --db flag > RECONLENS_DB > remembered (if the file still exists) > default. */
export function resolveAppDbPath(o: { flag?: string | undefined; env?: NodeJS.ProcessEnv; stateFile?: string; platform?: NodeJS.Platform } = {}): { path: string; source: DbSource } {
  const env = o.env ?? process.env;
  if (o.flag !== undefined && o.flag !== '') return { path: resolve(o.flag), source: 'flag' };
  const fromEnv = env['RECONLENS_DB'];
  if (fromEnv) return { path: resolve(fromEnv), source: 'env' };
  const remembered = loadAppState(o.stateFile ?? appStatePath(env, o.platform)).lastDatabase;
  if (remembered && existsSync(remembered)) return { path: remembered, source: 'remembered' };
  return { path: defaultDbPath(o.platform ?? process.platform, env), source: 'default' };
}
