/** The import worker's path: inside a packaged app (app.asar) it must come from app.asar.unpacked. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bundledWorkerPath, unpackedPath } from '../../main/api/worker-engine.ts';

test('a path inside app.asar is rewritten to app.asar.unpacked (POSIX and Windows separators)', () => {
  assert.equal(unpackedPath('/opt/ReconLens/resources/app.asar/dist/engine-worker.mjs'), '/opt/ReconLens/resources/app.asar.unpacked/dist/engine-worker.mjs');
  assert.equal(unpackedPath('C:\\Program Files\\ReconLens\\resources\\app.asar\\dist\\engine-worker.mjs'), 'C:\\Program Files\\ReconLens\\resources\\app.asar.unpacked\\dist\\engine-worker.mjs');
});

test('paths outside an archive, and already unpacked ones, are left alone', () => {
  for (const p of ['/work/main/dist/engine-worker.mjs', '/opt/ReconLens/resources/app.asar.unpacked/dist/engine-worker.mjs', '/data/my.asarx/dist/engine-worker.mjs', '/data/notes.asar']) assert.equal(unpackedPath(p), p);
});

test('the bundled worker of a package root inside app.asar is looked for in app.asar.unpacked', () => {
  const p = bundledWorkerPath('/opt/ReconLens/resources/app.asar');
  assert.match(p, /app\.asar\.unpacked[\\/]dist[\\/]engine-worker\.mjs$/);
  assert.doesNotMatch(p, /app\.asar[\\/]/);
  assert.match(bundledWorkerPath('/work/main'), /^\/work\/main[\\/]dist[\\/]engine-worker\.mjs$/);
});
