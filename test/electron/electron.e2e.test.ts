/**
 * The real desktop app through Playwright's Electron support: the window is isolated and
 * sandboxed, the bridge has exactly our two functions, API calls reach the engine process, and
 * navigation / new windows are refused. Skips with a reason where no Electron binary exists
 * (its download is blocked in offline labs and CI; see docs/packaging.md).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const dist = join(root, 'node_modules', 'electron', 'dist');
const pathTxt = join(root, 'node_modules', 'electron', 'path.txt');
const exe = existsSync(pathTxt) ? join(dist, readFileSync(pathTxt, 'utf8').trim()) : join(dist, 'electron');
const built = ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/electron/engine-process.cjs', 'dist/renderer/index.html'].every((f) => existsSync(join(root, f)));
const skip = !existsSync(exe) ? `no Electron binary at ${exe} (download blocked); the desktop shell is covered by the unit tests with fakes` : !built ? 'bundles or renderer not built (npm run build)' : null;
if (skip) console.log(`# electron e2e skipped: ${skip}`);

test('the desktop app: hardened window, bridge, engine process', { skip: skip ?? false, timeout: 120_000 }, async () => {
  const { _electron } = await import('playwright-core');
  const dir = mkdtempSync(join(tmpdir(), 'rl-electron-'));
  const app = await _electron.launch({ executablePath: exe, args: [root], cwd: root, env: { ...process.env, RECONLENS_DB: join(dir, 'e2e.db') } as Record<string, string> });
  try {
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    assert.match(page.url(), /^file:\/\/.*\/dist\/renderer\/index\.html/);
    const surface = await page.evaluate(() => ({
      bridge: Object.keys((window as unknown as { reconlens: object }).reconlens).sort(),
      node: typeof (globalThis as { require?: unknown }).require + typeof (globalThis as { process?: unknown }).process,
    }));
    assert.deepEqual(surface.bridge, ['call', 'pathForFile']);
    assert.equal(surface.node, 'undefinedundefined', 'no Node in the renderer');
    const info = await page.evaluate(() => (window as unknown as { reconlens: { call(c: string, a: unknown): Promise<{ mode: string; dbPath: string }> } }).reconlens.call('app.info', {}));
    assert.equal(info.mode, 'electron');
    assert.equal(info.dbPath, join(dir, 'e2e.db'));
    const refused = await page.evaluate(() => (window as unknown as { reconlens: { call(c: string, a: unknown): Promise<unknown> } }).reconlens.call('fs.read', {}).then(() => 'ok', (e: Error) => e.message));
    assert.match(refused, /unknown channel/);
    const opened = await page.evaluate(() => window.open('https://example.com') === null);
    assert.equal(opened, true, 'window.open is denied');
    await page.evaluate(() => {
      location.href = 'https://example.com/';
    });
    assert.match(page.url(), /^file:/, 'navigation away is blocked');
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const w = BrowserWindow.getAllWindows()[0]!;
      // Undocumented but stable accessor of the preferences the window really got.
      type Prefs = { contextIsolation?: boolean; sandbox?: boolean; nodeIntegration?: boolean; webSecurity?: boolean };
      const p = (w.webContents as unknown as { getLastWebPreferences(): Prefs | null }).getLastWebPreferences();
      return { contextIsolation: p?.contextIsolation, sandbox: p?.sandbox, nodeIntegration: p?.nodeIntegration, webSecurity: p?.webSecurity };
    });
    assert.deepEqual(prefs, { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
