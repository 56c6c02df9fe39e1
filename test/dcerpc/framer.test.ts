/** StreamFramer: any chunking gives the same messages; long messages are cut and skipped; bad headers resync; memory stays bounded. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StreamFramer } from '../../main/protocols/dcerpc/stream-framer.ts';
import { NBSS_FRAMING } from '../../main/protocols/smb/netbios.ts';
import { RPC_FRAMING } from '../../main/protocols/dcerpc/framing.ts';
import { PTYPE } from '../../main/protocols/dcerpc/pdu.ts';
import { pdu, requestBody } from './support/build.ts';

function nbss(payload: Buffer): Buffer {
  const h = Buffer.alloc(4);
  h.writeUInt32BE(payload.length);
  return Buffer.concat([h, payload]);
}
const smb2 = (n: number): Buffer => Buffer.concat([Buffer.from([0xfe, 0x53, 0x4d, 0x42]), Buffer.alloc(n, 7)]);

function collect(framer: StreamFramer, chunks: Buffer[]) {
  const out: { msg: string; length: number; truncated: boolean }[] = [];
  const errors: string[] = [];
  for (const c of chunks) framer.push(c, (m, length, truncated) => out.push({ msg: m.toString('hex'), length, truncated }), (r) => errors.push(r));
  return { out, errors };
}

const split = (b: Buffer, n: number): Buffer[] => Array.from({ length: Math.ceil(b.length / n) }, (_, i) => b.subarray(i * n, i * n + n));

test('the same messages whatever the chunking (NetBIOS and DCE/RPC framing)', () => {
  const nb = Buffer.concat([nbss(smb2(10)), nbss(smb2(300)), Buffer.from([0x85, 0, 0, 0]), nbss(smb2(1))]);
  const rpc = Buffer.concat([pdu(PTYPE.request, 1, requestBody(0, 1, Buffer.alloc(33))), pdu(PTYPE.request, 2, requestBody(0, 2, Buffer.alloc(2)))]);
  for (const [spec, stream, count] of [[NBSS_FRAMING, nb, 4], [RPC_FRAMING, rpc, 2]] as const) {
    const whole = collect(new StreamFramer(spec), [stream]).out;
    assert.equal(whole.length, count);
    for (const n of [1, 2, 5, 13, 100]) assert.deepEqual(collect(new StreamFramer(spec), split(stream, n)).out, whole, `chunks of ${n}`);
  }
});

test('a message over the cap is delivered cut to its prefix, the rest skipped without buffering', () => {
  const big = nbss(smb2(NBSS_FRAMING.maxMessage + 10));
  const after = nbss(smb2(3));
  const { out, errors } = collect(new StreamFramer(NBSS_FRAMING), [...split(Buffer.concat([big, after]), 65536)]);
  assert.deepEqual(errors, []);
  assert.equal(out.length, 2);
  assert.equal(out[0]!.truncated, true);
  assert.equal(out[0]!.msg.length / 2, NBSS_FRAMING.truncatedPrefix);
  assert.equal(out[0]!.length, big.length);
  assert.deepEqual(out[1], { msg: after.toString('hex'), length: after.length, truncated: false });
});

test('a bad header is reported and the framer resyncs on the next plausible message', () => {
  const { out, errors } = collect(new StreamFramer(NBSS_FRAMING), [Buffer.concat([Buffer.from('4142434445464748', 'hex'), nbss(smb2(4))])]);
  assert.equal(errors.length, 1);
  assert.equal(out.length, 1);
});

test('after a gap, bytes up to the next message start are dropped', () => {
  const f = new StreamFramer(RPC_FRAMING);
  const p = pdu(PTYPE.request, 1, requestBody(0, 1, Buffer.alloc(20)));
  const first = collect(f, [p.subarray(0, 20)]);
  f.gap();
  const second = collect(f, [Buffer.concat([p.subarray(20), p])]);
  assert.equal(first.out.length + second.out.length, 1);
  assert.deepEqual(second.errors, []);
});

test('garbage without any message start holds at most syncSize bytes', () => {
  const f = new StreamFramer(NBSS_FRAMING);
  f.gap();
  for (let i = 0; i < 1000; i++) collect(f, [Buffer.alloc(1000, 0x41)]);
  // One more valid message right after the garbage is still found.
  assert.equal(collect(f, [nbss(smb2(2))]).out.length, 1);
});
