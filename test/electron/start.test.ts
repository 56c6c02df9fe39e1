/** `npm start` without an Electron binary: one line saying why, then browser mode's URL line. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { raw } from '../server/http-client.ts';

const root = join(import.meta.dirname, '..', '..');
const hasElectron = existsSync(join(root, 'node_modules', 'electron', 'dist'));

test('npm start falls back to browser mode, says why, prints the URL', { timeout: 180_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-start-'));
  const child = spawn(process.execPath, [join(root, 'bin', 'start.mjs'), '--db', join(dir, 's.db')], {
    cwd: root,
    // Never open a browser from a test; force browser mode where an Electron binary exists.
    env: { ...process.env, RECONLENS_NO_BROWSER: '1', ...(hasElectron ? { RECONLENS_BROWSER_MODE: '1' } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
    const m = /^ReconLens at http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+)$/.exec(line);
    assert.ok(m, `${line} / ${stderr}`);
    const why = stderr.split('\n')[0] ?? '';
    assert.match(why, hasElectron ? /RECONLENS_BROWSER_MODE=1; starting browser mode instead/ : /^reconlens: no Electron binary \(node_modules\/electron\/dist is missing.*\); starting browser mode instead$/);
    const page = await raw(Number(m[1]), 'GET', '/', {});
    assert.equal(page.status, 200);
    assert.match(String(page.headers['content-security-policy']), /default-src 'self'/);
    const info = await raw(Number(m[1]), 'POST', '/api/app.info', { 'content-type': 'application/json', 'x-reconlens-token': m[2]! }, '{}');
    assert.equal(info.status, 200, info.body);
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 0, stderr);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
