#!/usr/bin/env node
// `npm start`: the desktop app when the Electron binary is present (node_modules/electron/dist);
// otherwise browser mode (`reconlens serve`), saying why in one line, printing the URL and trying to
// open the system browser (not having one is not an error). Builds what is missing first.
// Extra arguments go to the app / to serve (e.g. npm start -- --db lab.db).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const say = (line) => process.stderr.write(`reconlens: ${line}\n`);

function ensureBuilt(needRenderer) {
  const bundles = ['dist/cli.mjs', 'dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/electron/engine-process.cjs'];
  if (bundles.some((f) => !existsSync(join(root, f)))) {
    say('bundling (node build/bundle.mjs)…');
    if (spawnSync(process.execPath, ['build/bundle.mjs'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
  }
  if (needRenderer && !existsSync(join(root, 'dist', 'renderer', 'index.html'))) {
    say('building the UI (vite build)…');
    const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
    if (spawnSync(process.execPath, [vite, 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] }).status !== 0) process.exit(1);
  }
}

/** The Electron executable if its download happened (detected by files; never require('electron')). */
function electronBinary() {
  const dist = join(root, 'node_modules', 'electron', 'dist');
  const pathTxt = join(root, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(dist)) return { why: 'no Electron binary (node_modules/electron/dist is missing: its download was skipped or blocked)' };
  const rel = existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8').trim() : process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';
  const exe = join(dist, rel);
  return existsSync(exe) ? { exe } : { why: `no Electron binary at ${exe}` };
}

function forwardSignals(child) {
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

function openBrowser(url) {
  const [cmd, cmdArgs] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, cmdArgs, { detached: true, stdio: 'ignore' });
    child.on('error', () => say('no system browser could be opened: open the URL above yourself'));
    child.unref();
  } catch {
    say('no system browser could be opened: open the URL above yourself');
  }
}

const electron = process.env.RECONLENS_BROWSER_MODE === '1' ? { why: 'RECONLENS_BROWSER_MODE=1' } : electronBinary();
if (electron.exe) {
  ensureBuilt(true);
  forwardSignals(spawn(electron.exe, [root, ...args], { cwd: root, stdio: 'inherit' }));
} else {
  say(`${electron.why}; starting browser mode instead`);
  ensureBuilt(true);
  const serve = spawn(process.execPath, [join(root, 'bin', 'reconlens.mjs'), 'serve', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  forwardSignals(serve);
  const lines = createInterface({ input: serve.stdout });
  let first = true;
  lines.on('line', (line) => {
    process.stdout.write(`${line}\n`);
    const url = first && /^ReconLens at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/.exec(line)?.[1];
    first = false;
    if (url && process.env.RECONLENS_NO_BROWSER !== '1') openBrowser(url);
  });
}
