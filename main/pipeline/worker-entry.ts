/**
 * Entry point of the engine off the UI thread (bundled to dist/engine-worker.mjs). Runs as a
 * worker thread (worker_threads.parentPort), an Electron utility process (process.parentPort,
 * messages wrapped in { data }) or a forked child (process.send). Imports run one at a time in
 * arrival order; 'cancel' interrupts the running one (its capture is marked interrupted).
 */
import { parentPort } from 'node:worker_threads';
import type { WorkerEvent, ImportRequest } from './worker-protocol.ts';
import { parseWorkerRequest } from './worker-protocol.ts';
import { runImport } from './worker-import.ts';

interface Channel {
  post(e: WorkerEvent): void;
  onMessage(fn: (raw: unknown) => void): void;
}

interface UtilityParentPort {
  postMessage(m: unknown): void;
  on(ev: 'message', fn: (e: { data: unknown }) => void): void;
}

function channel(): Channel | null {
  const wt = parentPort;
  if (wt) return { post: (e) => wt.postMessage(e), onMessage: (fn) => wt.on('message', fn) };
  const utility = (process as unknown as { parentPort?: UtilityParentPort }).parentPort;
  if (utility) return { post: (e) => utility.postMessage(e), onMessage: (fn) => utility.on('message', (m) => fn(m.data)) };
  const send = process.send?.bind(process);
  if (send) return { post: (e) => void send(e), onMessage: (fn) => process.on('message', fn) };
  return null;
}

const ch = channel();
if (!ch) {
  process.stderr.write('engine-worker: start me as a worker thread, utility process or forked child\n');
  process.exitCode = 2;
} else {
  const queue: ImportRequest[] = [];
  const controllers = new Map<number, AbortController>();
  let running = false;
  const pump = async (): Promise<void> => {
    if (running) return;
    running = true;
    for (let req = queue.shift(); req; req = queue.shift()) {
      const ctl = controllers.get(req.id) ?? new AbortController();
      controllers.set(req.id, ctl);
      await runImport(req, ctl.signal, ch.post);
      controllers.delete(req.id);
    }
    running = false;
  };
  ch.onMessage((raw) => {
    const parsed = parseWorkerRequest(raw);
    if (!parsed.ok) return ch.post({ type: 'error', id: -1, message: parsed.message, input: true });
    const r = parsed.request;
    if (r.type === 'cancel') {
      const ctl = controllers.get(r.id) ?? new AbortController();
      controllers.set(r.id, ctl);
      ctl.abort();
      return;
    }
    queue.push(r);
    void pump();
  });
  ch.post({ type: 'ready' });
}
