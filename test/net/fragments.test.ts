/** IPv4 and IPv6 fragment reassembly: order, overlap, duplicates, limits (count, bytes, age). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PacketDecoder } from '../../main/net/decode.ts';
import { FragmentTable, MAX_AGE_US, MAX_DATAGRAMS } from '../../main/net/fragments.ts';
import { SkipCounter } from '../../main/capture/types.ts';
import { ethernet, ipv4, ipv6, packetOf, udpDatagram } from '../helpers/packets.ts';

const udp = udpDatagram({ src: '10.0.0.1', dst: '10.0.0.2', sport: 40000, dport: 88, payload: 'K'.repeat(60) });

function v4Fragments(id = 7): Buffer[] {
  // 68 bytes of UDP split at 24 and 48 (multiples of 8).
  return [0, 24, 48].map((off) => ethernet(ipv4('10.0.0.1', '10.0.0.2', 17, udp.subarray(off, Math.min(off + 24, udp.length)), { id, fragOffset: off, moreFragments: off + 24 < udp.length })));
}

function run(frames: Buffer[], ts = (i: number) => i) {
  const dec = new PacketDecoder(new SkipCounter());
  return frames.map((data, i) => {
    const p = dec.decode(packetOf(data, 1, i + 1, ts(i)));
    return p ? { dport: p.dstPort, payload: p.payload.toString() } : null;
  });
}

test('IPv4 fragments reassemble in any order, on the last one to arrive', () => {
  const f = v4Fragments();
  for (const order of [
    [0, 1, 2],
    [2, 1, 0],
    [1, 2, 0],
  ]) {
    const out = run(order.map((i) => f[i]!));
    assert.deepEqual(out.slice(0, 2), [null, null]);
    assert.deepEqual(out[2], { dport: 88, payload: 'K'.repeat(60) });
  }
});

test('duplicates and overlaps do not break reassembly', () => {
  const f = v4Fragments();
  const out = run([f[0]!, f[0]!, f[1]!, f[1]!, f[2]!]);
  assert.deepEqual(out[4], { dport: 88, payload: 'K'.repeat(60) });
  assert.equal(out.filter(Boolean).length, 1);
});

test('fragments of different datagrams (ids) do not mix', () => {
  const a = v4Fragments(1);
  const b = v4Fragments(2);
  const out = run([a[0]!, b[1]!, a[1]!, b[0]!, a[2]!, b[2]!]);
  assert.equal(out.filter(Boolean).length, 2);
});

test('IPv6 fragment header', () => {
  const frag = (off: number, more: boolean, data: Buffer) => {
    const h = Buffer.alloc(8);
    h[0] = 17;
    h.writeUInt16BE(off | (more ? 1 : 0), 2);
    h.writeUInt32BE(99, 4);
    return ethernet(ipv6('2001:db8::1', '2001:db8::2', 44, Buffer.concat([h, data])), 0x86dd);
  };
  const out = run([frag(32, false, udp.subarray(32)), frag(0, true, udp.subarray(0, 32))]);
  assert.deepEqual(out[1], { dport: 88, payload: 'K'.repeat(60) });
});

test('old incomplete datagrams expire; the table never holds more than its cap', () => {
  const t = new FragmentTable();
  for (let i = 0; i < MAX_DATAGRAMS + 50; i++) t.add(`k${i}`, Buffer.alloc(8), 17, 0, true, Buffer.alloc(16), 0);
  assert.equal(t.size, MAX_DATAGRAMS);
  assert.equal(t.dropped, 50);
  t.add('late', Buffer.alloc(8), 17, 0, true, Buffer.alloc(16), MAX_AGE_US + 1);
  assert.equal(t.size, 1);
  const f = v4Fragments();
  const out = run([f[0]!, f[1]!, f[2]!], (i) => (i === 2 ? MAX_AGE_US + 10 : 0));
  assert.deepEqual(out, [null, null, null]);
});

test('a fragment claiming to reach past 65535 bytes is dropped', () => {
  const t = new FragmentTable();
  assert.equal(t.add('x', Buffer.alloc(8), 17, 65528, false, Buffer.alloc(16), 0), null);
  assert.equal(t.dropped, 1);
  assert.equal(t.size, 0);
});
