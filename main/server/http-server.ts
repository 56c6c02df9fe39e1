/**
 * Browser mode: the renderer and the typed API on 127.0.0.1 (DESIGN.md "Browser mode").
 *   GET  /, /assets/...      the built renderer (the page may carry ?token=T; the page itself is public)
 *   POST /api/:channel        JSON body -> dispatch(handlers, channel, body) -> JSON {ok, result|error}
 *   POST /upload?name=F       a capture streamed into <data>/imports/ -> {path}
 * Every API and upload request needs the token header; Host/Origin must be ours (see security.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, dispatch, type Handlers } from '../api/contract.ts';
import { hostAndOriginAllowed, NO_STORE, securityHeaders, TOKEN_HEADER, tokenMatches } from './security.ts';
import { resolveStatic, sendStatic } from './static-files.ts';
import { receiveUpload, UploadError } from './upload.ts';

export interface BrowserServerOptions {
  handlers: Handlers;
  token: string;
  /** Built renderer folder (dist/renderer). */
  rendererDir: string;
  /** Where uploads land (<data folder>/imports); a function follows the data folder of the database open now. */
  importsDir: string | (() => string);
  /** 0 picks a free port. */
  port?: number;
  maxBodyBytes?: number;
  maxUploadBytes?: number;
  /** Called for internal errors (not for bad requests), e.g. to log them. */
  onError?: (err: unknown) => void;
}

export interface BrowserServer {
  server: Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

export const DEFAULT_MAX_BODY = 1 << 20;
export const DEFAULT_MAX_UPLOAD = 16 * 1024 ** 3;

export async function startBrowserServer(opts: BrowserServerOptions): Promise<BrowserServer> {
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const maxUpload = opts.maxUploadBytes ?? DEFAULT_MAX_UPLOAD;
  let port = 0;
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      opts.onError?.(err);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'internal error' });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const base = securityHeaders();
    if (!hostAndOriginAllowed(req.headers, port)) return sendJson(res, 403, { ok: false, error: 'forbidden host or origin' });
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const isApi = url.pathname.startsWith('/api/');
    if (isApi || url.pathname === '/upload') {
      if (!tokenMatches(opts.token, headerValue(req, TOKEN_HEADER))) return sendJson(res, 403, { ok: false, error: 'missing or wrong token' });
      if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: 'POST only' }, { Allow: 'POST' });
      if (isApi) return api(req, res, safeDecode(url.pathname.slice('/api/'.length)));
      return upload(req, res, url.searchParams.get('name') ?? '');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { ok: false, error: 'GET only' }, { Allow: 'GET, HEAD' });
    const file = resolveStatic(opts.rendererDir, url.pathname);
    if (!file) return sendJson(res, 404, { ok: false, error: 'not found' });
    sendStatic(res, file, base);
  }

  async function api(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    const type = headerValue(req, 'content-type') ?? '';
    // A JSON content type forces a CORS preflight from other origins (which we never answer).
    if (!type.toLowerCase().startsWith('application/json')) return sendJson(res, 415, { ok: false, error: 'content-type must be application/json' });
    const text = await readBody(req, maxBody);
    if (text === null) return sendJson(res, 413, { ok: false, error: `body larger than ${maxBody} bytes` }, { Connection: 'close' });
    let body: unknown = {};
    if (text.length > 0) {
      try {
        body = JSON.parse(text);
      } catch {
        return sendJson(res, 400, { ok: false, error: 'body is not JSON' });
      }
    }
    try {
      const result = await dispatch(opts.handlers, channel, body);
      sendJson(res, 200, { ok: true, result: result ?? null });
    } catch (err) {
      if (err instanceof ApiError) return sendJson(res, err.status, { ok: false, error: err.message });
      opts.onError?.(err);
      sendJson(res, 500, { ok: false, error: err instanceof Error ? err.message : String(err) });
    }
  }

  async function upload(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (!name) return sendJson(res, 400, { ok: false, error: 'name query parameter is required' });
    try {
      const path = await receiveUpload(req, typeof opts.importsDir === 'function' ? opts.importsDir() : opts.importsDir, name, maxUpload);
      sendJson(res, 200, { ok: true, result: { path } });
    } catch (err) {
      if (!(err instanceof UploadError)) throw err;
      sendJson(res, err.status, { ok: false, error: err.message }, { Connection: 'close' });
      req.destroy();
    }
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: opts.port ?? 0 }, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    url: `http://127.0.0.1:${port}/?token=${opts.token}`,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The body as text, or null once it passes the cap (reading stops there). */
function readBody(req: IncomingMessage, max: number): Promise<string | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > max) {
        over = true;
        chunks.length = 0;
        resolveBody(null);
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!over) resolveBody(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...securityHeaders(),
    ...NO_STORE,
    ...extra,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}
