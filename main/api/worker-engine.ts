/**
 * The ImportEngine on a Node worker thread running the engine's worker entry
 * (dist/engine-worker.mjs when bundled, else main/pipeline/worker-entry.ts through tsx), speaking
 * main/pipeline/worker-protocol.ts. One worker per job: a crash fails that job, never the app.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerEvent } from '../pipeline/worker-protocol.ts';
import { packageRoot } from '../server/package-root.ts';
import type { EngineOutcome, ImportEngine } from './import-runner.ts';

/**
 * In a packaged app this module runs from inside app.asar, but electron-builder unpacks the worker
 * bundle (asarUnpack) to app.asar.unpacked: a worker thread cannot start from inside the archive.
 * Rewrite the first `.asar` path segment to `.asar.unpacked`; other paths are returned unchanged.
 */
export function unpackedPath(p: string): string {
  return p.replace(/\.asar([\\/])/, '.asar.unpacked$1');
}

/** The bundled worker's path for a package root (unpacked when the root lies inside an asar archive). */
export function bundledWorkerPath(root: string): string {
  return unpackedPath(join(root, 'dist', 'engine-worker.mjs'));
}

/** The bundle when built; else the TypeScript entry, loaded through tsx registered inside the worker. */
function startWorker(): Worker {
  // Found by walking up to package.json: this module runs from the sources and from bundles in dist/.
  const root = packageRoot();
  const bundled = bundledWorkerPath(root);
  if (existsSync(bundled) && process.env['RECONLENS_FROM_SOURCE'] !== '1') return new Worker(pathToFileURL(bundled));
  const entry = JSON.stringify(pathToFileURL(join(root, 'main', 'pipeline', 'worker-entry.ts')).href);
  // Loader flags given to the parent do not reach worker threads on Node 20: register tsx in the worker itself.
  return new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${entry}); })`, { eval: true });
}

/** dbPath may be a function: the database open when the job starts (Settings › Database can switch it). */
export function workerEngine(dbPathOf: string | (() => string)): ImportEngine {
  return (job, hooks) =>
    new Promise<EngineOutcome>((resolve, reject) => {
      const dbPath = typeof dbPathOf === 'function' ? dbPathOf() : dbPathOf;
      const worker = startWorker();
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        hooks.signal.removeEventListener('abort', onAbort);
        fn();
        void worker.terminate();
      };
      const onAbort = () => worker.postMessage({ type: 'cancel', id: 1 });
      hooks.signal.addEventListener('abort', onAbort);
      worker.on('message', (e: WorkerEvent) => {
        if (e.type === 'ready') {
          worker.postMessage({ type: 'import', id: 1, dbPath, files: job.files, ...(job.forensic ? { learningS: 0 } : {}) });
          if (hooks.signal.aborted) onAbort();
        } else if (e.type === 'progress') {
          hooks.onProgress({ file: e.file, fileIndex: e.fileIndex, bytes: e.bytes, size: e.size, packets: e.packets, alerts: e.alerts });
        } else if (e.type === 'done') {
          finish(() => resolve({ captures: e.captures, alertIds: e.alertIds, interrupted: e.interrupted }));
        } else if (e.type === 'error') {
          finish(() => reject(new Error(e.message)));
        }
      });
      worker.on('error', (err) => finish(() => reject(err)));
      worker.on('exit', (code) => finish(() => reject(new Error(`the import stopped unexpectedly (exit ${code}); the capture is marked interrupted and can be re-run`))));
    });
}
