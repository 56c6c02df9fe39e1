import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { frameRanges, wiresharkFilter, writeSlice } from '../../main/api/pcap-slice.ts';

test('frame lists collapse to ranges for editcap and Wireshark', () => {
  assert.deepEqual(frameRanges([5, 1, 2, 3, 9, 3]), ['1-3', '5', '9']);
  assert.equal(wiresharkFilter([1201, 1202, 1203, 1302]), 'frame.number in {1201..1203, 1302}');
});

const corpus = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'samr-enum-lab', 'net.exe_user__domain.pcapng');
test('a slice holds exactly the chosen frames, as pcapng', { skip: !existsSync(corpus) && `${corpus} is absent` }, async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'reconlens-slice-')), 'slice.pcapng');
  assert.equal(await writeSlice(corpus, out, [3, 4, 5, 10]), 4);
  const info = execFileSync('capinfos', ['-c', '-t', '-M', out], { encoding: 'utf8' });
  assert.match(info, /Number of packets:\s+4/);
  assert.match(info, /pcapng/);
  // Same bytes (MD5 of each frame) and times as frames 3, 4, 5 and 10 of the original, as tshark reads them.
  const fields = ['-o', 'frame.generate_md5_hash:TRUE', '-T', 'fields', '-e', 'frame.time_epoch', '-e', 'frame.len', '-e', 'frame.cap_len', '-e', 'frame.md5_hash'];
  const original = execFileSync('tshark', ['-r', corpus, '-Y', 'frame.number in {3, 4, 5, 10}', ...fields], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const slice = execFileSync('tshark', ['-r', out, ...fields], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  assert.equal(original.trim().split('\n').length, 4);
  assert.equal(slice, original);
});

test('evidence.savePcapSlice writes the alert frames into the data folder; Wireshark missing is said plainly', { skip: !existsSync(corpus) && `${corpus} is absent` }, async () => {
  const { makeDeps, seed } = await import('./fixture.ts');
  const { createHandlers } = await import('../../main/api/handlers/index.ts');
  const deps = makeDeps();
  seed(deps.db, corpus);
  const h = createHandlers(deps);
  const r = await h['evidence.savePcapSlice']({ id: 1 });
  assert.equal(r.frames, 6);
  assert.equal(r.path, join(deps.dataDir, 'slices', 'alert-1.pcapng'));
  assert.match(execFileSync('capinfos', ['-c', '-M', r.path], { encoding: 'utf8' }), /Number of packets:\s+6/);
  assert.deepEqual(await h['evidence.openWireshark']({ id: 1 }), { ok: false, reason: 'wireshark-not-found', message: 'Wireshark not found' });
  const launched: string[][] = [];
  const h2 = createHandlers({ ...deps, findWireshark: () => '/usr/bin/wireshark', launch: async (p, a) => (launched.push([p, ...a]), true) });
  assert.deepEqual(await h2['evidence.openWireshark']({ id: 1 }), { ok: true, filter: 'frame.number in {10..15}' });
  assert.deepEqual(launched, [['/usr/bin/wireshark', '-r', corpus, '-Y', 'frame.number in {10..15}']]);
});

test('evidence.savePcapSlice of a live capture reads the ring files and counts frames the ring already deleted', { skip: !existsSync(corpus) && `${corpus} is absent` }, async () => {
  const { makeDeps, seed } = await import('./fixture.ts');
  const { createHandlers } = await import('../../main/api/handlers/index.ts');
  const { upsertCaptureFiles } = await import('../../db/capture-files.ts');
  const deps = makeDeps();
  seed(deps.db); // capture 1 has no file on disk, as a live capture ("live:eth1@…")
  const h = createHandlers(deps);
  await assert.rejects(h['evidence.savePcapSlice']({ id: 1 }), /Capture file moved/);
  // The ring kept one file holding frames 1-12: the alert's frames 10-12 are there, 13-15 are gone.
  upsertCaptureFiles(deps.db, 1, [{ path: corpus, firstFrame: 1, lastFrame: 12 }]);
  const r = await h['evidence.savePcapSlice']({ id: 1 });
  assert.deepEqual({ frames: r.frames, missing: r.missing }, { frames: 3, missing: 3 });
  assert.match(execFileSync('capinfos', ['-c', '-M', r.path], { encoding: 'utf8' }), /Number of packets:\s+3/);
});

test('evidence.openWireshark on a live capture opens a slice of its ring files', { skip: !existsSync(corpus) && `${corpus} is absent` }, async () => {
  const { makeDeps, seed } = await import('./fixture.ts');
  const { createHandlers } = await import('../../main/api/handlers/index.ts');
  const { upsertCaptureFiles } = await import('../../db/capture-files.ts');
  const launched: string[][] = [];
  const deps = makeDeps({ findWireshark: () => '/usr/bin/wireshark', launch: async (p: string, a: string[]) => (launched.push([p, ...a]), true) });
  seed(deps.db);
  upsertCaptureFiles(deps.db, 1, [{ path: corpus, firstFrame: 1, lastFrame: 70 }]);
  const h = createHandlers(deps);
  assert.deepEqual(await h['evidence.openWireshark']({ id: 1 }), { ok: true, filter: '' });
  const slice = join(deps.dataDir, 'slices', 'alert-1-wireshark.pcapng');
  assert.deepEqual(launched, [['/usr/bin/wireshark', '-r', slice]]);
  assert.match(execFileSync('capinfos', ['-c', '-M', slice], { encoding: 'utf8' }), /Number of packets:\s+6/);
});
