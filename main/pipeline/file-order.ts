/**
 * Before a multi-file import: check each file is a readable capture and find its first packet
 * time, so that the files can be analysed in packet-time order as one story. Reads only up to the
 * first packet of each file.
 */
import { stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readCapture } from '../capture/reader.ts';
import { CaptureFormatError } from '../capture/types.ts';

export interface ProbedFile {
  file: string;
  size: number;
  firstTs: number | null;
}

export interface RefusedFile {
  file: string;
  reason: string;
}

export async function probeFile(file: string): Promise<ProbedFile | RefusedFile> {
  let size: number;
  try {
    const st = await stat(file);
    if (st.isDirectory()) return { file, reason: 'is a directory' };
    size = st.size;
  } catch (err) {
    return { file, reason: ioReason(err) };
  }
  const stop = new AbortController();
  let firstTs: number | null = null;
  try {
    const r = await readCapture(file, {
      signal: stop.signal,
      chunkSize: 64 * 1024,
      onPacket: (p) => {
        if (firstTs === null) firstTs = p.ts;
        stop.abort();
      },
    });
    return { file, size, firstTs: firstTs ?? r.firstTs };
  } catch (err) {
    if (err instanceof CaptureFormatError) return { file, reason: err.reason };
    if (isIoError(err)) return { file, reason: ioReason(err) };
    throw err;
  }
}

/** Files in packet-time order (files without packets last, otherwise in the order given). */
export function inPacketOrder(files: ProbedFile[]): ProbedFile[] {
  return files
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (a.f.firstTs ?? Infinity) - (b.f.firstTs ?? Infinity) || a.i - b.i)
    .map((x) => x.f);
}

export function sha256File(file: string, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    const s = createReadStream(file, { highWaterMark: 1 << 20 });
    const onAbort = () => s.destroy(new Error('cancelled'));
    signal?.addEventListener('abort', onAbort, { once: true });
    s.on('data', (c) => h.update(c));
    s.on('error', (e) => {
      signal?.removeEventListener('abort', onAbort);
      reject(e);
    });
    s.on('end', () => {
      signal?.removeEventListener('abort', onAbort);
      resolve(h.digest('hex'));
    });
  });
}

export function isIoError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && /^E[A-Z]+$/.test((err as NodeJS.ErrnoException).code ?? '');
}

function ioReason(err: unknown): string {
  if (!isIoError(err)) return err instanceof Error ? err.message : String(err);
  switch (err.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return err.message;
  }
}
