import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
const config = JSON.parse(readFileSync(join(root, 'build', 'electron-builder.json'), 'utf8')) as Record<string, unknown> & {
  directories: { app: string; buildResources: string };
  extraResources: { from: string; to: string }[];
  fileAssociations: { ext: string[] }[];
  linux: { icon: string; target: string[]; executableName: string };
  deb: { afterInstall: string; afterRemove: string };
  win: { icon: string; target: string[] };
  nsis: { installerIcon: string; uninstallerIcon: string };
  mac: { icon: string; target: string[] };
  asarUnpack: string[];
};

function pngSize(file: string): [number, number] {
  const b = readFileSync(file);
  assert.equal(b.subarray(1, 4).toString('latin1'), 'PNG', `${file} is a PNG`);
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

test('the config validates against electron-builder\'s JSON schema', () => {
  const Ajv = require('ajv') as new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown[] } };
  const schema = JSON.parse(readFileSync(join(root, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8')) as object;
  const validate = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true }).compile(schema);
  const ok = validate(config);
  assert.ok(ok, JSON.stringify(validate.errors, null, 2));
  // And a broken config is refused, so the check can fail.
  assert.equal(validate({ ...config, nsis: { oneClick: 'sometimes' } }), false);
  assert.equal(validate({ ...config, notAnOption: true }), false);
});

test('electron-builder\'s own validation accepts it', async () => {
  const { validateConfiguration } = require(join(root, 'node_modules', 'app-builder-lib', 'out', 'util', 'config', 'config.js')) as { validateConfiguration(c: unknown, l: { isEnabled: boolean; add(): void }): Promise<void> };
  await validateConfiguration(config, { isEnabled: false, add() {} });
});

test('targets: AppImage + deb, NSIS, dmg; the four capture extensions are associated', () => {
  assert.equal(config['appId'], 'org.reconlens.workstation');
  assert.equal(config['productName'], 'ReconLens');
  assert.deepEqual(config.linux.target, ['AppImage', 'deb']);
  assert.deepEqual(config.win.target, ['nsis']);
  assert.deepEqual(config.mac.target, ['dmg']);
  const exts = config.fileAssociations.flatMap((a) => a.ext);
  for (const e of ['pcap', 'pcapng', 'cap', 'gz']) assert.ok(exts.includes(e), e);
  assert.notEqual(config.linux.executableName, 'reconlens', 'the GUI must not take the CLI\'s name on PATH');
});

test('every file the config points to exists', () => {
  for (const r of config.extraResources) assert.ok(existsSync(join(root, r.from)), `extraResources ${r.from}`);
  for (const s of [config.deb.afterInstall, config.deb.afterRemove, 'build/linux/reconlens-cli.sh']) {
    accessSync(join(root, s), constants.X_OK);
    execFileSync('bash', ['-n', join(root, s)]);
  }
  assert.match(readFileSync(join(root, config.deb.afterInstall), 'utf8'), /ln -sf '\/opt\/\$\{sanitizedProductName\}\/resources\/reconlens-cli\.sh' '\/usr\/bin\/reconlens'/);
  assert.match(readFileSync(join(root, 'build/linux/reconlens-cli.sh'), 'utf8'), new RegExp(`ELECTRON_RUN_AS_NODE=1 exec "\\$app/${config.linux.executableName}"`));
  const iconDir = join(root, config.linux.icon);
  for (const size of [16, 32, 48, 64, 128, 256, 512]) assert.deepEqual(pngSize(join(iconDir, `${size}x${size}.png`)), [size, size]);
  const [w] = pngSize(join(root, config.mac.icon));
  assert.ok(w >= 512, 'macOS needs at least 512 px');
  for (const ico of [config.win.icon, config.nsis.installerIcon, config.nsis.uninstallerIcon]) {
    const b = readFileSync(join(root, ico));
    assert.equal(b.readUInt16LE(2), 1, `${ico} is an icon file`);
    assert.ok(b.readUInt16LE(4) >= 4, `${ico} holds several sizes`);
  }
  assert.ok(existsSync(join(root, 'build', 'icons', 'icon.svg')));
});

test('staging holds the app and the native module apart from node_modules, binary-free', async (t) => {
  assert.equal(config.directories.app, '.dist-stage/app');
  const stage = await import('../../build/stage.mjs');
  assert.equal(relative(root, stage.STAGE_DIR), config.directories.app);
  if (!existsSync(join(root, 'dist', 'electron', 'main.cjs'))) {
    const r = spawnSync(process.execPath, ['build/bundle.mjs'], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) return t.skip(`bundling failed: ${r.stderr.split('\n')[0]}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'rl-stage-'));
  try {
    const { modules } = stage.stageApp(dir);
    assert.ok(modules.includes('better-sqlite3') && modules.includes('bindings'));
    assert.ok(!modules.includes('prebuild-install'), 'install-time helpers are not shipped');
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string>; devDependencies?: unknown };
    assert.ok(statSync(join(dir, pkg.main)).isFile(), pkg.main);
    assert.deepEqual(Object.keys(pkg.dependencies), ['better-sqlite3']);
    assert.equal(pkg.devDependencies, undefined);
    assert.ok(!existsSync(join(dir, 'node_modules', 'better-sqlite3', 'build')), 'the Node-ABI binary is left behind');
    assert.ok(existsSync(join(dir, 'node_modules', 'better-sqlite3', 'binding.gyp')), 'sources for the Electron rebuild are there');
    assert.ok(existsSync(join(root, 'node_modules', 'better-sqlite3', 'build')), 'node_modules keeps its own build');
    for (const f of ['dist/cli.mjs', 'dist/electron/preload.cjs', 'dist/electron/engine-process.cjs']) assert.ok(existsSync(join(dir, f)), f);
    assert.ok(!readdirSync(join(dir, 'dist')).some((f) => f.endsWith('.map')), 'no source maps shipped');
    for (const u of config.asarUnpack) {
      const base = u.replace(/\/\*\*\/\*$/, '');
      assert.ok(existsSync(join(dir, base)), `asarUnpack ${u} matches something in the stage`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
