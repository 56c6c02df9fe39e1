/**
 * pcapng reader: sections in both byte orders, several interfaces with their own link types and
 * if_tsresol / if_tsoffset, EPB, SPB, the obsolete packet block, unknown blocks, damaged blocks,
 * truncation at every offset.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readBytes } from './read-helpers.ts';
import { CaptureFormatError, MAX_BLOCK_HOLD } from '../../main/capture/types.ts';

class Ng {
  parts: Buffer[] = [];
  constructor(private le = true) {}
  private w32(v: number): Buffer {
    const b = Buffer.alloc(4);
    if (this.le) b.writeUInt32LE(v >>> 0);
    else b.writeUInt32BE(v >>> 0);
    return b;
  }
  private w16(v: number): Buffer {
    const b = Buffer.alloc(2);
    if (this.le) b.writeUInt16LE(v);
    else b.writeUInt16BE(v);
    return b;
  }
  block(type: number, body: Buffer, lengthOverride?: number): this {
    const padded = Buffer.concat([body, Buffer.alloc((4 - (body.length % 4)) % 4)]);
    const total = lengthOverride ?? 12 + padded.length;
    this.parts.push(this.w32(type), this.w32(total), padded, this.w32(total));
    return this;
  }
  shb(le = this.le): this {
    this.le = le;
    return this.block(0x0a0d0d0a, Buffer.concat([this.w32(0x1a2b3c4d), this.w16(1), this.w16(0), Buffer.alloc(8, 0xff)]));
  }
  idb(linkType: number, opts: { tsresol?: number; tsoffset?: number; snaplen?: number } = {}): this {
    const o: Buffer[] = [];
    if (opts.tsresol !== undefined) o.push(this.w16(9), this.w16(1), Buffer.from([opts.tsresol, 0, 0, 0]));
    if (opts.tsoffset !== undefined) {
      const v = Buffer.alloc(8);
      if (this.le) v.writeBigInt64LE(BigInt(opts.tsoffset));
      else v.writeBigInt64BE(BigInt(opts.tsoffset));
      o.push(this.w16(14), this.w16(8), v);
    }
    if (o.length) o.push(this.w16(0), this.w16(0));
    return this.block(1, Buffer.concat([this.w16(linkType), this.w16(0), this.w32(opts.snaplen ?? 0), ...o]));
  }
  epb(iface: number, ts: bigint, data: Buffer, caplen = data.length, origLen = data.length): this {
    return this.block(6, Buffer.concat([this.w32(iface), this.w32(Number(ts >> 32n)), this.w32(Number(ts & 0xffffffffn)), this.w32(caplen), this.w32(origLen), data]));
  }
  spb(data: Buffer, origLen = data.length): this {
    return this.block(3, Buffer.concat([this.w32(origLen), data]));
  }
  obsolete(iface: number, ts: bigint, data: Buffer): this {
    return this.block(2, Buffer.concat([this.w16(iface), this.w16(0), this.w32(Number(ts >> 32n)), this.w32(Number(ts & 0xffffffffn)), this.w32(data.length), this.w32(data.length), data]));
  }
  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}

const US = 1_700_000_000_000_000n;
const d = (hex: string) => Buffer.from(hex, 'hex');

for (const le of [true, false]) {
  test(`pcapng ${le ? 'little' : 'big'}-endian: interfaces with their own link types and resolutions`, async () => {
    const ng = new Ng(le)
      .shb()
      .idb(1)
      .idb(113, { tsresol: 9 })
      .idb(276, { tsresol: 0x80 | 20 }) // 2^-20 s
      .idb(101, { tsresol: 3, tsoffset: 10 })
      .epb(0, US, d('0101'))
      .epb(1, US * 1000n + 999n, d('0202'))
      .epb(2, 3n << 20n, d('0303')) // 3 s in 2^-20 units
      .epb(3, 5n, d('0404')) // 5 ms + 10 s offset
      .block(0x0bad, d('00112233')) // unknown block: skipped
      .block(4, d('0000000000000000')) // name resolution block: ignored
      .obsolete(1, 7000n, d('0505'))
      .spb(d('060606'), 3);
    const { r, got } = await readBytes(ng.bytes(), 5);
    assert.equal(r.format, 'pcapng');
    assert.deepEqual(r.linkTypes, [1, 101, 113, 276]);
    assert.deepEqual(
      got.map((g) => [g.frame, g.linkType, g.ts, g.data]),
      [
        [1, 1, Number(US), '0101'],
        [2, 113, Number(US), '0202'],
        [3, 276, 3_000_000, '0303'],
        [4, 101, 10_005_000, '0404'],
        [5, 113, 7, '0505'],
        [6, 1, 7, '060606'],
      ],
    );
    assert.deepEqual(r.skips.counts, {});
  });
}

test('nanosecond timestamps convert exactly to µs (no float rounding above 2^53)', async () => {
  const ns = 1_733_692_869_324_766_999n;
  const { got } = await readBytes(new Ng().shb().idb(1, { tsresol: 9 }).epb(0, ns, d('00')).bytes());
  assert.equal(got[0]!.ts, Number(ns / 1000n));
});

test('a second section starts over with its own byte order and interfaces', async () => {
  const a = new Ng(true).shb().idb(1).epb(0, 1n, d('aa')).bytes();
  const b = new Ng(false).shb().idb(113).epb(0, 2n, d('bb')).bytes();
  const { r, got } = await readBytes(Buffer.concat([a, b]), 3);
  assert.deepEqual(got.map((g) => [g.frame, g.linkType, g.data]), [
    [1, 1, 'aa'],
    [2, 113, 'bb'],
  ]);
  assert.deepEqual(r.linkTypes, [1, 113]);
});

test('damaged packet blocks are counted and skipped; reading goes on', async () => {
  const ng = new Ng()
    .shb()
    .idb(1)
    .epb(0, 1n, d('00112233'), 200) // caplen longer than its block
    .epb(7, 2n, d('44')) // no such interface
    .epb(0, 3n, d('55'));
  const { r, got } = await readBytes(ng.bytes());
  assert.deepEqual(got.map((g) => [g.frame, g.data]), [[3, '55']]);
  assert.deepEqual(r.skips.counts, { 'caplen-exceeds-block': 1, 'unknown-interface': 1 });
  assert.deepEqual(r.skips.frames, { 'caplen-exceeds-block': [1], 'unknown-interface': [2] });
});

test('an oversized block is skipped by length without being buffered', async () => {
  const huge = Buffer.alloc(MAX_BLOCK_HOLD + 100);
  const ng = new Ng().shb().idb(1).block(0x0bad, huge).epb(0, 1n, Buffer.alloc(MAX_BLOCK_HOLD + 8)).epb(0, 2n, d('77'));
  for (const chunk of [1 << 20, 65536, 1000]) {
    const { r, got } = await readBytes(ng.bytes(), chunk);
    assert.deepEqual(got.map((g) => [g.frame, g.data]), [[2, '77']]);
    assert.deepEqual(r.skips.counts, { 'oversized-block': 1, 'caplen-too-large': 1 });
  }
});

test('a block length that cannot be right stops reading, counted', async () => {
  const bytes = Buffer.concat([new Ng().shb().idb(1).epb(0, 1n, d('11')).bytes(), new Ng().block(6, d('00000000'), 13).bytes(), new Ng().epb(0, 2n, d('22')).bytes()]);
  const { r, got } = await readBytes(bytes);
  assert.equal(got.length, 1);
  assert.deepEqual(r.skips.counts, { 'bad-block-length': 1 });
});

test('interface blocks beyond the cap are counted, their packets skipped', async () => {
  const { MAX_INTERFACES } = await import('../../main/capture/pcapng.ts');
  const ng = new Ng().shb();
  for (let i = 0; i < MAX_INTERFACES + 2; i++) ng.idb(1);
  ng.epb(0, 1n, d('01')).epb(MAX_INTERFACES + 1, 2n, d('02'));
  const { r, got } = await readBytes(ng.bytes());
  assert.deepEqual(got.map((g) => g.data), ['01']);
  assert.deepEqual(r.skips.counts, { 'too-many-interfaces': 2, 'unknown-interface': 1 });
});

test('not pcapng: bad byte-order magic, no section header first', async () => {
  const bad = new Ng().shb().bytes();
  bad.writeUInt32LE(0x12345678, 8);
  await assert.rejects(readBytes(bad), (e: unknown) => e instanceof CaptureFormatError && /byte-order magic/.test(e.message));
  const tooShort = new Ng().shb().bytes().subarray(0, 20);
  await assert.rejects(readBytes(tooShort), (e: unknown) => e instanceof CaptureFormatError && /truncated pcapng/.test(e.message));
});

test('truncated at every offset: complete blocks delivered, never a crash', async () => {
  const ng = new Ng().shb().idb(1).epb(0, 1n, d('010203')).epb(0, 2n, d('04')).spb(d('0506'));
  const bytes = ng.bytes();
  const shbLen = 28;
  for (let cut = 0; cut <= bytes.length; cut++) {
    const slice = bytes.subarray(0, cut);
    if (cut < shbLen) {
      await assert.rejects(readBytes(slice, 3), CaptureFormatError, `cut at ${cut}`);
      continue;
    }
    const { r, got } = await readBytes(slice, 3);
    const boundaries = [28, 48, 84, 120, 140];
    const packetEnds = [84, 120, 140];
    assert.equal(bytes.length, 140);
    assert.equal(got.length, packetEnds.filter((e) => e <= cut).length, `cut at ${cut}`);
    assert.equal(r.skips.counts['truncated-record'] ?? 0, boundaries.includes(cut) ? 0 : 1, `cut at ${cut}`);
  }
});
