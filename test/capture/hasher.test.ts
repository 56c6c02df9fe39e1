/** sha256 while reading: the inline and the threaded hasher agree with crypto, memory stays bounded. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createHasher, inlineHasher, MAX_IN_FLIGHT, readBuffer, THREAD_HASH_MIN_BYTES } from '../../main/capture/hasher.ts';
import { readCapture } from '../../main/capture/reader.ts';
import { writeCaptureFile, writePcap } from '../helpers/pcap-writer.ts';

test('threaded hasher: shared and private buffers, partial lengths, same digest as crypto', async () => {
  const h = createHasher(THREAD_HASH_MIN_BYTES);
  const ref = createHash('sha256');
  for (let i = 0; i < 10; i++) {
    const shared = i % 2 === 0;
    const b = readBuffer(1000, shared);
    b.fill(i);
    const len = 1000 - i * 7;
    h.update(b, len);
    ref.update(b.subarray(0, len));
    await h.drain();
  }
  assert.equal(await h.digest(), ref.digest('hex'));
});

test('drain waits while too many chunks are queued', async () => {
  const h = createHasher(THREAD_HASH_MIN_BYTES);
  for (let i = 0; i < MAX_IN_FLIGHT + 3; i++) h.update(readBuffer(1 << 20, true), 1 << 20);
  let drained = false;
  const p = h.drain().then(() => (drained = true));
  assert.equal(drained, false);
  await p;
  assert.equal(drained, true);
  assert.match(await h.digest(), /^[0-9a-f]{64}$/);
});

test('inline hasher', async () => {
  const h = inlineHasher();
  h.update(Buffer.from('abcdef'), 3);
  assert.equal(await h.digest(), createHash('sha256').update('abc').digest('hex'));
});

test('a file large enough for the hash thread: digest and packets right, reads through the buffer ring', async () => {
  const n = Math.ceil(THREAD_HASH_MIN_BYTES / 1016) + 50;
  const payload = Buffer.alloc(1000, 0x5a);
  const bytes = writePcap(Array.from({ length: n }, (_, i) => ({ data: Buffer.concat([Buffer.from(i.toString(16).padStart(8, '0')), payload]) })));
  const file = writeCaptureFile('large.pcap', bytes);
  let count = 0;
  let ordered = true;
  const r = await readCapture(file, {
    hash: true,
    onPacket: (p) => {
      if (Number.parseInt(p.data.subarray(0, 8).toString(), 16) !== count) ordered = false;
      count++;
    },
  });
  assert.equal(count, n);
  assert.ok(ordered, 'packets come out whole and in order across reused buffers');
  assert.equal(r.sha256, createHash('sha256').update(bytes).digest('hex'));
});
