/**
 * Streaming capture reader: a file path or a Readable (live capture: dumpcap's pcapng on stdout),
 * optionally gzip-compressed (detected by the magic 1f 8b, decompressed by zlib as it streams).
 * Memory stays bounded by the chunk size plus one record whatever the file size. Optionally hashes
 * the raw bytes (sha256) while reading, so a file is read once.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createHash, type Hash } from 'node:crypto';
import { createGunzip, type Gunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { RecordFeeder } from './feeder.ts';
import { CaptureFormatError, SkipCounter } from './types.ts';
import { FILE_CHUNK, readOpenFile } from './file-reader.ts';
import { readBuffer, useThread } from './hasher.ts';
import { resultOf, type ReadOptions, type ReadResult } from './read-result.ts';

export type { ReadOptions, ReadResult } from './read-result.ts';

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

/** Read a capture file (path) or stream; packets go to o.onPacket in file order. */
export async function readCapture(source: string | Readable, o: ReadOptions): Promise<ReadResult> {
  const skips = o.skips ?? new SkipCounter();
  if (typeof source !== 'string') return readStream(source, o, skips);
  if (o.signal?.aborted) throw new Error('cancelled');
  const fh = await open(source, 'r');
  try {
    const size = (await fh.stat()).size;
    // Small files get a buffer their size (the reads reuse a ring of such buffers).
    const chunk = Math.min(o.chunkSize ?? FILE_CHUNK, Math.max(64 * 1024, size + 1));
    const first = readBuffer(chunk, o.hash === true && useThread(size));
    const { bytesRead } = await fh.read(first, 0, chunk, 0);
    const gzip = bytesRead >= 2 && first[0] === GZIP_MAGIC_0 && first[1] === GZIP_MAGIC_1;
    if (!gzip) return await readOpenFile(fh, size, first, bytesRead, o, skips);
  } finally {
    await fh.close();
  }
  return readStream(createReadStream(source, { highWaterMark: 1 << 20 }), o, skips);
}

/** Any Readable (live capture on a pipe, or a gzip file): event-driven, buffers never reused. */
function readStream(raw: Readable, o: ReadOptions, skips: SkipCounter): Promise<ReadResult> {
  const feeder = new RecordFeeder(o.onPacket, skips);
  const hash: Hash | null = o.hash ? createHash('sha256') : null;
  let bytesRead = 0;
  let sniff: Buffer | null = Buffer.alloc(0);
  let gunzip: Gunzip | null = null;
  let interrupted = false;

  return new Promise<ReadResult>((resolve, reject) => {
    let settled = false;
    const fail = (err: unknown): void => {
      if (settled) return;
      settled = true;
      o.signal?.removeEventListener('abort', onAbort);
      raw.destroy();
      gunzip?.destroy();
      reject(err instanceof Error ? err : new Error(String(err)));
    };
    const done = (): void => {
      if (settled) return;
      try {
        feeder.end();
      } catch (err) {
        fail(err);
        return;
      }
      settled = true;
      o.signal?.removeEventListener('abort', onAbort);
      resolve(resultOf(feeder, skips, { compressed: gunzip !== null, bytesRead, interrupted, sha256: hash && !interrupted ? hash.digest('hex') : null }));
    };
    const onAbort = (): void => {
      interrupted = true;
      feeder.parser?.halt();
      raw.destroy();
      gunzip?.destroy();
      if (feeder.parser) finishInterrupted();
      else fail(new Error('cancelled'));
    };
    const finishInterrupted = (): void => {
      if (settled) return;
      settled = true;
      o.signal?.removeEventListener('abort', onAbort);
      resolve(resultOf(feeder, skips, { compressed: gunzip !== null, bytesRead, interrupted: true, sha256: null }));
    };
    if (o.signal?.aborted) {
      interrupted = true;
      queueMicrotask(() => fail(new Error('cancelled')));
      return;
    }
    o.signal?.addEventListener('abort', onAbort, { once: true });

    const feed = (chunk: Buffer): void => {
      try {
        feeder.feed(chunk);
      } catch (err) {
        fail(err);
      }
    };
    const startGunzip = (first: Buffer): void => {
      const z = createGunzip({ chunkSize: 1 << 20 });
      gunzip = z;
      z.on('data', feed);
      z.on('end', done);
      z.on('error', (err) => {
        // A gzip file cut short still yields its packets: count the damage, keep what was read.
        if (feeder.parser && feeder.parser.frames > 0) {
          skips.add('truncated-gzip', feeder.parser.frames + 1);
          done();
        } else fail(new CaptureFormatError(`corrupt gzip data (${err.message})`));
      });
      write(first);
    };
    const write = (chunk: Buffer): void => {
      if (gunzip && !gunzip.write(chunk)) {
        raw.pause();
        gunzip.once('drain', () => raw.resume());
      }
    };
    raw.on('data', (c: Buffer | string) => {
      if (settled) return;
      const chunk = typeof c === 'string' ? Buffer.from(c) : c;
      bytesRead += chunk.length;
      hash?.update(chunk);
      if (sniff) {
        // Decide gzip or not on the first two bytes, however the input was chunked.
        sniff = sniff.length ? Buffer.concat([sniff, chunk]) : chunk;
        if (sniff.length < 2) return;
        const first = sniff;
        sniff = null;
        if (first[0] === GZIP_MAGIC_0 && first[1] === GZIP_MAGIC_1) startGunzip(first);
        else feed(first);
      } else if (gunzip) write(chunk);
      else feed(chunk);
      o.onProgress?.(bytesRead, feeder.parser?.frames ?? 0);
    });
    raw.on('error', fail);
    raw.on('end', () => {
      if (settled) return;
      if (sniff && sniff.length) feed(sniff);
      sniff = null;
      if (gunzip) gunzip.end();
      else done();
    });
  });
}
