/**
 * Browser-mode server for the end-to-end tests when `reconlens serve` is absent (same protocol as
 * main/server/http-server.ts: { ok, result | error }): serves
 * dist/renderer and the real handlers (createHandlers + dispatch, imports on a worker thread) on
 * 127.0.0.1 with a per-run token, and accepts uploads at POST /upload?name=F like serve will.
 * Prints one line: "ReconLens at http://127.0.0.1:N/?token=T".
 * Usage: node --import tsx test/e2e/server.ts --db FILE [--port N]
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { basename, dirname, extname, join, normalize, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../db/store.ts';
import { osUserName } from '../../db/settings.ts';
import { ApiError, dispatch } from '../../main/api/contract.ts';
import { createHandlers } from '../../main/api/handlers/index.ts';
import { createImportRunner } from '../../main/api/import-runner.ts';
import { findWireshark, launchDetached } from '../../main/api/system.ts';
import { workerEngine } from '../../main/api/worker-engine.ts';
import { noLive } from './no-live.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const dbPath = resolve(arg('--db') ?? join(root, 'test-output', 'e2e.sqlite'));
const dataDir = dirname(dbPath);
const staticDir = join(root, 'dist', 'renderer');
const token = randomBytes(24).toString('hex');
const db = openDatabase(dbPath);
const handlers = createHandlers({
  db,
  dbPath,
  dataDir,
  mode: 'browser',
  version: 'e2e',
  imports: createImportRunner(workerEngine(dbPath)),
  live: noLive,
  samplePath: join(root, 'build', 'sample', 'reconlens-sample.pcapng'),
  osUser: osUserName(),
  findWireshark,
  launch: launchDetached,
});

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json', '.svg': 'image/svg+xml' };

function authorized(req: IncomingMessage): boolean {
  const got = Buffer.from(String(req.headers['x-reconlens-token'] ?? ''));
  const want = Buffer.from(token);
  return got.length === want.length && timingSafeEqual(got, want);
}

async function body(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > 1 << 20) throw new ApiError(413, 'request too large');
    chunks.push(c);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as unknown) : {};
}

function send(res: ServerResponse, status: number, value: unknown) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(value));
}

const server = createServer((req, res) => {
  void (async () => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    try {
      if (req.method === 'POST' && url.pathname.startsWith('/api/')) {
        if (!authorized(req)) return send(res, 403, { error: 'forbidden' });
        return send(res, 200, { ok: true, result: (await dispatch(handlers, url.pathname.slice(5), await body(req))) ?? null });
      }
      if (req.method === 'POST' && url.pathname === '/upload') {
        if (!authorized(req)) return send(res, 403, { error: 'forbidden' });
        const name = basename(url.searchParams.get('name') ?? 'capture.pcapng').replace(/[^\w.-]/g, '_');
        const dir = join(dataDir, 'uploads');
        mkdirSync(dir, { recursive: true });
        const path = join(dir, `${Date.now()}-${name}`);
        await pipeline(req, createWriteStream(path));
        return send(res, 200, { ok: true, result: { path } });
      }
      if (req.method !== 'GET') return send(res, 405, { error: 'method not allowed' });
      const rel = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '') || 'index.html';
      const file = join(staticDir, rel);
      if (!file.startsWith(staticDir) || !existsSync(file) || !statSync(file).isFile()) return send(res, 404, { error: 'not found' });
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'x-content-type-options': 'nosniff' });
      createReadStream(file).pipe(res);
    } catch (e) {
      const status = e instanceof ApiError ? e.status : e instanceof SyntaxError ? 400 : 500;
      send(res, status, { ok: false, error: e instanceof Error ? e.message : String(e) });
    }
  })();
});

server.listen(Number(arg('--port') ?? 0), '127.0.0.1', () => {
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  process.stdout.write(`ReconLens at http://127.0.0.1:${port}/?token=${token}\n`);
});
