/**
 * Test fixtures: a browser-mode server per test with its own data folder, screenshots, and checks
 * that the page raised no error, no CSP violation and no dialog (a hostile name must never run).
 * The server is `reconlens serve`, run from the sources (RECONLENS_FROM_SOURCE=1) so the tests see
 * the code as it is now, not the last bundle.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const root = resolve(import.meta.dirname, '..', '..');
export const SHOTS = join(root, 'test-output', 'screenshots');
export const CORPUS = resolve(root, '..', 'shared', 'corpus');

export interface App {
  url: string;
  dir: string;
  dbPath: string;
}

export function startServer(dbPath: string): Promise<{ url: string; child: ChildProcess }> {
  const args = [join(root, 'bin', 'reconlens.mjs'), 'serve', '--db', dbPath, '--port', '0'];
  // The app remembers the database it opened (app-state.json in the user-data folder): keep that in the test's folder.
  const env = { ...process.env, BROWSER: 'none', RECONLENS_NO_BROWSER: '1', RECONLENS_FROM_SOURCE: '1', XDG_CONFIG_HOME: join(dirname(dbPath), 'config') };
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env });
  return new Promise((resolveUrl, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const m = /ReconLens at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(line);
      if (m?.[1]) resolveUrl({ url: m[1], child });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before printing its address`)));
  });
}

/** seedDb is an object (Playwright would take a bare function for a fixture). */
export const test = base.extend<{ app: App; seedDb: { fill(dbPath: string): void } | null }>({
  seedDb: [null, { option: true }],
  app: async ({ page, seedDb }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'reconlens-e2e-'));
    const dbPath = join(dir, 'db.sqlite');
    seedDb?.fill(dbPath);
    const { url, child } = await startServer(dbPath);
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('dialog', (d) => {
      problems.push(`unexpected dialog: ${d.message()}`);
      void d.dismiss();
    });
    await use({ url, dir, dbPath });
    child.kill();
    expect(problems.filter((p) => !/Failed to load resource: the server responded with a status of 40[49]/.test(p))).toEqual([]);
  },
});

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
}

export { expect };
