/**
 * Messages between the app and an import running off the UI thread (a worker thread or an
 * Electron utility process running dist/engine-worker.mjs). Requests are validated on arrival:
 * the worker trusts nothing it is sent.
 */
import { z } from 'zod';

export const ImportRequest = z
  .object({
    type: z.literal('import'),
    /** Chosen by the caller; every event of this import carries it. */
    id: z.number().int().nonnegative(),
    dbPath: z.string().min(1),
    files: z.array(z.string().min(1)).min(1).max(10_000),
    force: z.boolean().optional(),
    /** SAMR learning period in seconds, saved as the setting samrLearningS. */
    learningS: z.number().int().min(0).max(3650 * 86400).optional(),
    dcs: z.array(z.string().ip()).max(1000).optional(),
    dnsServers: z.array(z.string().ip()).max(1000).optional(),
  })
  .strict();

export const CancelRequest = z.object({ type: z.literal('cancel'), id: z.number().int().nonnegative() }).strict();

export const WorkerRequest = z.discriminatedUnion('type', [ImportRequest, CancelRequest]);
export type WorkerRequest = z.infer<typeof WorkerRequest>;
export type ImportRequest = z.infer<typeof ImportRequest>;

export interface ImportProgressEvent {
  type: 'progress';
  id: number;
  file: string;
  fileIndex: number;
  files: number;
  /** File size and raw bytes read so far. */
  size: number;
  bytes: number;
  packets: number;
  alerts: number;
}

export interface ImportCaptureOutcome {
  file: string;
  captureId: number | null;
  status: 'complete' | 'interrupted' | 'already-imported' | 'failed' | 'refused';
  reason?: string;
}

export interface ImportDoneEvent {
  type: 'done';
  id: number;
  captures: ImportCaptureOutcome[];
  alertIds: number[];
  interrupted: boolean;
}

export interface ImportErrorEvent {
  type: 'error';
  id: number;
  message: string;
  /** true for bad input (a database from a newer version, a bad argument), false for a bug. */
  input: boolean;
}

export interface WorkerReadyEvent {
  type: 'ready';
}

export type WorkerEvent = ImportProgressEvent | ImportDoneEvent | ImportErrorEvent | WorkerReadyEvent;

/** Parse a request; a malformed one becomes an error event for id -1 instead of a crash. */
export function parseWorkerRequest(raw: unknown): { ok: true; request: WorkerRequest } | { ok: false; message: string } {
  const r = WorkerRequest.safeParse(raw);
  if (r.success) return { ok: true, request: r.data };
  return { ok: false, message: `bad request: ${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}` };
}
