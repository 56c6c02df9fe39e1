/**
 * The fast path for an uncompressed capture file: large reads into a small ring of reused
 * buffers, the next read already in flight while the current chunk is parsed (so the disk and the
 * CPU overlap), and each buffer handed to the hasher once parsed (a hash thread reads it from
 * shared memory, without a copy). A buffer is reused only once the hasher is done with it: at most
 * MAX_IN_FLIGHT chunks wait to be hashed, one is being parsed, one is being read.
 */
import type { FileHandle } from 'node:fs/promises';
import { RecordFeeder } from './feeder.ts';
import { createHasher, MAX_IN_FLIGHT, readBuffer, useThread } from './hasher.ts';
import { resultOf, type ReadOptions, type ReadResult } from './read-result.ts';
import type { SkipCounter } from './types.ts';

export const FILE_CHUNK = 4 * 1024 * 1024;
const RING = MAX_IN_FLIGHT + 2;

export async function readOpenFile(fh: FileHandle, size: number, first: Buffer, firstLen: number, o: ReadOptions, skips: SkipCounter): Promise<ReadResult> {
  const feeder = new RecordFeeder(o.onPacket, skips);
  const hasher = o.hash ? createHasher(size) : null;
  const shared = hasher !== null && useThread(size);
  const ring: Buffer[] = [first];
  let slot = 0;
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
      slot = (slot + 1) % RING;
      const nextBuf = (ring[slot] ??= readBuffer(first.length, shared));
      const next = fh.read(nextBuf, 0, nextBuf.length, pos);
      try {
        feeder.feed(len === buf.length ? buf : buf.subarray(0, len));
      } catch (err) {
        await next.catch(() => undefined);
        throw err;
      }
      hasher?.update(buf, len);
      o.onProgress?.(pos, feeder.parser?.frames ?? 0);
      const { bytesRead } = await next;
      if (hasher) await hasher.drain();
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
