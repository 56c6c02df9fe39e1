// End-to-end tests of the real UI in browser mode, in Debian's Chromium (no browser download).
// One worker: the machine's two cores are shared; each test starts its own server and data folder.
import { defineConfig } from '@playwright/test';

// Several people run these tests on one machine: each run writes its artifacts to its own folder
// (set once in the main process; the workers it starts inherit it), so runs never delete each other's traces.
process.env['RECONLENS_E2E_RUN'] ??= `${Date.now()}-${process.pid}`;

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  outputDir: `../../test-output/playwright/run-${process.env['RECONLENS_E2E_RUN']}`,
  globalSetup: './global-setup.ts',
  workers: 1,
  // One retry in CI only: a retried test is reported as "flaky" (never hidden), and a real failure still fails.
  retries: process.env['CI'] ? 1 : 0,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  use: {
    launchOptions: { executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] },
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
