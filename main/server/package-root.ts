/**
 * The folder of our package.json, found by walking up from this module: works from the sources
 * (main/server/), the CLI bundle (dist/) and the Electron bundles (dist/electron/, inside app.asar).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRootFrom(start: string): string | null {
  for (let dir = start; ; dir = dirname(dir)) {
    const pj = join(dir, 'package.json');
    if (existsSync(pj)) {
      try {
        if ((JSON.parse(readFileSync(pj, 'utf8')) as { name?: unknown }).name === 'reconlens') return dir;
      } catch {
        // not ours; keep looking
      }
    }
    if (dirname(dir) === dir) return null;
  }
}

export function packageRoot(): string {
  const here = typeof __filename === 'string' ? dirname(__filename) : dirname(fileURLToPath(import.meta.url));
  const root = packageRootFrom(here);
  if (!root) throw new Error(`cannot find the ReconLens package folder above ${here}`);
  return root;
}
