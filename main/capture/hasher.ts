/**
 * sha256 of a capture's raw bytes while it is read. sha256 runs at about the speed of the whole
 * packet loop, so for large files it runs on a worker thread (the second core) fed with the read
 * buffers themselves (shared memory, not copied); small files hash inline, where a thread would cost
 * more to start than it saves.
 */
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

export interface ChunkHasher {
  /** Hash buf[0..len). The caller must not write into buf afterwards (it may be read later). */
  update(buf: Buffer, len: number): void;
  /** Resolves once few enough chunks wait to be hashed (bounds the memory a slow hash thread holds). */
  drain(): Promise<void>;
  digest(): Promise<string>;
  /** Stop without a result (cancellation, errors). */
  abort(): void;
}

/** Files at least this large hash on a worker thread. */
export const THREAD_HASH_MIN_BYTES = 32 * 1024 * 1024;

/** A read buffer the hash thread can read without a copy (shared memory) when hashing there. */
export function readBuffer(size: number, shared: boolean): Buffer {
  return shared ? Buffer.from(new SharedArrayBuffer(size)) : Buffer.allocUnsafeSlow(size);
}

export function createHasher(expectedBytes: number): ChunkHasher {
  return useThread(expectedBytes) ? threadHasher() : inlineHasher();
}

export const useThread = (expectedBytes: number): boolean => expectedBytes >= THREAD_HASH_MIN_BYTES;

export function inlineHasher(): ChunkHasher {
  const h = createHash('sha256');
  return {
    update: (buf, len) => void h.update(len === buf.length ? buf : buf.subarray(0, len)),
    drain: () => Promise.resolve(),
    digest: () => Promise.resolve(h.digest('hex')),
    abort: () => undefined,
  };
}

// Plain CommonJS run with eval: works the same from the TypeScript sources and from the bundles.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const h = require('node:crypto').createHash('sha256');
parentPort.on('message', (m) => {
  if (m === null) { parentPort.postMessage(h.digest('hex')); parentPort.close(); return; }
  h.update(new Uint8Array(m.buf, m.off, m.len));
  parentPort.postMessage(1);
});
`;

/** Chunks (of up to 4 MiB) posted to the hash thread and not yet hashed. */
export const MAX_IN_FLIGHT = 4;

function threadHasher(): ChunkHasher {
  // Kept referenced: the process must not exit while a digest is awaited. The thread ends after
  // the digest (parentPort.close) or through abort().
  const w = new Worker(WORKER_SOURCE, { eval: true });
  let failed: Error | null = null;
  let inFlight = 0;
  let digestWaiter: ((hex: string) => void) | null = null;
  let drainWaiter: (() => void) | null = null;
  w.on('error', (e) => {
    failed = e;
    drainWaiter?.();
  });
  w.on('message', (m: number | string) => {
    if (typeof m === 'string') return digestWaiter?.(m);
    inFlight--;
    if (drainWaiter && inFlight < MAX_IN_FLIGHT) {
      const d = drainWaiter;
      drainWaiter = null;
      d();
    }
  });
  return {
    drain: () => (inFlight < MAX_IN_FLIGHT || failed ? Promise.resolve() : new Promise<void>((resolve) => (drainWaiter = resolve))),
    update(buf, len) {
      inFlight++;
      if (buf.buffer instanceof SharedArrayBuffer) w.postMessage({ buf: buf.buffer, off: buf.byteOffset, len });
      else {
        // Not shared: hand over a private copy (never memory of Buffer's pool, which others use).
        const copy = Buffer.allocUnsafeSlow(len);
        buf.copy(copy, 0, 0, len);
        w.postMessage({ buf: copy.buffer, off: 0, len }, [copy.buffer as ArrayBuffer]);
      }
    },
    digest: () =>
      new Promise<string>((resolve, reject) => {
        if (failed) return reject(failed);
        digestWaiter = resolve;
        w.once('error', reject);
        w.postMessage(null);
      }),
    abort: () => void w.terminate(),
  };
}
