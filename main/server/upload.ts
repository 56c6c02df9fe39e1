/**
 * POST /upload?name=F: the browser cannot hand us a path, so a capture chosen in browser mode is
 * streamed into <data folder>/imports/ and the import runs on that copy. The name is reduced to a
 * safe base name, an existing file is never overwritten, and the body is capped: a partial or
 * oversized upload leaves nothing behind.
 */
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { IncomingMessage } from 'node:http';

export class UploadError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A file name safe on every OS: no directories, no control or reserved characters, bounded length. */
export function sanitizeFileName(raw: string): string {
  const base = basename(raw.replace(/\\/g, '/'));
  let s = base.replace(/[\u0000-\u001f\u007f<>:"/\\|?*\u202a-\u202e\u2066-\u2069]/g, '_').replace(/^[.\s]+/, '').trim();
  if (s.length > 120) {
    const ext = extname(s).slice(0, 12);
    s = s.slice(0, 120 - ext.length) + ext;
  }
  return s || 'capture.pcapng';
}

/** A path in dir that does not exist yet: name, name-1, name-2 ... */
export function freshPath(dir: string, name: string): string {
  const ext = name.endsWith('.gz') ? extname(name.slice(0, -3)) + '.gz' : extname(name);
  const stem = name.slice(0, name.length - ext.length);
  let p = join(dir, name);
  for (let i = 1; existsSync(p); i++) p = join(dir, `${stem}-${i}${ext}`);
  return p;
}

export async function receiveUpload(req: IncomingMessage, importsDir: string, rawName: string, maxBytes: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw new UploadError(413, `upload larger than ${maxBytes} bytes`);
  mkdirSync(importsDir, { recursive: true });
  const target = freshPath(importsDir, sanitizeFileName(rawName));
  const partial = `${target}.part`;
  const out = createWriteStream(partial, { flags: 'wx' });
  let received = 0;
  try {
    await new Promise<void>((resolveDone, reject) => {
      const fail = (err: Error): void => {
        req.unpipe(out);
        out.destroy();
        reject(err);
      };
      req.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > maxBytes) fail(new UploadError(413, `upload larger than ${maxBytes} bytes`));
      });
      req.on('aborted', () => fail(new UploadError(400, 'upload aborted')));
      req.on('error', fail);
      out.on('error', fail);
      out.on('finish', () => resolveDone());
      req.pipe(out);
    });
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
  renameSync(partial, target);
  return target;
}
