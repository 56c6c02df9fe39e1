import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createImportRunner, type EngineOutcome, type ImportEngine } from '../../main/api/import-runner.ts';
import type { ImportJob } from '../../main/api/contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'reconlens-runner-'));
const a = join(dir, 'a.pcapng');
const b = join(dir, 'b.pcapng');
writeFileSync(a, Buffer.alloc(100));
writeFileSync(b, Buffer.alloc(50));

/** An engine the test drives by hand: it reports progress and finishes when told. */
function manualEngine() {
  let finish: (o: EngineOutcome) => void = () => undefined;
  let progress: Parameters<ImportEngine>[1]['onProgress'] = () => undefined;
  let signal: AbortSignal | null = null;
  const engine: ImportEngine = (_job, hooks) => {
    progress = hooks.onProgress;
    signal = hooks.signal;
    return new Promise((resolve) => {
      finish = resolve;
      hooks.signal.addEventListener('abort', () => resolve({ captures: [{ file: a, captureId: 1, status: 'interrupted' }], alertIds: [], interrupted: true }));
    });
  };
  return { engine, progress: (...p: Parameters<typeof progress>) => progress(...p), finish: (o: EngineOutcome) => finish(o), aborted: () => signal?.aborted ?? false };
}

const finished = (runner: ReturnType<typeof createImportRunner>, id: number) =>
  new Promise<ImportJob>((resolve) => {
    const t = setInterval(() => {
      const j = runner.status().find((x) => x.jobId === id);
      if (j && j.state !== 'running') {
        clearInterval(t);
        resolve(j);
      }
    }, 5);
  });

test('progress across files adds the sizes of finished files; done records captures and already-imported files', async () => {
  const m = manualEngine();
  const runner = createImportRunner(m.engine);
  let done: ImportJob | null = null;
  const id = runner.start({ paths: [a, b], forensic: true }, (j) => (done = j));
  await new Promise((r) => setImmediate(r));
  assert.equal(runner.status()[0]?.totalBytes, 150);
  m.progress({ file: b, fileIndex: 1, bytes: 20, size: 50, packets: 7, alerts: 1 });
  const mid = runner.status()[0];
  assert.equal(mid?.bytes, 120);
  assert.equal(mid?.currentFile, b);
  m.finish({ captures: [{ file: a, captureId: 3, status: 'already-imported' }, { file: b, captureId: 4, status: 'complete' }], alertIds: [9, 10], interrupted: false });
  const j = await finished(runner, id);
  assert.equal(j.state, 'done');
  assert.deepEqual(j.captureIds, [3, 4]);
  assert.deepEqual(j.alreadyImported, [a]);
  assert.equal(j.alerts, 2);
  assert.equal((done as ImportJob | null)?.jobId, id, 'onFinished was called');
});

test('cancel aborts the engine and the job ends cancelled; cancelling a finished job says no', async () => {
  const m = manualEngine();
  const runner = createImportRunner(m.engine);
  const id = runner.start({ paths: [a], forensic: false });
  await new Promise((r) => setImmediate(r));
  assert.equal(runner.cancel(id), true);
  const j = await finished(runner, id);
  assert.equal(m.aborted(), true);
  assert.equal(j.state, 'cancelled');
  assert.equal(runner.cancel(id), false);
});

test('an engine failure becomes an error job with its message', async () => {
  const runner = createImportRunner(async () => {
    throw new Error('not a pcap or pcapng file');
  });
  const id = runner.start({ paths: [a], forensic: false });
  const j = await finished(runner, id);
  assert.equal(j.state, 'error');
  assert.equal(j.error, 'not a pcap or pcapng file');
});
