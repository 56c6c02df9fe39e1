/**
 * sha256 of a capture's raw bytes while it is read. sha256 runs at about the speed of the whole
 * packet loop, so for large files it runs on a worker thread (the second core) fed with the read
 * buffers themselves (transferred, not copied); small files hash inline, where a thread would cost
 * more to start than it saves.
 */
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

export interface ChunkHasher {
  /** Hash buf[0..len). When `owned`, buf's whole ArrayBuffer may be taken (it is unusable afterwards). */
  update(buf: Buffer, len: number, owned: boolean): void;
  digest(): Promise<string>;
  /** Stop without a result (cancellation, errors). */
  abort(): void;
}

/** Files at least this large hash on a worker thread. */
export const THREAD_HASH_MIN_BYTES = 32 * 1024 * 1024;

export function createHasher(expectedBytes: number): ChunkHasher {
  return expectedBytes >= THREAD_HASH_MIN_BYTES ? threadHasher() : inlineHasher();
}

export function inlineHasher(): ChunkHasher {
  const h = createHash('sha256');
  return {
    update: (buf, len) => void h.update(len === buf.length ? buf : buf.subarray(0, len)),
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
});
`;

function threadHasher(): ChunkHasher {
  const w = new Worker(WORKER_SOURCE, { eval: true });
  w.unref();
  let failed: Error | null = null;
  w.on('error', (e) => (failed = e));
  return {
    update(buf, len, owned) {
      const ab = buf.buffer as ArrayBuffer;
      if (owned && buf.byteOffset === 0 && ab.byteLength === buf.length) w.postMessage({ buf: ab, off: 0, len }, [ab]);
      else {
        // A private copy (never from Buffer's shared pool, whose memory other buffers use).
        const copy = Buffer.allocUnsafeSlow(len);
        buf.copy(copy, 0, 0, len);
        w.postMessage({ buf: copy.buffer, off: 0, len }, [copy.buffer as ArrayBuffer]);
      }
    },
    digest: () =>
      new Promise<string>((resolve, reject) => {
        if (failed) return reject(failed);
        w.once('message', (hex: string) => resolve(hex));
        w.once('error', reject);
        w.postMessage(null);
      }),
    abort: () => void w.terminate(),
  };
}
