// Stages the packaged app in .dist-stage/app (outside node_modules): package.json, the bundles in
// dist/, and better-sqlite3 with its runtime dependencies copied from node_modules *without* their
// compiled binary. build/dist.mjs then rebuilds better-sqlite3 there for Electron's ABI, so the
// Node build in node_modules (used by the CLI and the tests) is never touched.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const STAGE_DIR = join(root, '.dist-stage', 'app');
/** Needed only to download prebuilt binaries at npm install time; never at run time. */
const INSTALL_ONLY = new Set(['prebuild-install']);
/** What the packaged app loads at run time (everything else is bundled into dist/ by esbuild). */
export const NATIVE_RUNTIME = ['better-sqlite3'];

const readJson = (p) => JSON.parse(readFileSync(p, 'utf8'));

export function runtimeModules() {
  const seen = new Set();
  const queue = [...NATIVE_RUNTIME];
  while (queue.length) {
    const name = queue.shift();
    if (seen.has(name) || INSTALL_ONLY.has(name)) continue;
    const pj = join(root, 'node_modules', name, 'package.json');
    if (!existsSync(pj)) throw new Error(`stage: node_modules/${name} is missing (run npm install)`);
    seen.add(name);
    queue.push(...Object.keys(readJson(pj).dependencies ?? {}));
  }
  return [...seen].sort();
}

export function stageApp(stageDir = STAGE_DIR) {
  const pkg = readJson(join(root, 'package.json'));
  for (const need of ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/electron/engine-process.cjs', 'dist/cli.mjs']) {
    if (!existsSync(join(root, need))) throw new Error(`stage: ${need} is missing (run node build/bundle.mjs)`);
  }
  rmSync(stageDir, { recursive: true, force: true });
  mkdirSync(stageDir, { recursive: true });
  const modules = runtimeModules();
  const deps = Object.fromEntries(modules.filter((m) => NATIVE_RUNTIME.includes(m)).map((m) => [m, readJson(join(root, 'node_modules', m, 'package.json')).version]));
  writeFileSync(
    join(stageDir, 'package.json'),
    JSON.stringify({ name: pkg.name, productName: 'ReconLens', version: pkg.version, description: pkg.description, license: pkg.license, author: pkg.author ?? { name: 'ReconLens contributors', email: 'reconlens@users.noreply.github.com' }, ...(pkg.homepage ? { homepage: pkg.homepage } : {}), main: 'dist/electron/main.cjs', type: 'commonjs', dependencies: deps }, null, 2) + '\n',
  );
  // dist/*.mjs are ES modules although the staged package.json says commonjs (for the .cjs entries).
  cpSync(join(root, 'dist'), join(stageDir, 'dist'), { recursive: true, filter: (src) => !src.endsWith('.map') });
  for (const m of modules) {
    cpSync(join(root, 'node_modules', m), join(stageDir, 'node_modules', m), {
      recursive: true,
      // The Node-ABI binary stays behind: the Electron-ABI one is built in the stage.
      filter: (src) => !(m === 'better-sqlite3' && /[\\/]build([\\/]|$)/.test(src.slice(join(root, 'node_modules', m).length))),
    });
  }
  return { stageDir, modules };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { stageDir, modules } = stageApp(process.argv[2] ?? STAGE_DIR);
  console.log(`staged ${stageDir} with ${modules.join(', ')}`);
}
