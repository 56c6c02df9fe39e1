/**
 * The fast path for an uncompressed capture file: large reads into fresh buffers, the next read
 * already in flight while the current chunk is parsed (so the disk and the CPU overlap), and each
 * buffer handed to the hasher once parsed (a worker thread takes it without a copy).
 */
import type { FileHandle } from 'node:fs/promises';
import { RecordFeeder } from './feeder.ts';
import { createHasher } from './hasher.ts';
import { resultOf, type ReadOptions, type ReadResult } from './read-result.ts';
import type { SkipCounter } from './types.ts';

export const FILE_CHUNK = 4 * 1024 * 1024;

export async function readOpenFile(fh: FileHandle, size: number, first: Buffer, firstLen: number, o: ReadOptions, skips: SkipCounter): Promise<ReadResult> {
  const feeder = new RecordFeeder(o.onPacket, skips);
  const chunkSize = o.chunkSize ?? FILE_CHUNK;
  const hasher = o.hash ? createHasher(size) : null;
  let buf = first;
  let len = firstLen;
  let pos = firstLen;
  let interrupted = false;
  // Stop delivering packets at once, not at the end of the chunk being parsed.
  const onAbort = (): void => feeder.parser?.halt();
  o.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    while (len > 0) {
      if (o.signal?.aborted) {
        interrupted = true;
        break;
      }
      // Start the next read before parsing this chunk.
      const nextBuf = Buffer.allocUnsafeSlow(chunkSize);
      const next = fh.read(nextBuf, 0, chunkSize, pos);
      try {
        feeder.feed(len === buf.length ? buf : buf.subarray(0, len));
      } catch (err) {
        await next.catch(() => undefined);
        throw err;
      }
      hasher?.update(buf, len, true);
      o.onProgress?.(pos, feeder.parser?.frames ?? 0);
      const { bytesRead } = await next;
      buf = nextBuf;
      len = bytesRead;
      pos += bytesRead;
    }
    if (interrupted || o.signal?.aborted) {
      hasher?.abort();
      if (!feeder.parser) throw new Error('cancelled');
      feeder.parser.halt();
      return resultOf(feeder, skips, { compressed: false, bytesRead: pos, interrupted: true, sha256: null });
    }
    feeder.end();
    const sha256 = hasher ? await hasher.digest() : null;
    return resultOf(feeder, skips, { compressed: false, bytesRead: pos, interrupted: false, sha256 });
  } catch (err) {
    hasher?.abort();
    throw err;
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
  }
}
