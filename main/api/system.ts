/**
 * Default implementations of the handler dependencies that touch the operating system: finding
 * Wireshark and starting it detached. The shell may pass its own (e.g. Electron's shell APIs).
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Launcher } from './deps.ts';

function executable(p: string): boolean {
  try {
    if (!statSync(p).isFile()) return false;
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The configured path when it is an executable, else `wireshark` on the PATH; null when absent. */
export function findWireshark(configured: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (configured.trim()) return executable(configured) ? configured : null;
  const names = process.platform === 'win32' ? ['Wireshark.exe'] : ['wireshark'];
  const dirs = (env['PATH'] ?? '').split(delimiter).filter(Boolean);
  if (process.platform === 'win32') dirs.push('C:\\Program Files\\Wireshark');
  if (process.platform === 'darwin') dirs.push('/Applications/Wireshark.app/Contents/MacOS');
  for (const d of dirs) for (const n of names) if (executable(join(d, n))) return join(d, n);
  return null;
}

/** Start a program detached from us (Wireshark outlives the app); resolves false if it cannot start. */
export const launchDetached: Launcher = (program, args) =>
  new Promise((resolve) => {
    const child = spawn(program, args, { detached: true, stdio: 'ignore' });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
