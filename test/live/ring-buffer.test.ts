import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RingBuffer } from '../../main/live/ring-buffer.ts';

const CORPUS = '/work/shared/corpus';
const PCAPNG = join(CORPUS, 'samr-enum-lab/net.exe_user__domain.pcapng');
const PCAP = join(CORPUS, 'suricata-verify/20171220_smb_net_user.pcap');

function packetCount(file: string): number {
  const out = execFileSync('capinfos', ['-M', '-c', '-T', file], { encoding: 'utf8' });
  const row = out.trim().split('\n').pop()!.split('\t');
  return Number(row[1]);
}

/** Feed a file in uneven chunks, as a pipe would deliver it. */
function feed(ring: RingBuffer, data: Buffer): void {
  let off = 0;
  for (let i = 0; off < data.length; i++) {
    const n = [1, 7, 300, 4096, 65536][i % 5]!;
    ring.write(data.subarray(off, off + n));
    off += n;
  }
}

for (const [label, file] of [['pcapng', PCAPNG], ['pcap', PCAP]] as const) {
  test(`ring buffer splits a ${label} stream into files that each open on their own`, (t) => {
    if (!existsSync(file)) return t.skip(`corpus file missing: ${file}`);
    const dir = mkdtempSync(join(tmpdir(), 'rl-ring-'));
    try {
      const data = readFileSync(file);
      const ring = new RingBuffer({ dir, prefix: 'live', files: 1000, fileBytes: 4096 });
      feed(ring, data);
      const files = ring.close();
      assert.equal(ring.error, null);
      assert.ok(files.length > 1, `expected several files, got ${files.length}`);
      assert.ok(files.every((f) => f.endsWith(`.${label}`)));
      const total = files.reduce((n, f) => n + packetCount(f), 0);
      assert.equal(total, packetCount(file), 'every packet lands in exactly one file');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('ring buffer keeps at most N files, deleting the oldest', (t) => {
  if (!existsSync(PCAPNG)) return t.skip(`corpus file missing: ${PCAPNG}`);
  const dir = mkdtempSync(join(tmpdir(), 'rl-ring-'));
  try {
    const ring = new RingBuffer({ dir, prefix: 'live', files: 2, fileBytes: 4096 });
    feed(ring, readFileSync(PCAPNG));
    const files = ring.close();
    assert.equal(files.length, 2);
    assert.match(files[0]!, /live-\d{4}\.pcapng$/);
    assert.ok(!existsSync(join(dir, 'live-0001.pcapng')), 'the oldest file was deleted');
    for (const f of files) assert.ok(packetCount(f) > 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a stream that is not a capture stops the ring with an error, not a crash', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-ring-'));
  try {
    const ring = new RingBuffer({ dir, prefix: 'live', files: 2, fileBytes: 4096 });
    ring.write(Buffer.from('GET / HTTP/1.1\r\n\r\n'));
    assert.match(ring.error ?? '', /could not be split/);
    assert.deepEqual(ring.close(), []);
    // An absurd pcapng block length is refused too.
    const bad = new RingBuffer({ dir, prefix: 'bad', files: 2, fileBytes: 4096 });
    const shb = Buffer.alloc(12);
    shb.writeUInt32BE(0x0a0d0d0a, 0);
    shb.writeUInt32LE(0xfffffff0, 4);
    shb.writeUInt32LE(0x1a2b3c4d, 8);
    bad.write(shb);
    assert.notEqual(bad.error, null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const md5Fields = ['-o', 'frame.generate_md5_hash:TRUE', '-T', 'fields', '-e', 'frame.time_epoch', '-e', 'frame.len', '-e', 'frame.md5_hash'];
const tshark = (args: string[]): string => execFileSync('tshark', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

for (const [label, file] of [['pcapng', PCAPNG], ['pcap', PCAP]] as const) {
  test(`ring files know their frame ranges; a slice reads them and reports frames of rotated-away files missing (${label})`, async (t) => {
    if (!existsSync(file)) return t.skip(`corpus file missing: ${file}`);
    const dir = mkdtempSync(join(tmpdir(), 'rl-ring-'));
    try {
      const ring = new RingBuffer({ dir, prefix: 'live', files: 3, fileBytes: 4096 });
      feed(ring, readFileSync(file));
      ring.close();
      const ranges = ring.ranges();
      const total = packetCount(file);
      assert.equal(ranges.length, 3);
      // Contiguous, ending at the last frame, and each file holds exactly its range.
      assert.equal(ranges[2]!.lastFrame, total);
      for (const [i, r] of ranges.entries()) {
        assert.equal(packetCount(r.path), r.lastFrame - r.firstFrame + 1, `${r.path} holds ${r.firstFrame}-${r.lastFrame}`);
        if (i > 0) assert.equal(r.firstFrame, ranges[i - 1]!.lastFrame + 1);
      }
      const firstKept = ranges[0]!.firstFrame;
      assert.ok(firstKept > 1, 'older files were rotated away');
      // What the store would hold: the deleted files too (the ring's earlier ranges).
      const deleted = { path: join(dir, 'live-0001.pcapng'), firstFrame: 1, lastFrame: firstKept - 1 };
      const { writeSliceFromFiles } = await import('../../main/api/pcap-slice.ts');
      const want = [1, firstKept - 1, firstKept, ranges[1]!.firstFrame, total];
      const out = join(dir, 'slice.pcapng');
      const r = await writeSliceFromFiles([deleted, ...ranges], out, want);
      assert.deepEqual(r.missing, [1, firstKept - 1].filter((f, i, a) => a.indexOf(f) === i));
      const kept = [...new Set(want.filter((f) => f >= firstKept))];
      assert.equal(r.written, kept.length);
      // Same times, lengths and bytes as those frames of the original capture.
      const original = tshark(['-r', file, '-Y', `frame.number in {${kept.join(', ')}}`, ...md5Fields]);
      assert.equal(tshark(['-r', out, ...md5Fields]), original);
      assert.equal(original.trim().split('\n').length, kept.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
