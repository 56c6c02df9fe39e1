/**
 * One import as the worker runs it: open the store, save the settings the request carries, run
 * analyzeFiles with progress events (at most 10 a second) and report the outcome.
 */
import type { ImportRequest, WorkerEvent } from './worker-protocol.ts';
import { analyzeFiles } from './analyze.ts';
import { storeSink } from './store-sink.ts';

const PROGRESS_EVERY_MS = 100;

export async function runImport(req: ImportRequest, signal: AbortSignal, post: (e: WorkerEvent) => void): Promise<void> {
  const { openStore, InputError } = await import('../../db/index.ts');
  let store: ReturnType<typeof openStore> | null = null;
  try {
    store = openStore(req.dbPath);
    if (req.learningS !== undefined) store.setSetting('samrLearningS', req.learningS);
    for (const ip of req.dcs ?? []) store.declareRole(ip, 'dc');
    for (const ip of req.dnsServers ?? []) store.declareRole(ip, 'dns-server');
    const { SUMMARIZERS } = await import('../detectors/index.ts');
    let last = 0;
    const result = await analyzeFiles(req.files, {
      sink: await storeSink(store, SUMMARIZERS),
      signal,
      ...(req.force ? { force: true } : {}),
      onProgress: (p) => {
        const now = Date.now();
        if (now - last < PROGRESS_EVERY_MS && p.bytes < p.size) return;
        last = now;
        post({ type: 'progress', id: req.id, file: p.file, fileIndex: p.fileIndex, files: p.files, size: p.size, bytes: p.bytes, packets: p.packets, alerts: p.alerts });
      },
    });
    post({
      type: 'done',
      id: req.id,
      captures: result.captures.map((c) => ({ file: c.file, captureId: c.captureId, status: c.status, ...(c.reason ? { reason: c.reason } : {}) })),
      alertIds: result.alertIds,
      interrupted: result.interrupted,
    });
  } catch (err) {
    post({ type: 'error', id: req.id, message: err instanceof Error ? err.message : String(err), input: err instanceof InputError });
  } finally {
    store?.close();
  }
}
