/**
 * Streaming capture reader: a file path or a Readable (live capture: dumpcap's pcapng on stdout),
 * optionally gzip-compressed (detected by the magic 1f 8b, decompressed by zlib as it streams).
 * Memory stays bounded by the chunk size plus one record whatever the file size. Optionally hashes
 * the raw bytes (sha256) while reading, so a file is read once.
 */
import { createReadStream } from 'node:fs';
import { createHash, type Hash } from 'node:crypto';
import { createGunzip, type Gunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import type { CaptureFormat } from '../engine/sink.ts';
import { RecordFeeder } from './feeder.ts';
import { CaptureFormatError, SkipCounter, type PacketHandler } from './types.ts';

export interface ReadOptions {
  onPacket: PacketHandler;
  signal?: AbortSignal;
  /** Called after each chunk of the raw input with the bytes read so far and frames numbered. */
  onProgress?(bytesRead: number, frames: number): void;
  /** Compute the sha256 of the raw input bytes. */
  hash?: boolean;
  /** Where skipped records are counted (shared with the decode layer); a new one by default. */
  skips?: SkipCounter;
  /** Read size for files (default 1 MiB). */
  chunkSize?: number;
}

export interface ReadResult {
  format: CaptureFormat;
  compressed: boolean;
  linkTypes: number[];
  /** Frames numbered (delivered and skipped records). */
  packets: number;
  /** Raw bytes read (compressed bytes for a gzip file). */
  bytesRead: number;
  firstTs: number | null;
  lastTs: number | null;
  /** Stopped early through the signal. */
  interrupted: boolean;
  sha256: string | null;
  skips: SkipCounter;
}

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

export function readCapture(source: string | Readable, o: ReadOptions): Promise<ReadResult> {
  const skips = o.skips ?? new SkipCounter();
  const feeder = new RecordFeeder(o.onPacket, skips);
  const raw = typeof source === 'string' ? createReadStream(source, { highWaterMark: o.chunkSize ?? 1 << 20 }) : source;
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
      const p = feeder.parser!;
      resolve({
        format: p.format,
        compressed: gunzip !== null,
        linkTypes: [...p.linkTypes].sort((a, b) => a - b),
        packets: p.frames,
        bytesRead,
        firstTs: p.firstTs,
        lastTs: p.lastTs,
        interrupted,
        sha256: hash && !interrupted ? hash.digest('hex') : null,
        skips,
      });
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
      const p = feeder.parser!;
      resolve({ format: p.format, compressed: gunzip !== null, linkTypes: [...p.linkTypes].sort((a, b) => a - b), packets: p.frames, bytesRead, firstTs: p.firstTs, lastTs: p.lastTs, interrupted: true, sha256: null, skips });
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
