/** Classic pcap reader: byte orders, µs/ns, bad input, truncation at every offset, chunking, gzip. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { readBytes } from './read-helpers.ts';
import { writePcap } from '../helpers/pcap-writer.ts';
import { CaptureFormatError, MAX_CAPLEN } from '../../main/capture/types.ts';

const TS = 1_700_000_000_123_456;
const pkts = [
  { data: Buffer.from('00112233445566778899aabbccddeeff0800', 'hex'), ts: TS },
  { data: Buffer.from('deadbeef', 'hex'), ts: TS + 1, origLen: 60 },
  { data: Buffer.alloc(0), ts: TS + 2_000_000 },
];

for (const bigEndian of [false, true]) {
  for (const nanos of [false, true]) {
    test(`pcap ${bigEndian ? 'big' : 'little'}-endian ${nanos ? 'ns' : 'µs'}: packets, times, lengths`, async () => {
      const { r, got } = await readBytes(writePcap(pkts, { bigEndian, nanos, linkType: 113 }));
      assert.equal(r.format, 'pcap');
      assert.deepEqual(r.linkTypes, [113]);
      assert.equal(r.packets, 3);
      assert.deepEqual(
        got.map((g) => [g.frame, g.ts, g.linkType, g.data, g.origLen]),
        [
          [1, TS, 113, pkts[0]!.data.toString('hex'), 18],
          [2, TS + 1, 113, 'deadbeef', 60],
          [3, TS + 2_000_000, 113, '', 0],
        ],
      );
      assert.equal(r.firstTs, TS);
      assert.equal(r.lastTs, TS + 2_000_000);
      assert.deepEqual(r.skips.counts, {});
    });
  }
}

test('not a capture: empty, text, other binary, too short', async () => {
  const cases: [Buffer, RegExp][] = [
    [Buffer.alloc(0), /empty file/],
    [Buffer.from('hello, this is a text file\n'), /looks like text/],
    [Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0xff, 0x80]), /not a pcap or pcapng file \(starts with 504b0304\)/],
    [Buffer.from([0xd4, 0xc3]), /not a pcap or pcapng file/],
    [writePcap([]).subarray(0, 10), /truncated pcap file header/],
  ];
  for (const [bytes, re] of cases) {
    await assert.rejects(readBytes(bytes), (e: unknown) => e instanceof CaptureFormatError && re.test(e.message), re.source);
  }
});

test('a header alone is a valid empty capture', async () => {
  const { r, got } = await readBytes(writePcap([]));
  assert.equal(got.length, 0);
  assert.equal(r.packets, 0);
  assert.equal(r.firstTs, null);
});

test('truncated at every offset: complete records delivered, the cut one counted, never a crash', async () => {
  const bytes = writePcap(pkts);
  const ends = [24 + 16 + 18, 24 + 16 + 18 + 16 + 4, bytes.length];
  for (let cut = 24; cut <= bytes.length; cut++) {
    const { r, got } = await readBytes(bytes.subarray(0, cut), 5);
    const complete = ends.filter((e) => e <= cut).length;
    assert.equal(got.length, complete, `cut at ${cut}`);
    const partial = !ends.includes(cut) && cut !== 24;
    assert.equal(r.skips.counts['truncated-record'] ?? 0, partial ? 1 : 0, `cut at ${cut}`);
    if (partial) assert.deepEqual(r.skips.frames['truncated-record'], [complete + 1]);
  }
});

test('same packets whatever the chunk size', async () => {
  const bytes = writePcap(pkts, { nanos: true });
  const whole = (await readBytes(bytes)).got;
  for (const size of [1, 2, 3, 7, 16, 17, 64]) assert.deepEqual((await readBytes(bytes, size)).got, whole, `chunk ${size}`);
});

test('caplen above 256 KiB is skipped by length and counted; reading goes on', async () => {
  const big = Buffer.alloc(MAX_CAPLEN + 1, 0xaa);
  const bytes = writePcap([{ data: Buffer.from('01', 'hex') }, { data: big }, { data: Buffer.from('02', 'hex') }]);
  for (const chunk of [1 << 20, 4096, 100_000]) {
    const { r, got } = await readBytes(bytes, chunk);
    assert.deepEqual(
      got.map((g) => [g.frame, g.data]),
      [
        [1, '01'],
        [3, '02'],
      ],
    );
    assert.deepEqual(r.skips.counts, { 'caplen-too-large': 1 });
    assert.deepEqual(r.skips.frames['caplen-too-large'], [2]);
  }
});

test('an absurd caplen does not allocate or hang: counted, the rest is unreadable', async () => {
  const bytes = writePcap([{ data: Buffer.from('01', 'hex') }, { data: Buffer.from('02', 'hex') }]);
  bytes.writeUInt32LE(0xfffffff0, 24 + 17 + 8); // caplen of record 2
  const { r, got } = await readBytes(bytes);
  assert.equal(got.length, 1);
  assert.equal(r.skips.counts['caplen-too-large'], 1);
});

test('gzip-compressed pcap streams through zlib; a cut gzip keeps what it read', async () => {
  const bytes = writePcap(pkts);
  const gz = gzipSync(bytes);
  const { r, got } = await readBytes(gz, 7);
  assert.equal(r.compressed, true);
  assert.equal(got.length, 3);
  assert.equal(r.bytesRead, gz.length);
  const many = writePcap(Array.from({ length: 2000 }, (_, i) => ({ data: Buffer.alloc(100, i & 0xff) })));
  const cut = gzipSync(many).subarray(0, 3000);
  const partial = await readBytes(cut);
  assert.ok(partial.got.length > 0 && partial.got.length < 2000, `${partial.got.length} packets`);
  assert.equal(partial.r.skips.counts['truncated-gzip'], 1);
  await assert.rejects(readBytes(Buffer.from([0x1f, 0x8b, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])), CaptureFormatError);
});

test('sha256 of the raw bytes while reading', async () => {
  const { readCapture } = await import('../../main/capture/reader.ts');
  const { createHash } = await import('node:crypto');
  const { writeCaptureFile } = await import('../helpers/pcap-writer.ts');
  const bytes = gzipSync(writePcap(pkts));
  const file = writeCaptureFile('x.pcap.gz', bytes);
  const r = await readCapture(file, { onPacket: () => undefined, hash: true });
  assert.equal(r.sha256, createHash('sha256').update(bytes).digest('hex'));
});

test('cancellation stops reading and says interrupted', async () => {
  const { readCapture } = await import('../../main/capture/reader.ts');
  const { writeCaptureFile } = await import('../helpers/pcap-writer.ts');
  const file = writeCaptureFile('many.pcap', writePcap(Array.from({ length: 5000 }, () => ({ data: Buffer.alloc(200) }))));
  const stop = new AbortController();
  let n = 0;
  const r = await readCapture(file, {
    signal: stop.signal,
    chunkSize: 4096,
    onPacket: () => {
      if (++n === 10) stop.abort();
    },
  });
  assert.equal(r.interrupted, true);
  assert.ok(n < 5000);
  assert.equal(r.sha256, null);
});
