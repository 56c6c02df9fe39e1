/** Where the database lives: --db, else RECONLENS_DB, else the OS's per-user data folder. */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export function defaultDbPath(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'ReconLens', 'reconlens.db');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'ReconLens', 'reconlens.db');
  const config = env['XDG_CONFIG_HOME'] && env['XDG_CONFIG_HOME'].startsWith('/') ? env['XDG_CONFIG_HOME'] : join(home, '.config');
  return join(config, 'ReconLens', 'reconlens.db');
}

export function resolveDbPath(flag?: string): string {
  if (flag !== undefined && flag !== '') return resolve(flag);
  const fromEnv = process.env['RECONLENS_DB'];
  if (fromEnv) return resolve(fromEnv);
  return defaultDbPath();
}
