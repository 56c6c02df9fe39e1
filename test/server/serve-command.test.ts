/** `reconlens serve` as a process: one line with the URL, token enforced, clean stop on SIGTERM. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { raw } from './http-client.ts';

const root = join(import.meta.dirname, '..', '..');

function startServe(dir: string, extra: string[] = []) {
  const renderer = join(dir, 'renderer');
  mkdirSync(renderer, { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>ReconLens test page</title>');
  return spawn(process.execPath, ['--import', 'tsx', join(root, 'main', 'cli', 'entry.ts'), 'serve', '--db', join(dir, 'r.db'), ...extra], {
    cwd: root,
    env: { ...process.env, RECONLENS_RENDERER_DIR: renderer },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

test('serve prints one URL line, enforces the token and stops on SIGTERM', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-serve-'));
  const child = startServe(dir);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    const lines = createInterface({ input: child.stdout });
    const [first] = (await once(lines, 'line')) as [string];
    const m = /^ReconLens at http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]{43})$/.exec(first);
    assert.ok(m, `first line: ${first} (stderr: ${stderr})`);
    const port = Number(m[1]);
    const token = m[2]!;
    const page = await raw(port, 'GET', `/?token=${token}`, {});
    assert.equal(page.status, 200);
    assert.match(page.body, /ReconLens test page/);
    const denied = await raw(port, 'POST', '/api/app.info', { 'content-type': 'application/json' }, '{}');
    assert.equal(denied.status, 403);
    const info = await raw(port, 'POST', '/api/app.info', { 'content-type': 'application/json', 'x-reconlens-token': token }, '{}');
    assert.equal(info.status, 200, info.body);
    const body = JSON.parse(info.body) as { result: { mode: string; dbPath: string } };
    assert.equal(body.result.mode, 'browser');
    assert.equal(body.result.dbPath, join(dir, 'r.db'));
    const more: string[] = [];
    lines.on('line', (l) => more.push(l));
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 0, stderr);
    assert.deepEqual(more, [], 'exactly one line on stdout');
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});

test('serve refuses a bad port with exit 2 and one line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-serve-'));
  try {
    const child = startServe(dir, ['--port', '99999']);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 2);
    assert.match(stderr, /^reconlens: --port: '99999' is not a port number/);
    assert.equal(stderr.trim().split('\n').length, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
