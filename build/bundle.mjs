// Bundles the Node entry points with esbuild so that `npx reconlens` starts fast (no TypeScript
// compile at run time, no React or Electron loaded). Run by `npm install` (prepare) and `npm test`.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  external: ['better-sqlite3', 'electron', 'fsevents'],
};

const entries = [
  { in: 'main/cli/entry.ts', out: 'dist/cli.mjs', format: 'esm' },
  { in: 'main/pipeline/worker-entry.ts', out: 'dist/engine-worker.mjs', format: 'esm' },
  { in: 'electron/main.ts', out: 'dist/electron/main.cjs', format: 'cjs' },
  { in: 'electron/preload.ts', out: 'dist/electron/preload.cjs', format: 'cjs' },
  { in: 'electron/engine-process.ts', out: 'dist/electron/engine-process.cjs', format: 'cjs' },
];

const banner = { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" };
// The Electron bundles are CommonJS: give modules that locate files through import.meta.url the
// bundle's own URL (esbuild would leave import.meta empty there). Not the preload: sandboxed, it
// may require nothing but electron.
const cjsImportMeta = {
  define: { 'import.meta.url': '__rl_import_meta_url' },
  banner: { js: "const __rl_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
};
for (const e of entries) {
  if (!existsSync(e.in)) continue; // entry points arrive with their features
  await build({ ...common, entryPoints: [e.in], outfile: e.out, format: e.format, ...(e.format === 'esm' ? { banner } : e.out.endsWith('preload.cjs') ? {} : cjsImportMeta) });
}

// Help › About lists the licences of what the app ships; read them from node_modules now, while
// they are at hand (the packaged app has no node_modules of the renderer's libraries).
if (existsSync('electron/main.ts')) {
  const { collectLicences } = await import('./licences.mjs');
  const { mkdirSync, writeFileSync } = await import('node:fs');
  mkdirSync('dist/electron', { recursive: true });
  writeFileSync('dist/electron/licences.json', JSON.stringify(collectLicences(), null, 2) + '\n');
}
