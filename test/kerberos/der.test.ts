import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cursor, DecodeError } from '../../main/util/cursor.ts';
import { DER_MAX_DEPTH, children, integer, kerberosTime, readNode, taggedFields, text } from '../../main/protocols/asn1/der.ts';
import { ctx, gstr, int, seq, time, tlv } from './support/der-builder.ts';

const node = (b: Buffer) => readNode(new Cursor(b), 0);

test('short and long form lengths', () => {
  const n = node(tlv(0x04, Buffer.alloc(200, 1)));
  assert.equal(n.body.remaining, 200);
  assert.equal(node(Buffer.from([0x04, 0x82, 0x00, 0x03, 1, 2, 3])).body.remaining, 3);
});

test('indefinite length is refused', () => {
  assert.throws(() => node(Buffer.from([0x30, 0x80, 0, 0])), /indefinite/);
});

test('a length beyond the buffer is an error, not a read', () => {
  assert.throws(() => node(Buffer.from([0x04, 0x84, 0x7f, 0xff, 0xff, 0xff, 0])), DecodeError);
  assert.throws(() => node(Buffer.from([0x04, 0x05, 1, 2])), /beyond/);
});

test('more than four length octets is refused', () => {
  assert.throws(() => node(Buffer.from([0x04, 0x89, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0])), /length of 9 octets/);
});

test('a length over the cap is refused even when the bytes exist', () => {
  const big = Buffer.concat([Buffer.from([0x04, 0x83, 0x20, 0x00, 0x00]), Buffer.alloc(0x200000)]);
  assert.throws(() => node(big), /over cap/);
});

test('deep nesting stops at DER_MAX_DEPTH', () => {
  let b: Buffer = int(1);
  for (let i = 0; i < DER_MAX_DEPTH + 5; i++) b = seq(b);
  const walk = (n: ReturnType<typeof node>): void => {
    for (const c of children(n, 4)) if (c.constructed) walk(c);
  };
  assert.throws(() => walk(node(b)), /nesting deeper/);
});

test('high tag numbers are read; overlong ones refused', () => {
  const n = node(Buffer.from([0x9f, 0x81, 0x01, 0x00]));
  assert.equal(n.tag, 129);
  assert.equal(n.cls, 2);
  assert.throws(() => node(Buffer.from([0x9f, 0x81, 0x81, 0x81, 0x81, 0x01, 0x00])), /tag number too long/);
});

test('INTEGER: sign, width limits', () => {
  assert.equal(integer(node(int(0))), 0);
  assert.equal(integer(node(int(-133))), -133);
  assert.equal(integer(node(int(0xffffffff))), 0xffffffff);
  assert.equal(integer(node(int(25))), 25);
  assert.throws(() => integer(node(tlv(0x02, Buffer.alloc(0)))), /INTEGER of 0/);
  assert.throws(() => integer(node(tlv(0x02, Buffer.alloc(9)))), /INTEGER of 9/);
  assert.throws(() => integer(node(gstr('x'))), /expected INTEGER/);
});

test('strings and times', () => {
  assert.equal(text(node(gstr('CORP.LOCAL'))), 'CORP.LOCAL');
  assert.equal(text(node(gstr('x'.repeat(2000)))).length, 512);
  assert.equal(kerberosTime(node(time('20370913024805Z'))), '2037-09-13T02:48:05Z');
  assert.equal(kerberosTime(node(time('garbage'))), 'garbage');
});

test('taggedFields: explicit tags, duplicates refused, non-context refused', () => {
  const f = taggedFields(node(seq(ctx(0, int(5)), ctx(2, gstr('a')))), 'T');
  assert.deepEqual([...f.keys()], [0, 2]);
  assert.throws(() => taggedFields(node(seq(ctx(1, int(5)), ctx(1, int(6)))), 'T'), /duplicate/);
  assert.throws(() => taggedFields(node(seq(int(5))), 'T'), /not an explicit context tag/);
  assert.throws(() => taggedFields(node(int(5)), 'T'), /not a SEQUENCE/);
});
