#!/usr/bin/env node
// The `reconlens` command. Runs the bundled CLI (dist/cli.mjs, built by `npm install`/`npm test`);
// falls back to the TypeScript sources through tsx when the bundle is missing or
// RECONLENS_FROM_SOURCE=1 (development).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'cli.mjs');
if (existsSync(bundle) && process.env.RECONLENS_FROM_SOURCE !== '1') {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'main', 'cli', 'entry.ts')).href);
}
