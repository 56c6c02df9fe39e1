/**
 * The bundled engine process (dist/electron/engine-process.cjs) answering the main process's
 * requests, run under Node with a parentPort stand-in: dispatch by id, API errors carried back,
 * live-capture state reachable, and a clean exit on SIGTERM.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fork, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineResponse } from '../../electron/engine-protocol.ts';

const root = join(import.meta.dirname, '..', '..');
const bundle = join(root, 'dist', 'electron', 'engine-process.cjs');

test('engine process: requests by id, errors with status, SIGTERM', { timeout: 60_000 }, async (t) => {
  if (!existsSync(bundle)) {
    const r = spawnSync(process.execPath, ['build/bundle.mjs'], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) return t.skip(`bundling failed: ${r.stderr.split('\n')[0]}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'rl-engine-'));
  const child = fork(bundle, ['--db', join(dir, 'e.db'), '--sample', join(dir, 'none.pcapng')], {
    execArgv: ['--require', join(import.meta.dirname, 'fixtures', 'parent-port-shim.cjs')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const messages: unknown[] = [];
    const waiters = new Map<number, (r: EngineResponse) => void>();
    child.on('message', (m: unknown) => {
      messages.push(m);
      const r = m as EngineResponse;
      if (r.type === 'response') waiters.get(r.id)?.(r);
    });
    const request = (id: number, channel: string, args: unknown) =>
      new Promise<EngineResponse>((resolve) => {
        waiters.set(id, resolve);
        child.send({ type: 'request', id, channel, args });
      });
    const [info, unknown, bad, live] = await Promise.all([
      request(1, 'app.info', {}),
      request(2, 'no.such', {}),
      request(3, 'alerts.get', { id: 'x' }),
      request(4, 'live.status', {}),
    ]);
    assert.equal(info.ok, true);
    assert.equal((info.result as { mode: string }).mode, 'electron');
    assert.equal((info.result as { sampleAvailable: boolean }).sampleAvailable, false);
    assert.deepEqual([unknown.ok, unknown.status], [false, 404]);
    assert.deepEqual([bad.ok, bad.status], [false, 400]);
    assert.equal((live.result as { state: string }).state, 'idle');
    assert.ok(messages.some((m) => (m as { type: string }).type === 'ready'));
    // An import runs in a worker thread started from the bundle (dist/engine-worker.mjs).
    const AXFR = '/work/shared/corpus/ncsc-pef/1tcpdnsaxfr.pcap';
    if (existsSync(AXFR)) {
      const started = await request(5, 'captures.importStart', { paths: [AXFR] });
      assert.equal(started.ok, true, started.error);
      type Jobs = { jobs: { state: string; alerts: number; error: string | null }[] };
      let status: Jobs = { jobs: [] };
      // Each round trip is an event; the import of this 291-byte file takes a few of them.
      for (let id = 6; id < 100_000 && !status.jobs.some((j) => j.state !== 'running'); id++) status = (await request(id, 'captures.importStatus', {})).result as Jobs;
      assert.deepEqual(status.jobs.map((j) => [j.state, j.alerts, j.error]), [['done', 1, null]]);
    }
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
