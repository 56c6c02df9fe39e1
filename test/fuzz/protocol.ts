/** Messages between the fuzz harness and its worker threads. */
import type { Outcome } from './targets/common.ts';

export interface Job {
  target: string;
  /** Round seed: case i of this job is generated from caseSeed(seed, target, i). */
  seed: number;
  count: number;
  /** Stop the job early after this long (the long round's time budget). */
  maxMs?: number;
  /** Replay these inputs instead of generating. */
  inputs?: Uint8Array[];
}

export interface WorkerInput {
  jobs: Job[];
  startJob: number;
  startCase: number;
  heapCapMb: number;
  /** Int32Array(3): job index, case index, cases started (the watchdog's heartbeat). */
  shared: SharedArrayBuffer;
}

export type FailureKind = 'exception' | 'property' | 'memory' | 'hang' | 'out-of-memory';

export type FromWorker =
  | { type: 'ready' }
  | { type: 'fail'; target: string; job: number; index: number; kind: FailureKind; message: string; input: Uint8Array }
  | { type: 'job'; job: number; target: string; cases: number; failed: number; counts: Record<Outcome, number>; ms: number }
  | { type: 'crash'; message: string }
  | { type: 'harness-error'; message: string }
  | { type: 'done' };
