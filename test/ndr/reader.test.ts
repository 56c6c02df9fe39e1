import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NdrReader, NDR_MAX_ELEMENTS, trailingStatus } from '../../main/protocols/ndr/reader.ts';
import { DecodeError } from '../../main/util/cursor.ts';
import { NdrWriter } from './ndr-writer.ts';

const SYNTAXES = [false, true] as const;
const name = (ndr64: boolean) => (ndr64 ? 'NDR64' : 'NDR');

/** An array of two {u32 id; RPC_UNICODE_STRING name} followed by a u32 trailer: a typical SAMR answer shape. */
function entries(ndr64: boolean, le = true): Buffer {
  const w = new NdrWriter(ndr64, le);
  w.count(2);
  w.alignPtr().u32(500).ustringHeader('Administrator');
  w.alignPtr().u32(501).ustringHeader('Guest');
  w.ustringBody('Administrator').ustringBody('Guest');
  return w.u32(0xc0000022).done();
}

function readEntries(buf: Buffer, ndr64: boolean, le = true): { rid: number; name: string }[] {
  const r = new NdrReader(buf, ndr64, le);
  const out = r.param(() =>
    r.conformantArray(8, () => {
      r.alignPtr();
      const e = { rid: r.u32(), name: '' };
      r.unicodeString((s) => (e.name = s));
      return e;
    }),
  );
  assert.equal(r.u32(), 0xc0000022);
  assert.equal(r.remaining, 0);
  return out;
}

for (const ndr64 of SYNTAXES) {
  test(`${name(ndr64)}: embedded strings come after the array, in pointer order`, () => {
    assert.deepEqual(readEntries(entries(ndr64), ndr64), [
      { rid: 500, name: 'Administrator' },
      { rid: 501, name: 'Guest' },
    ]);
  });

  test(`${name(ndr64)}: big-endian data representation`, () => {
    assert.deepEqual(readEntries(entries(ndr64, false), ndr64, false)[1], { rid: 501, name: 'Guest' });
  });

  test(`${name(ndr64)}: truncation at every offset is a DecodeError, never another error`, () => {
    const buf = entries(ndr64);
    for (let n = 0; n < buf.length - 4; n++) {
      assert.throws(() => readEntries(buf.subarray(0, n), ndr64), DecodeError, `cut at ${n}`);
    }
  });

  test(`${name(ndr64)}: a referent's own referents come right after it (depth first)`, () => {
    // struct { A* a; B* b } with A { RPC_UNICODE_STRING x }: order on the wire is A, x, B.
    const w = new NdrWriter(ndr64);
    w.alignPtr().ptr(true).ptr(true);
    w.ustringHeader('x').ustringBody('x');
    w.u32(7);
    const r = new NdrReader(w.done(), ndr64);
    const order: string[] = [];
    r.param(() => {
      r.alignPtr();
      r.deferUnique(() => r.unicodeString((s) => order.push(`a.${s}`)));
      r.deferUnique(() => order.push(`b.${r.u32()}`));
    });
    assert.deepEqual(order, ['a.x', 'b.7']);
  });

  test(`${name(ndr64)}: RPC_SID`, () => {
    const w = new NdrWriter(ndr64).sid('S-1-5-21-1-2-3-512');
    assert.equal(new NdrReader(w.done(), ndr64).sid(), 'S-1-5-21-1-2-3-512');
    const bad = new NdrWriter(ndr64).count(3).align(4).u8(1).u8(200).raw([0, 0, 0, 0, 0, 5]).done();
    assert.throws(() => new NdrReader(bad, ndr64).sid(), DecodeError);
  });

  test(`${name(ndr64)}: absurd counts are refused before anything is allocated`, () => {
    const huge = new NdrWriter(ndr64).count(ndr64 ? 2 ** 52 : 0xffffffff).done();
    assert.throws(() => new NdrReader(huge, ndr64).conformantArray(4, () => 0), /over cap/);
    const big = new NdrWriter(ndr64).count(NDR_MAX_ELEMENTS).done();
    assert.throws(() => new NdrReader(big, ndr64).conformantArray(4, () => 0), /needs \d+ bytes/);
    const str = new NdrWriter(ndr64).count(0x7fffffff).count(0).count(0x7fffffff).done();
    assert.throws(() => new NdrReader(str, ndr64).varyingWString(), DecodeError);
  });

  test(`${name(ndr64)}: varying offset + actual beyond max is an error`, () => {
    const w = new NdrWriter(ndr64).count(2).count(1).count(2).done();
    assert.throws(() => new NdrReader(w, ndr64).varyingHeader(), /offset 1 \+ actual 2 > max 2/);
  });

  test(`${name(ndr64)}: full pointers that repeat an id are read once (no loop)`, () => {
    // 1000 full pointers all naming referent 0x20004, then its one u32 referent.
    const w = new NdrWriter(ndr64);
    for (let i = 0; i < 1000; i++) w.ptr(true, 0x20004);
    w.u32(42);
    const r = new NdrReader(w.done(), ndr64);
    let reads = 0;
    for (let i = 0; i < 1000; i++) r.deferFull(() => (reads += r.u32()));
    r.flush();
    assert.equal(reads, 42);
    assert.equal(r.remaining, 0);
  });

  test(`${name(ndr64)}: a null pointer has no referent`, () => {
    const r = new NdrReader(new NdrWriter(ndr64).ptr(false).u32(9).done(), ndr64);
    assert.equal(
      r.topUnique(() => r.u32()),
      null,
    );
    assert.equal(r.u32(), 9);
  });
}

test('pointer and count sizes differ between NDR and NDR64', () => {
  assert.equal(new NdrWriter(false).u16(1).ptr(true).length, 8); // 2 + pad 2 + 4
  assert.equal(new NdrWriter(true).u16(1).ptr(true).length, 16); // 2 + pad 6 + 8
  const r = new NdrReader(Buffer.from([1, 0, 0, 0]), false);
  assert.equal(r.enumValue(), 1);
  assert.equal(r.pos, 2, 'NDR enums are 16-bit');
  const r64 = new NdrReader(Buffer.from([1, 0, 0, 0]), true);
  assert.equal(r64.enumValue(), 1);
  assert.equal(r64.pos, 4, 'NDR64 enums are 32-bit');
});

test('trailingStatus reads the last word, null when too short', () => {
  assert.equal(trailingStatus(Buffer.from([9, 9, 5, 0, 0, 0])), 5);
  assert.equal(trailingStatus(Buffer.from([0, 0, 0, 5]), false), 5);
  assert.equal(trailingStatus(Buffer.from([1, 2])), null);
});

test('strings longer than the cap are refused', () => {
  const w = new NdrWriter(false).count(40_000).count(0).count(40_000).done();
  assert.throws(() => new NdrReader(w, false).varyingWString(), /over cap/);
});
