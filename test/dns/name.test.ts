import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cursor, DecodeError } from '../../main/util/cursor.ts';
import { MAX_POINTER_HOPS, readName } from '../../main/protocols/dns/name.ts';
import { name } from './support/dns-builder.ts';

const read = (b: Buffer, at: number) => {
  const c = new Cursor(b, at);
  return { name: readName(c, 0), end: c.pos };
};

test('plain names and the root', () => {
  assert.deepEqual(read(name('dc01.corp.local'), 0), { name: 'dc01.corp.local', end: 17 });
  assert.deepEqual(read(Buffer.from([0]), 0), { name: '', end: 1 });
});

test('a backward pointer is followed; the cursor ends after the pointer', () => {
  const b = Buffer.concat([name('corp.local'), Buffer.from([3, 0x77, 0x77, 0x77, 0xc0, 0x00])]);
  assert.deepEqual(read(b, 12), { name: 'www.corp.local', end: 18 });
});

test('a pointer to itself, forwards, or in a loop is an error', () => {
  assert.throws(() => read(Buffer.from([0xc0, 0x00]), 0), /does not point backwards/);
  assert.throws(() => read(Buffer.from([0xc0, 0x02, 0x00]), 0), /does not point backwards/);
  // 0: label "a" then pointer to 4; 4: pointer to 0 -> loop
  assert.throws(() => read(Buffer.from([1, 0x61, 0xc0, 0x04, 0xc0, 0x00]), 0), DecodeError);
  assert.throws(() => read(Buffer.from([1, 0x61, 0xc0, 0x04, 0xc0, 0x00]), 4), /does not point backwards/);
});

test('pointer chains are hop-limited even when each hop goes backwards', () => {
  // Each 2-byte pointer at 2i points at 2(i-1); the one at 0 points... there is nothing before 0,
  // so build a chain of labels "a" ending at a pointer chain longer than the limit.
  const parts: number[] = [0];
  for (let i = 1; i <= MAX_POINTER_HOPS + 2; i++) parts.push(0xc0 | ((2 * i - 1) >> 8), (2 * i - 1) & 0xff);
  // layout: [0] root, then pointer i at offset 2i-1 pointing at 2i-3 (the previous pointer) / 0
  const b = Buffer.from(parts);
  b[1] = 0xc0;
  b[2] = 0x00;
  for (let i = 2; i <= MAX_POINTER_HOPS + 2; i++) {
    b[2 * i - 1] = 0xc0;
    b[2 * i] = 2 * i - 3;
  }
  assert.throws(() => read(b, 2 * (MAX_POINTER_HOPS + 2) - 1), /too many compression pointers/);
  assert.equal(read(b, 3).name, '');
});

test('names over 255 octets, odd label types and truncation are errors', () => {
  const long = Buffer.concat([...Array.from({ length: 5 }, () => Buffer.concat([Buffer.from([63]), Buffer.alloc(63, 0x61)])), Buffer.from([0])]);
  assert.throws(() => read(long, 0), /longer than 255/);
  assert.throws(() => read(Buffer.from([0x40, 0]), 0), /label type 0x40/);
  assert.throws(() => read(Buffer.from([0x80, 0]), 0), /label type 0x80/);
  const ok = name('a.b.c');
  for (let i = 0; i < ok.length; i++) assert.throws(() => read(ok.subarray(0, i), 0), DecodeError);
  assert.throws(() => read(Buffer.from([0xc0]), 0), /truncated compression pointer/);
});

test('a dot inside a label is escaped, so labels cannot be forged', () => {
  assert.equal(read(Buffer.from([3, 0x61, 0x2e, 0x62, 0]), 0).name, 'a\\.b');
});
