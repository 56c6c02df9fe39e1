/** C706 PDU decoders: fields, auth trailer, and malformed input (truncation at every offset, absurd lengths, random bytes). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Cursor, DecodeError } from '../../main/util/cursor.ts';
import { decodeFault, decodeRequest, decodeResponse, decodeRpcHeader, PTYPE } from '../../main/protocols/dcerpc/pdu.ts';
import { decodeBind, decodeBindAck } from '../../main/protocols/dcerpc/bind.ts';
import { NDR64_SYNTAX } from '../../main/protocols/dcerpc/interface.ts';
import { bindAckBody, bindBody, faultBody, pdu, requestBody, responseBody } from './support/build.ts';

const SAMR = '12345778-1234-abcd-ef00-0123456789ac';

function decodeAny(buf: Buffer): unknown {
  const h = decodeRpcHeader(new Cursor(buf));
  switch (h.ptype) {
    case PTYPE.request: return decodeRequest(buf, h);
    case PTYPE.response: return decodeResponse(buf, h);
    case PTYPE.fault: return decodeFault(buf, h);
    case PTYPE.bind: case PTYPE.alterContext: return decodeBind(buf, h);
    case PTYPE.bindAck: case PTYPE.alterContextResp: return decodeBindAck(buf, h);
    default: return h;
  }
}

test('request: header fields, opnum, context, stub without auth pad and trailer', () => {
  const stub = Buffer.from('0102030405', 'hex');
  const buf = pdu(PTYPE.request, 7, requestBody(3, 13, stub), 0x03, { level: 5 });
  const h = decodeRpcHeader(new Cursor(buf));
  assert.deepEqual({ ptype: h.ptype, callId: h.callId, le: h.le, frag: h.fragLength, auth: h.authLength }, { ptype: 0, callId: 7, le: true, frag: buf.length, auth: 16 });
  const r = decodeRequest(buf, h);
  assert.equal(r.opnum, 13);
  assert.equal(r.contextId, 3);
  assert.deepEqual(r.stub, stub);
  assert.equal(r.auth?.authLevel, 5);
});

test('request with PFC_OBJECT_UUID skips the object uuid', () => {
  const stub = Buffer.from('aabb', 'hex');
  const body = requestBody(1, 2, Buffer.concat([Buffer.alloc(16, 0x11), stub]));
  const r = decodeRequest(pdu(PTYPE.request, 1, body, 0x83), decodeRpcHeader(new Cursor(pdu(PTYPE.request, 1, body, 0x83))));
  assert.deepEqual(r.stub, stub);
});

test('response and fault', () => {
  const resp = pdu(PTYPE.response, 9, responseBody(1, Buffer.from('cafe', 'hex')));
  assert.deepEqual(decodeResponse(resp, decodeRpcHeader(new Cursor(resp))).stub, Buffer.from('cafe', 'hex'));
  const fault = pdu(PTYPE.fault, 9, faultBody(1, 0x1c010003));
  assert.equal(decodeFault(fault, decodeRpcHeader(new Cursor(fault))).status, 0x1c010003);
});

test('bind and bind_ack: contexts, versions, transfer syntaxes, positional results', () => {
  const bind = pdu(PTYPE.bind, 2, bindBody([{ id: 0, uuid: SAMR }, { id: 1, uuid: SAMR, transfers: [NDR64_SYNTAX] }]));
  const b = decodeBind(bind, decodeRpcHeader(new Cursor(bind)));
  assert.deepEqual(b.contexts.map((c) => [c.contextId, c.abstract.uuid, c.abstract.version, c.transfers[0]?.uuid]), [
    [0, SAMR, 1, '8a885d04-1ceb-11c9-9fe8-08002b104860'],
    [1, SAMR, 1, NDR64_SYNTAX],
  ]);
  const ack = pdu(PTYPE.bindAck, 2, bindAckBody([{ result: 2 }, { result: 0, transfer: NDR64_SYNTAX }]));
  const a = decodeBindAck(ack, decodeRpcHeader(new Cursor(ack)));
  assert.equal(a.secondaryAddress, '\\PIPE\\samr');
  assert.deepEqual(a.results.map((r) => [r.result, r.transfer.uuid]), [[2, '8a885d04-1ceb-11c9-9fe8-08002b104860'], [0, NDR64_SYNTAX]]);
});

test('header rejects wrong version, unknown PTYPE, frag_length < 16, auth_length beyond the PDU', () => {
  const good = pdu(PTYPE.request, 1, requestBody(0, 0, Buffer.alloc(8)));
  const bad = (patch: (b: Buffer) => void): Buffer => {
    const b = Buffer.from(good);
    patch(b);
    return b;
  };
  assert.throws(() => decodeRpcHeader(new Cursor(bad((b) => (b[0] = 4)))), DecodeError);
  assert.throws(() => decodeRpcHeader(new Cursor(bad((b) => (b[2] = 99)))), DecodeError);
  assert.throws(() => decodeRpcHeader(new Cursor(bad((b) => b.writeUInt16LE(12, 8)))), DecodeError);
  assert.throws(() => decodeRpcHeader(new Cursor(bad((b) => b.writeUInt16LE(0xfff0, 10)))), DecodeError);
  // auth_pad_length larger than the body: clamped, the stub is empty rather than read from before the body.
  const padded = pdu(PTYPE.request, 1, requestBody(0, 0, Buffer.alloc(4)), 0x03, { level: 2, pad: 0 });
  padded[padded.length - 16 - 8 + 2] = 200;
  assert.equal(decodeRequest(padded, decodeRpcHeader(new Cursor(padded))).stub.length, 0);
});

test('every PDU type cut at every offset throws DecodeError, never anything else', () => {
  const samples = [
    pdu(PTYPE.request, 1, requestBody(0, 5, Buffer.alloc(12, 1)), 0x03, { level: 6 }),
    pdu(PTYPE.response, 1, responseBody(0, Buffer.alloc(12, 2))),
    pdu(PTYPE.fault, 1, faultBody(0, 5)),
    pdu(PTYPE.bind, 1, bindBody([{ id: 0, uuid: SAMR }, { id: 1, uuid: SAMR, transfers: [NDR64_SYNTAX] }])),
    pdu(PTYPE.bindAck, 1, bindAckBody([{ result: 0 }, { result: 2 }])),
  ];
  for (const s of samples) {
    assert.doesNotThrow(() => decodeAny(s));
    for (let i = 0; i < s.length; i++) assert.throws(() => decodeAny(s.subarray(0, i)), DecodeError, `cut at ${i}`);
  }
});

test('a bind_ack whose context count outruns the PDU, and an absurd sec_addr length, are DecodeErrors', () => {
  const ack = pdu(PTYPE.bindAck, 1, bindAckBody([{ result: 0 }]));
  const lying = Buffer.from(ack);
  lying[40] = 200; // n_results: 16 header + 10 fixed + 11 "\PIPE\samr\0" + 3 pad
  assert.throws(() => decodeAny(lying), DecodeError);
  const addr = Buffer.from(ack);
  addr.writeUInt16LE(4000, 16 + 8);
  assert.throws(() => decodeAny(addr), DecodeError);
});

test('random bytes: only DecodeError', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), fc.constantFrom(0, 2, 3, 11, 12, 14, 15), (bytes, ptype) => {
      const b = Buffer.from(bytes);
      if (b.length >= 16) {
        b[0] = 5;
        b[1] = 0;
        b[2] = ptype;
        b[4] = 0x10;
      }
      try {
        decodeAny(b);
      } catch (e) {
        if (!(e instanceof DecodeError)) throw e;
      }
    }),
    { numRuns: 3000 },
  );
});
