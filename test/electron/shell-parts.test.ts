import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { buildMenuTemplate, type MenuActions, type MenuItem } from '../../electron/menu.ts';
import { capturePathsFromArgv, isCaptureName } from '../../electron/open-files.ts';
import { aboutText, parseLicences } from '../../electron/about.ts';
import { addRecent, loadRecent, saveRecent, MAX_RECENT } from '../../electron/recent-files.ts';

const root = join(import.meta.dirname, '..', '..');

function actions(log: string[]): MenuActions {
  return {
    openCapture: () => log.push('open'),
    openRecent: (p) => log.push(`recent ${p}`),
    clearRecent: () => log.push('clear'),
    exportAlerts: (f) => log.push(`export ${f}`),
    showAbout: () => log.push('about'),
    showTour: () => log.push('tour'),
    showLimits: () => log.push('limits'),
    openDataFolder: () => log.push('folder'),
  };
}
const find = (items: MenuItem[], label: string): MenuItem | undefined => items.find((i) => i.label === label);

test('menu: File › Open capture…, Recent, Export; View; Help › About', () => {
  const log: string[] = [];
  const menu = buildMenuTemplate(actions(log), ['/caps/a.pcapng', '/caps/b.pcap'], 'linux', false);
  assert.deepEqual(menu.map((m) => m.label), ['File', 'Edit', 'View', 'Help']);
  const file = find(menu, 'File')!.submenu!;
  const open = find(file, 'Open capture…')!;
  assert.equal(open.accelerator, 'CmdOrCtrl+O');
  open.click!();
  const recent = find(file, 'Recent')!.submenu!;
  assert.deepEqual(recent.filter((r) => r.label).map((r) => r.label), ['a.pcapng', 'b.pcap', 'Clear recent']);
  recent[1]!.click!();
  for (const e of find(file, 'Export alerts')!.submenu!) e.click!();
  find(find(menu, 'Help')!.submenu!, 'About ReconLens')!.click!();
  find(find(menu, 'Help')!.submenu!, 'Tour of the four detections')!.click!();
  assert.deepEqual(log, ['open', 'recent /caps/b.pcap', 'export cef', 'export json', 'export csv', 'about', 'tour']);
  assert.ok(!JSON.stringify(menu).includes('toggleDevTools'), 'no devtools in a packaged build');
  assert.ok(JSON.stringify(buildMenuTemplate(actions([]), [], 'linux', true)).includes('toggleDevTools'));
  assert.equal(find(buildMenuTemplate(actions([]), [], 'linux', false), 'File')!.submenu![1]!.submenu![0]!.enabled, false, 'empty Recent is disabled');
  assert.equal(buildMenuTemplate(actions([]), [], 'darwin', false)[0]!.label, 'ReconLens', 'macOS app menu first');
});

test('files from the OS: only existing captures count', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-open-'));
  try {
    for (const f of ['a.pcap', 'b.PCAPNG', 'c.cap', 'd.pcap.gz', 'e.txt']) writeFileSync(join(dir, f), 'x');
    const argv = ['--no-sandbox', 'a.pcap', join(dir, 'b.PCAPNG'), 'c.cap', 'd.pcap.gz', 'e.txt', 'missing.pcap', '--inspect=9229', 'a.pcap'];
    assert.deepEqual(capturePathsFromArgv(argv, dir), ['a.pcap', 'b.PCAPNG', 'c.cap', 'd.pcap.gz'].map((f) => join(dir, f)));
    assert.equal(isCaptureName('x.pcapng.gz'), true);
    assert.equal(isCaptureName('x.gz'), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('recent files: newest first, no duplicates, capped, corrupt file ignored', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-recent-'));
  try {
    const file = join(dir, 'recent.json');
    assert.deepEqual(loadRecent(file), []);
    let list = addRecent([], ['/a', '/b']);
    list = addRecent(list, ['/b']);
    assert.deepEqual(list, ['/b', '/a']);
    for (let i = 0; i < 20; i++) list = addRecent(list, [`/f${i}`]);
    assert.equal(list.length, MAX_RECENT);
    saveRecent(file, list);
    assert.deepEqual(loadRecent(file), list);
    writeFileSync(file, '{not json');
    assert.deepEqual(loadRecent(file), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('About lists version, runtimes and the licences generated at build time', () => {
  const r = spawnSync(process.execPath, ['build/licences.mjs', join(tmpdir(), `rl-lic-${process.pid}.json`)], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const lic = parseLicences(readFileSync(join(tmpdir(), `rl-lic-${process.pid}.json`), 'utf8'));
  rmSync(join(tmpdir(), `rl-lic-${process.pid}.json`));
  for (const name of ['better-sqlite3', 'zod', 'react', 'react-dom', 'recharts', 'electron']) assert.ok(lic.some((l) => l.name === name), name);
  assert.ok(!lic.some((l) => l.name === 'typescript' || l.name === 'eslint'), 'build tools are not shipped');
  const { message, detail } = aboutText('1.2.3', { electron: '33.4.11', chrome: '130', node: '20.18' }, lic);
  assert.equal(message, 'ReconLens 1.2.3');
  assert.match(detail, /Electron 33\.4\.11/);
  assert.match(detail, /better-sqlite3 [\d.]+ — MIT/);
  assert.deepEqual(parseLicences('nonsense'), []);
});

test('the preload bundle needs nothing but electron (it runs sandboxed)', (t) => {
  const file = join(root, 'dist', 'electron', 'preload.cjs');
  if (!existsSync(file)) return t.skip('dist/electron/preload.cjs not built (node build/bundle.mjs)');
  const requires = [...readFileSync(file, 'utf8').matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
  assert.deepEqual([...new Set(requires)], ['electron']);
});
