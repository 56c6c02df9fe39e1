// `npm run dist`: installers for the current OS (Linux AppImage + deb, Windows NSIS, macOS dmg).
//   1. bundle (esbuild) and build the renderer (Vite)
//   2. stage the app in .dist-stage/app (build/stage.mjs)
//   3. rebuild better-sqlite3 there for Electron's ABI (@electron/rebuild; downloads Electron headers)
//   4. electron-builder --config build/electron-builder.json (downloads the Electron binary once)
// Steps 3 and 4 need the network (or a filled Electron cache); when they cannot get what they need
// this script says so in one line and exits 1. `--stage-only` stops after step 2.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, stageApp, STAGE_DIR } from './stage.mjs';

const stageOnly = process.argv.includes('--stage-only');
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
const platformFlag = { linux: '--linux', win32: '--win', darwin: '--mac' }[process.platform];

function run(what, cmd, args, hint) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8', shell: process.platform === 'win32' });
  if (r.status === 0) return;
  const err = r.stderr ?? '';
  process.stderr.write(err.split('\n').slice(-20).join('\n'));
  const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|getaddrinfo|network|socket hang up|unable to get local issuer/i.test(err);
  console.error(`\nreconlens dist: ${what} failed${offline ? ` — ${hint}` : ''}`);
  process.exit(1);
}

if (!platformFlag) {
  console.error(`reconlens dist: no installer target for ${process.platform}`);
  process.exit(1);
}
run('bundling', process.execPath, ['build/bundle.mjs'], '');
if (existsSync(join(root, 'renderer', 'vite.config.ts'))) run('the renderer build', process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'renderer/vite.config.ts'], '');
const { modules } = stageApp(STAGE_DIR);
console.log(`staged ${STAGE_DIR} (${modules.join(', ')})`);
if (stageOnly) process.exit(0);

const offlineHint = `the Electron ${electronVersion} binary and headers cannot be downloaded here (offline?); run \`npm run dist\` on a connected machine (see docs/packaging.md)`;
run('rebuilding better-sqlite3 for Electron', process.execPath, [join(root, 'node_modules', '@electron', 'rebuild', 'lib', 'cli.js'), '--version', electronVersion, '--module-dir', STAGE_DIR, '--only', 'better-sqlite3', '--force'], offlineHint);
run('electron-builder', process.execPath, [join(root, 'node_modules', 'electron-builder', 'cli.js'), platformFlag, '--config', 'build/electron-builder.json', '--projectDir', root, '--publish', 'never'], offlineHint);
console.log(`installers in ${join(root, 'release')}`);
