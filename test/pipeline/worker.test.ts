/** The engine in a worker thread: typed messages, progress, done, bad requests, cancel. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WorkerEvent, WorkerRequest } from '../../main/pipeline/worker-protocol.ts';
import { parseWorkerRequest } from '../../main/pipeline/worker-protocol.ts';
import { corpusPath, repoRoot } from '../helpers/paths.ts';

function start(): { send(r: WorkerRequest | Record<string, unknown>): void; next(pred: (e: WorkerEvent) => boolean): Promise<WorkerEvent>; events: WorkerEvent[]; stop(): Promise<number> } {
  // Worker threads do not inherit the tsx loader: register it inside the worker, then load the entry.
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const entry = pathToFileURL(path.join(repoRoot, 'main/pipeline/worker-entry.ts')).href;
  const w = new Worker(`import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`, { eval: true });
  const events: WorkerEvent[] = [];
  const waiters: { pred: (e: WorkerEvent) => boolean; resolve: (e: WorkerEvent) => void }[] = [];
  w.on('message', (e: WorkerEvent) => {
    events.push(e);
    for (const x of [...waiters]) if (x.pred(e)) {
      waiters.splice(waiters.indexOf(x), 1);
      x.resolve(e);
    }
  });
  return {
    send: (r) => w.postMessage(r),
    next: (pred) => {
      const seen = events.find(pred);
      return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ pred, resolve }));
    },
    events,
    stop: () => w.terminate(),
  };
}

test('requests are validated', () => {
  assert.equal(parseWorkerRequest({ type: 'import', id: 1, dbPath: 'x', files: ['a'] }).ok, true);
  assert.equal(parseWorkerRequest({ type: 'import', id: 1, dbPath: 'x', files: [] }).ok, false);
  assert.equal(parseWorkerRequest({ type: 'import', id: 1, dbPath: 'x', files: ['a'], dcs: ['nope'] }).ok, false);
  assert.equal(parseWorkerRequest({ type: 'rm -rf', id: 1 }).ok, false);
});

test('an import in a worker thread reports progress and its outcome; bad requests get an error', async () => {
  const w = start();
  try {
    await w.next((e) => e.type === 'ready');
    w.send({ type: 'nonsense' });
    const bad = await w.next((e) => e.type === 'error');
    assert.equal(bad.type === 'error' && bad.id, -1);
    const dbPath = path.join(mkdtempSync(path.join(os.tmpdir(), 'reconlens-worker-')), 'w.db');
    const file = corpusPath('samr-enum-lab/rpcclient_enumdomusers.pcapng');
    w.send({ type: 'import', id: 7, dbPath, files: [file, '/nonexistent.pcap'], learningS: 0, dcs: ['192.168.12.11'] });
    const done = await w.next((e) => e.type === 'done' || (e.type === 'error' && e.id === 7));
    assert.equal(done.type, 'done', JSON.stringify(done));
    if (done.type !== 'done') return;
    assert.deepEqual(done.captures.map((c) => [c.file, c.status]), [
      [file, 'complete'],
      ['/nonexistent.pcap', 'refused'],
    ]);
    assert.equal(done.interrupted, false);
    const progress = w.events.filter((e) => e.type === 'progress');
    assert.ok(progress.length >= 1);
    const last = progress.at(-1);
    assert.ok(last?.type === 'progress' && last.id === 7 && last.packets === 67 && last.bytes === last.size);
  } finally {
    await w.stop();
  }
});

test('cancel before start: the import comes back interrupted', async () => {
  const w = start();
  try {
    await w.next((e) => e.type === 'ready');
    const dbPath = path.join(mkdtempSync(path.join(os.tmpdir(), 'reconlens-worker-')), 'w.db');
    w.send({ type: 'cancel', id: 3 });
    w.send({ type: 'import', id: 3, dbPath, files: [corpusPath('zeek/kinit.pcap')] });
    const done = await w.next((e) => e.type === 'done' || e.type === 'error');
    assert.ok(done.type === 'done' && done.interrupted, JSON.stringify(done));
  } finally {
    await w.stop();
  }
});
