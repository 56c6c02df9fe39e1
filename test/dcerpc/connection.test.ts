/**
 * RpcConnection: presentation contexts, call reassembly, faults, packet privacy, unanswered calls,
 * caps, gaps, and one handler per interface per association.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RpcConnection } from '../../main/protocols/dcerpc/connection.ts';
import { PTYPE } from '../../main/protocols/dcerpc/pdu.ts';
import { MAX_STUB } from '../../main/protocols/dcerpc/calls.ts';
import { NDR64_SYNTAX, type RpcAssociation, type RpcCall } from '../../main/protocols/dcerpc/interface.ts';
import { recordingContext } from './support/fake-context.ts';
import { bindAckBody, bindBody, faultBody, pdu, requestBody, responseBody } from './support/build.ts';
import { RecordingInterfaces } from './support/drive.ts';

const SAMR = '12345778-1234-abcd-ef00-0123456789ac';
const meta = (frame: number) => ({ frame, ts: frame * 1000 });

function setup() {
  const ctx = recordingContext();
  const interfaces = new RecordingInterfaces();
  const assoc: RpcAssociation = { clientIp: '10.0.0.5', serverIp: '10.0.0.1', transport: 'smb', pipe: 'samr', user: { name: null, domain: null, source: 'unknown' } };
  const rpc = new RpcConnection(assoc, ctx, interfaces);
  let frame = 1;
  const send = (fromClient: boolean, buf: Buffer) => rpc.onData(fromClient, buf, meta(frame++));
  return { ctx, interfaces, rpc, send, assoc };
}

function bound(ndr64 = false) {
  const s = setup();
  s.send(true, pdu(PTYPE.bind, 1, bindBody([{ id: 0, uuid: SAMR }, { id: 1, uuid: SAMR, transfers: [NDR64_SYNTAX] }])));
  s.send(false, pdu(PTYPE.bindAck, 1, bindAckBody(ndr64 ? [{ result: 2 }, { result: 0, transfer: NDR64_SYNTAX }] : [{ result: 0 }, { result: 2 }])));
  return s;
}

test('bind_ack settles contexts: accepted, rejected, NDR64', () => {
  const s = bound(true);
  assert.deepEqual(s.rpc.contexts.all().map((c) => [c.contextId, c.accepted, c.ndr64]), [[0, false, false], [1, true, true]]);
});

test('request + response reach the handler with stubs, opnum, frames and the session user', () => {
  const s = bound(true);
  s.ctx.sessionUsers.set('10.0.0.5', '10.0.0.1', { name: 'bob', domain: 'CORP', source: 'ntlmssp' });
  s.send(true, pdu(PTYPE.request, 2, requestBody(1, 13, Buffer.from('11223344', 'hex'))));
  s.send(false, pdu(PTYPE.response, 2, responseBody(1, Buffer.from('55667788', 'hex'))));
  const [call] = s.interfaces.calls as [RpcCall];
  assert.equal(s.interfaces.calls.length, 1);
  assert.deepEqual([call.opnum, call.callId, call.contextId, call.interfaceUuid, call.ndr64, call.sealed], [13, 2, 1, SAMR, true, false]);
  assert.deepEqual(call.requestStub, Buffer.from('11223344', 'hex'));
  assert.deepEqual(call.responseStub, Buffer.from('55667788', 'hex'));
  assert.deepEqual(call.frames, [3, 4]);
  assert.equal(call.assoc.user.name, 'bob');
});

test('fragments reassemble, whatever the byte-stream chunking', () => {
  const frags = [0x01, 0x00, 0x02].map((flags, i) => pdu(PTYPE.request, 5, requestBody(0, 7, Buffer.alloc(100, i + 1)), flags));
  const requests = Buffer.concat(frags);
  const response = pdu(PTYPE.response, 5, responseBody(0, Buffer.from('00000000', 'hex')));
  for (const chunk of [1, 3, 17, 64, requests.length]) {
    const s = bound();
    for (let i = 0; i < requests.length; i += chunk) s.send(true, requests.subarray(i, i + chunk));
    s.send(false, response);
    const call = s.interfaces.calls[0];
    assert.ok(call, `chunk ${chunk}`);
    assert.deepEqual(call.requestStub, Buffer.concat([Buffer.alloc(100, 1), Buffer.alloc(100, 2), Buffer.alloc(100, 3)]));
  }
});

test('a FAULT ends the call with its status and no response stub', () => {
  const s = bound();
  s.send(true, pdu(PTYPE.request, 3, requestBody(0, 17, Buffer.alloc(8))));
  s.send(false, pdu(PTYPE.fault, 3, faultBody(0, 0x1c010002)));
  assert.equal(s.interfaces.calls[0]?.faultStatus, 0x1c010002);
  assert.equal(s.interfaces.calls[0]?.responseStub, null);
});

test('packet privacy: stubs null, sealed, opnum known, one rpcEncrypted blind spot per PDU', () => {
  const s = bound();
  s.send(true, pdu(PTYPE.request, 4, requestBody(0, 12, Buffer.alloc(40, 9)), 0x01, { level: 6 }));
  s.send(true, pdu(PTYPE.request, 4, requestBody(0, 12, Buffer.alloc(40, 9)), 0x02, { level: 6 }));
  s.send(false, pdu(PTYPE.response, 4, responseBody(0, Buffer.alloc(40, 9)), 0x03, { level: 6 }));
  const call = s.interfaces.calls[0]!;
  assert.deepEqual([call.sealed, call.requestStub, call.responseStub, call.opnum, call.authLevel], [true, null, null, 12, 6]);
  assert.equal(s.ctx.blindSpots.get('rpcEncrypted 10.0.0.5>10.0.0.1'), 3);
});

test('integrity (level 5) stays readable', () => {
  const s = bound();
  s.send(true, pdu(PTYPE.request, 4, requestBody(0, 1, Buffer.from('abcd', 'hex')), 0x03, { level: 5 }));
  s.send(false, pdu(PTYPE.response, 4, responseBody(0, Buffer.from('ef01', 'hex')), 0x03, { level: 5 }));
  assert.deepEqual(s.interfaces.calls[0]?.requestStub, Buffer.from('abcd', 'hex'));
  assert.equal(s.ctx.blindSpots.size, 0);
});

test('a request without answer is handed on at end of stream', () => {
  const s = bound();
  s.send(true, pdu(PTYPE.request, 8, requestBody(0, 64, Buffer.alloc(4))));
  assert.equal(s.interfaces.calls.length, 0);
  s.rpc.end();
  assert.equal(s.interfaces.calls[0]?.opnum, 64);
  assert.equal(s.interfaces.calls[0]?.responseStub, null);
});

test('reassembly is capped (not by alloc_hint): over MAX_STUB the stub is dropped and counted', () => {
  const s = bound();
  const frag = Buffer.alloc(60000);
  const n = Math.ceil(MAX_STUB / frag.length) + 1;
  for (let i = 0; i < n; i++) s.send(true, pdu(PTYPE.request, 9, requestBody(0, 13, frag), i === 0 ? 0x01 : i === n - 1 ? 0x02 : 0));
  s.send(false, pdu(PTYPE.response, 9, responseBody(0, Buffer.alloc(4))));
  assert.equal(s.interfaces.calls[0]?.requestStub, null);
  assert.ok(s.ctx.decodeErrors.some((e) => e.reason === 'request stub over cap'));
});

test('after a gap the stream resyncs on the next PDU; garbage is counted, not fatal', () => {
  const s = bound();
  s.send(true, pdu(PTYPE.request, 10, requestBody(0, 1, Buffer.alloc(64))).subarray(0, 30));
  s.rpc.onGap(true);
  s.send(true, Buffer.concat([Buffer.alloc(7, 0x41), pdu(PTYPE.request, 11, requestBody(0, 2, Buffer.alloc(8)))]));
  s.send(false, pdu(PTYPE.response, 11, responseBody(0, Buffer.alloc(4))));
  assert.deepEqual(s.interfaces.calls.map((c) => c.opnum), [2]);
  s.send(true, Buffer.from('this is not dce/rpc at all'));
  assert.ok(s.ctx.decodeErrors.length > 0);
});

test('one handler instance per interface per association', () => {
  const s = bound();
  let opened = 0;
  const iface = { name: 'count', uuid: SAMR, open: () => (opened++, { onCall: () => undefined }) };
  const rpc = new RpcConnection(s.assoc, s.ctx, new Map([[SAMR, iface]]));
  rpc.onData(true, pdu(PTYPE.bind, 1, bindBody([{ id: 0, uuid: SAMR }])), meta(1));
  for (const id of [2, 3]) {
    rpc.onData(true, pdu(PTYPE.request, id, requestBody(0, 1, Buffer.alloc(4))), meta(id));
    rpc.onData(false, pdu(PTYPE.response, id, responseBody(0, Buffer.alloc(4))), meta(id));
  }
  assert.equal(opened, 1);
});

test('a call on a context never bound is a counted decode error', () => {
  const s = setup();
  s.send(true, pdu(PTYPE.request, 1, requestBody(4, 1, Buffer.alloc(4))));
  s.send(false, pdu(PTYPE.response, 1, responseBody(4, Buffer.alloc(4))));
  assert.equal(s.interfaces.calls.length, 0);
  assert.deepEqual(s.ctx.decodeErrors.map((e) => e.reason), ['call on an unknown presentation context']);
});
