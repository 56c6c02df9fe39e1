/** EPM ept_map answers: towers to (IP, TCP port), NDR and NDR64, malformed input. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DecodeError } from '../../main/util/cursor.ts';
import { decodeEptMapResponse, decodeTower, epmInterface } from '../../main/protocols/dcerpc/epm.ts';
import type { RpcCall } from '../../main/protocols/dcerpc/interface.ts';
import { recordingContext } from './support/fake-context.ts';

function floor(lhs: number[], rhs: number[]): Buffer {
  const b = Buffer.alloc(4 + lhs.length + rhs.length);
  b.writeUInt16LE(lhs.length, 0);
  Buffer.from(lhs).copy(b, 2);
  b.writeUInt16LE(rhs.length, 2 + lhs.length);
  Buffer.from(rhs).copy(b, 4 + lhs.length);
  return b;
}
function tower(port: number, ip: number[]): Buffer {
  const floors = [floor([0x0d, ...Array(18).fill(1)], [0, 0]), floor([0x0b], [0, 0]), floor([0x07], [port >> 8, port & 0xff]), floor([0x09], ip)];
  const n = Buffer.alloc(2);
  n.writeUInt16LE(floors.length);
  return Buffer.concat([n, ...floors]);
}
function u32(v: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(v);
  return b;
}
/** NDR (32-bit) ept_map response with the given towers. */
function eptMapNdr(towers: Buffer[]): Buffer {
  const parts = [Buffer.alloc(20), u32(towers.length), u32(towers.length), u32(0), u32(towers.length), ...towers.map((_, i) => u32(0x20000 + i))];
  for (const t of towers) {
    parts.push(u32(t.length), u32(t.length), t);
    const used = parts.reduce((n, p) => n + p.length, 0);
    parts.push(Buffer.alloc((4 - (used % 4)) % 4));
  }
  parts.push(u32(0));
  return Buffer.concat(parts);
}

test('tower floors give TCP port and IPv4', () => {
  assert.deepEqual(decodeTower(tower(49668, [192, 168, 11, 11])), { tcpPort: 49668, ip: '192.168.11.11' });
});

test('ept_map response: every tower', () => {
  const stub = eptMapNdr([tower(53000, [10, 0, 0, 1]), tower(49664, [10, 0, 0, 1])]);
  assert.deepEqual(decodeEptMapResponse(stub, true, false).map((t) => t.tcpPort), [53000, 49664]);
});

test('handler learns ports; 0.0.0.0 means the server asked', () => {
  const ctx = recordingContext();
  const assoc = { clientIp: '10.0.0.5', serverIp: '10.0.0.9', transport: 'tcp' as const, pipe: null, user: { name: null, domain: null, source: 'unknown' as const } };
  const h = epmInterface.open(assoc);
  const call = { assoc, opnum: 3, responseStub: eptMapNdr([tower(50000, [0, 0, 0, 0])]), littleEndian: true, ndr64: false } as unknown as RpcCall;
  h.onCall(call, ctx);
  h.onCall({ ...call, opnum: 2 }, ctx);
  assert.deepEqual(ctx.rpcPorts, ['10.0.0.9:50000']);
});

test('cut at every offset, and absurd tower counts: DecodeError', () => {
  const stub = eptMapNdr([tower(53000, [10, 0, 0, 1])]);
  for (let i = 0; i < stub.length; i++) assert.throws(() => decodeEptMapResponse(stub.subarray(0, i), true, false), DecodeError, `cut at ${i}`);
  const absurd = Buffer.from(stub);
  absurd.writeUInt32LE(0xffffffff, 32); // actual_count
  absurd.writeUInt32LE(0xffffffff, 24); // max_count
  assert.throws(() => decodeEptMapResponse(absurd, true, false), DecodeError);
  const t = tower(1, [1, 2, 3, 4]);
  for (let i = 0; i < t.length; i++) assert.throws(() => decodeTower(t.subarray(0, i)), DecodeError);
});
