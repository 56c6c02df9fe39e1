/** Build the renderer when its sources are newer than dist/renderer (the server serves the build). */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';

const root = resolve(import.meta.dirname, '..', '..');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export default async function globalSetup(): Promise<void> {
  const index = join(root, 'dist', 'renderer', 'index.html');
  const sources = Math.max(newest(join(root, 'renderer')), newest(join(root, 'main', 'api')));
  if (existsSync(index) && statSync(index).mtimeMs > sources) return;
  await build({ configFile: join(root, 'renderer', 'vite.config.ts'), logLevel: 'warn' });
}
