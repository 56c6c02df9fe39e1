/** TCP reassembly of one direction: reorder, overlap, retransmission, gaps, mid-stream start, limits. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TcpDirection, type DirectionCounters } from '../../main/flow/tcp-direction.ts';
import { newBudget, type BufferBudget } from '../../main/flow/limits.ts';

function direction(budget: BufferBudget = newBudget()) {
  const out: string[] = [];
  const counters: DirectionCounters = { retransmitted: 0, outOfOrder: 0, gaps: 0, gapBytes: 0 };
  const d = new TcpDirection({ data: (b) => out.push(b.toString()), gap: (n) => out.push(`<gap ${n}>`) }, budget, counters);
  return { d, out, counters, text: () => out.join('') };
}
const B = (s: string) => Buffer.from(s);
const seg = (d: TcpDirection, seq: number, s: string) => d.segment(seq >>> 0, B(s), s.length);

test('in order after a SYN', () => {
  const { d, text } = direction();
  d.syn(999);
  seg(d, 1000, 'abc');
  seg(d, 1003, 'def');
  assert.equal(text(), 'abcdef');
});

test('out of order segments wait and come out in order', () => {
  const { d, text, counters } = direction();
  d.syn(0);
  seg(d, 7, 'ghi');
  seg(d, 4, 'def');
  assert.equal(text(), '');
  seg(d, 1, 'abc');
  assert.equal(text(), 'abcdefghi');
  assert.equal(counters.outOfOrder, 2);
});

test('retransmissions are dropped, overlaps trimmed (first copy wins)', () => {
  const { d, text, counters } = direction();
  d.syn(0);
  seg(d, 1, 'abcd');
  seg(d, 1, 'abcd');
  seg(d, 3, 'XXef'); // overlaps "cd"
  seg(d, 2, 'b');
  assert.equal(text(), 'abcdef');
  assert.equal(counters.retransmitted, 2);
});

test('overlapping queued segments', () => {
  const { d, text } = direction();
  d.syn(0);
  seg(d, 5, 'efgh');
  seg(d, 3, 'cdEF');
  seg(d, 5, 'efgh');
  seg(d, 1, 'ab');
  assert.equal(text(), 'abcdEFgh');
});

test('capture started mid-stream: the first segment seen sets the start', () => {
  const { d, text } = direction();
  seg(d, 123456, 'mid');
  seg(d, 123459, 'dle');
  assert.equal(text(), 'middle');
});

test('a hole acknowledged by the receiver becomes a gap; the dissector is told its size', () => {
  const { d, out, counters } = direction();
  d.syn(0);
  seg(d, 1, 'ab');
  seg(d, 10, 'xyz');
  d.acked(5); // below the queued segment: still waiting
  assert.deepEqual(out, ['ab']);
  d.acked(13);
  assert.deepEqual(out, ['ab', '<gap 7>', 'xyz']);
  assert.equal(counters.gaps, 1);
  assert.equal(counters.gapBytes, 7);
});

test('the end of the connection flushes the queue with gaps', () => {
  const { d, out } = direction();
  d.syn(0);
  seg(d, 5, 'ef');
  seg(d, 10, 'j');
  d.flush();
  assert.deepEqual(out, ['<gap 4>', 'ef', '<gap 3>', 'j']);
});

test('a segment cut by the snaplen delivers what was captured, then a gap for the rest', () => {
  const { d, out } = direction();
  d.syn(0);
  d.segment(1, B('abc'), 10);
  seg(d, 11, 'k');
  assert.deepEqual(out, ['abc', '<gap 7>', 'k']);
});

test('sequence numbers wrap around 2^32', () => {
  const { d, text } = direction();
  d.syn(0xfffffffd);
  seg(d, 0xfffffffe, 'ab');
  seg(d, 0x00000001, 'd');
  seg(d, 0x00000000, 'c');
  assert.equal(text(), 'abcd');
});

test('FIN marks the direction finished once every byte before it arrived', () => {
  const { d } = direction();
  d.syn(0);
  seg(d, 4, 'def');
  d.fin(4, 3);
  assert.equal(d.finished, false);
  seg(d, 1, 'abc');
  assert.equal(d.finished, true);
});

test('buffered bytes are capped per direction and in total: the hole is given up, never memory', () => {
  const budget: BufferBudget = { used: 0, perDirection: 10, total: 15, maxSegments: 100 };
  const a = direction(budget);
  const b = direction(budget);
  a.d.syn(0);
  b.d.syn(0);
  seg(a.d, 5, '12345678'); // queued: 8
  seg(a.d, 20, 'abcdef'); // would be 14 > 10 per direction: flush with gaps
  assert.deepEqual(a.out, ['<gap 4>', '12345678', '<gap 7>', 'abcdef']);
  assert.equal(budget.used, 0);
  seg(a.d, 40, '0123456789'); // 10
  seg(b.d, 40, '0123456'); // total would be 17 > 15
  assert.ok(budget.used <= 15);
  assert.equal(b.out[0], '<gap 39>');
  a.d.flush();
  assert.equal(budget.used, 0);
});

test('property: any arrival order of the segments yields the stream exactly once', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 0xffffffff }), fc.array(fc.nat()), (sizes, isn, swaps) => {
      const text = sizes.map((n, i) => String.fromCharCode(97 + i).repeat(n)).join('');
      const segs: [number, string][] = [];
      let off = 0;
      for (const n of sizes) {
        segs.push([(isn + 1 + off) >>> 0, text.slice(off, off + n)]);
        off += n;
      }
      for (const s of swaps) {
        const i = s % segs.length;
        const j = (s >> 4) % segs.length;
        [segs[i], segs[j]] = [segs[j]!, segs[i]!];
      }
      const { d, text: got } = direction();
      d.syn(isn);
      for (const [seq, s] of [...segs, ...segs.slice(0, 2)]) seg(d, seq, s);
      d.flush();
      return got() === text;
    }),
  );
});
