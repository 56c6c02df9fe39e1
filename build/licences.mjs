// Lists the licences of the components ReconLens ships (for Help › About): the runtime dependencies
// of package.json, the libraries bundled into the renderer, and Electron, each with the
// dependencies they pull in, read from node_modules/<name>/package.json at build time.
// Usage: node build/licences.mjs [out.json]   (build/bundle.mjs writes dist/electron/licences.json)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Bundled into dist/renderer by Vite although they are devDependencies of the repository. */
export const RENDERER_BUNDLED = ['react', 'react-dom', 'recharts', '@tanstack/react-virtual'];

function readPkg(name) {
  const p = join(root, 'node_modules', name, 'package.json');
  if (!existsSync(p)) return null;
  return JSON.parse(readFileSync(p, 'utf8'));
}

function licenceOf(pkg) {
  if (typeof pkg.license === 'string') return pkg.license;
  if (pkg.license && typeof pkg.license.type === 'string') return pkg.license.type;
  if (Array.isArray(pkg.licenses)) return pkg.licenses.map((l) => l.type ?? l).join(' OR ');
  return 'UNKNOWN';
}

export function collectLicences() {
  const top = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const seeds = [...Object.keys(top.dependencies ?? {}), ...RENDERER_BUNDLED, 'electron'];
  const seen = new Map();
  const queue = [...seeds];
  while (queue.length) {
    const name = queue.shift();
    if (seen.has(name)) continue;
    const pkg = readPkg(name);
    if (!pkg) continue;
    seen.set(name, { name, version: pkg.version ?? '?', license: licenceOf(pkg), homepage: typeof pkg.homepage === 'string' ? pkg.homepage : null });
    // Electron's npm package depends on its download helpers; the shipped runtime is Electron itself.
    if (name === 'electron') continue;
    for (const dep of Object.keys(pkg.dependencies ?? {})) queue.push(dep);
  }
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = process.argv[2] ?? join(root, 'dist', 'electron', 'licences.json');
  mkdirSync(dirname(out), { recursive: true });
  const list = collectLicences();
  writeFileSync(out, JSON.stringify(list, null, 2) + '\n');
  console.log(`${list.length} components -> ${out}`);
}
