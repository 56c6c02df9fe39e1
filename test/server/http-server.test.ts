import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readdirSync, readFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { Handlers } from '../../main/api/contract.ts';
import { startBrowserServer, type BrowserServer } from '../../main/server/http-server.ts';
import { raw } from './http-client.ts';

const TOKEN = 'test-token-0123456789';
let dir: string;
let srv: BrowserServer;
let calls = 0;
const auth = { 'x-reconlens-token': TOKEN, 'content-type': 'application/json' };

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rl-server-'));
  mkdirSync(join(dir, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>ReconLens</title>');
  writeFileSync(join(dir, 'renderer', 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'outside the root');
  // Only app.info is exercised; the rest of the contract is never called here.
  const handlers = {
    'app.info': async () => {
      calls++;
      return { version: '9.9.9', dbPath: '/x.db', mode: 'browser' as const };
    },
  } as unknown as Handlers;
  srv = await startBrowserServer({ handlers, token: TOKEN, rendererDir: join(dir, 'renderer'), importsDir: join(dir, 'imports'), maxBodyBytes: 1024, maxUploadBytes: 4096 });
});
after(async () => {
  await srv.close();
  rmSync(dir, { recursive: true, force: true });
});

test('listens on 127.0.0.1 and prints a token URL', () => {
  assert.match(srv.url, new RegExp(`^http://127\\.0\\.0\\.1:${srv.port}/\\?token=${TOKEN}$`));
  const addr = srv.server.address();
  assert.ok(addr && typeof addr === 'object' && addr.address === '127.0.0.1');
});

test('serves the renderer with security headers', async () => {
  const r = await raw(srv.port, 'GET', `/?token=${TOKEN}`, {});
  assert.equal(r.status, 200);
  assert.match(r.body, /ReconLens/);
  assert.match(String(r.headers['content-security-policy']), /default-src 'self'/);
  assert.match(String(r.headers['content-security-policy']), /script-src 'self'(;|$)/);
  assert.equal(r.headers['x-content-type-options'], 'nosniff');
  const js = await raw(srv.port, 'GET', '/assets/app.js', {});
  assert.equal(js.status, 200);
  assert.match(String(js.headers['content-type']), /javascript/);
});

test('never serves files outside the renderer folder', async () => {
  for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt']) {
    const r = await raw(srv.port, 'GET', p, {});
    assert.notEqual(r.status, 200, p);
    assert.doesNotMatch(r.body, /outside the root/, p);
  }
});

test('API requires the token', async () => {
  const before = calls;
  const none = await raw(srv.port, 'POST', '/api/app.info', { 'content-type': 'application/json' }, '{}');
  assert.equal(none.status, 403);
  const wrong = await raw(srv.port, 'POST', '/api/app.info', { ...auth, 'x-reconlens-token': TOKEN.slice(0, -1) + 'X' }, '{}');
  assert.equal(wrong.status, 403);
  const query = await raw(srv.port, 'POST', `/api/app.info?token=${TOKEN}`, { 'content-type': 'application/json' }, '{}');
  assert.equal(query.status, 403, 'the token in the query string opens the page only, never the API');
  assert.equal(calls, before, 'no handler ran without the token');
});

test('API call with the token runs dispatch and is not cached', async () => {
  const r = await raw(srv.port, 'POST', '/api/app.info', auth, '{}');
  assert.equal(r.status, 200);
  const body = z.object({ ok: z.literal(true), result: z.object({ version: z.string() }) }).parse(JSON.parse(r.body));
  assert.equal(body.result.version, '9.9.9');
  assert.equal(r.headers['cache-control'], 'no-store');
});

test('DNS rebinding: foreign Host or Origin is refused', async () => {
  const host = await raw(srv.port, 'POST', '/api/app.info', { ...auth, host: `evil.example:${srv.port}` }, '{}');
  assert.equal(host.status, 403);
  const page = await raw(srv.port, 'GET', '/', { host: `evil.example:${srv.port}` });
  assert.equal(page.status, 403);
  const origin = await raw(srv.port, 'POST', '/api/app.info', { ...auth, origin: 'http://evil.example' }, '{}');
  assert.equal(origin.status, 403);
  const ok = await raw(srv.port, 'POST', '/api/app.info', { ...auth, host: `localhost:${srv.port}`, origin: `http://localhost:${srv.port}` }, '{}');
  assert.equal(ok.status, 200);
});

test('bad requests get clear errors', async () => {
  assert.equal((await raw(srv.port, 'POST', '/api/no.such', auth, '{}')).status, 404);
  const bad = await raw(srv.port, 'POST', '/api/app.info', auth, '{"extra":1}');
  assert.equal(bad.status, 400);
  assert.match(JSON.parse(bad.body).error, /bad arguments/);
  assert.equal((await raw(srv.port, 'POST', '/api/app.info', auth, '{nope')).status, 400);
  assert.equal((await raw(srv.port, 'POST', '/api/app.info', { 'x-reconlens-token': TOKEN, 'content-type': 'text/plain' }, '{}')).status, 415);
  assert.equal((await raw(srv.port, 'GET', '/api/app.info', auth)).status, 405);
  assert.equal((await raw(srv.port, 'POST', '/api/%E0%A4%A', auth, '{}')).status, 404);
  const big = await raw(srv.port, 'POST', '/api/app.info', auth, JSON.stringify({ pad: 'x'.repeat(5000) }));
  assert.equal(big.status, 413);
});

test('upload streams into imports/ under a sanitised name', async () => {
  const data = Buffer.from('\x0a\x0d\x0d\x0asome capture bytes');
  const r = await raw(srv.port, 'POST', '/upload?name=' + encodeURIComponent('../../etc/pa\u202Esswd.pcapng'), { 'x-reconlens-token': TOKEN }, data);
  assert.equal(r.status, 200, r.body);
  const path = z.object({ result: z.object({ path: z.string() }) }).parse(JSON.parse(r.body)).result.path;
  assert.ok(path.startsWith(join(dir, 'imports')), path);
  assert.deepEqual(readFileSync(path), data);
  assert.deepEqual(readdirSync(join(dir, 'imports')), ['pa_sswd.pcapng']);
  const again = await raw(srv.port, 'POST', '/upload?name=pa_sswd.pcapng', { 'x-reconlens-token': TOKEN }, data);
  assert.match(JSON.parse(again.body).result.path, /pa_sswd-1\.pcapng$/, 'an existing file is never overwritten');
});

test('upload needs the token and respects the size cap', async () => {
  const before = readdirSync(join(dir, 'imports')).length;
  assert.equal((await raw(srv.port, 'POST', '/upload?name=a.pcap', {}, 'abc')).status, 403);
  const big = await raw(srv.port, 'POST', '/upload?name=big.pcap', { 'x-reconlens-token': TOKEN }, Buffer.alloc(10000));
  assert.equal(big.status, 413);
  assert.equal(readdirSync(join(dir, 'imports')).length, before, 'nothing left behind');
});
