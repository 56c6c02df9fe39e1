/**
 * SMB2 dialogue over built messages: session users, pipes (tree IPC$, CREATE, WRITE/READ,
 * IOCTL transceive, CLOSE), compound chains with related file ids, async STATUS_PENDING, SMB3
 * transforms, and malformed input cut at every offset.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SmbConnection } from '../../main/protocols/smb/connection.ts';
import { PTYPE } from '../../main/protocols/dcerpc/pdu.ts';
import { recordingContext } from '../dcerpc/support/fake-context.ts';
import { RecordingInterfaces } from '../dcerpc/support/drive.ts';
import { bindAckBody, bindBody, pdu, requestBody, responseBody } from '../dcerpc/support/build.ts';
import {
  RELATED, closeReq, closeResp, compound, createReq, createResp, errorResp, fileId, ioctlReq, ioctlResp, kerberosApReqToken, nbss,
  ntlmAuthenticate, readReq, readResp, sessionSetupReq, smb2, spnegoResp, treeConnectReq, treeConnectResp, writeReq, writeResp,
} from './build.ts';

const SAMR = '12345778-1234-abcd-ef00-0123456789ac';
const C = { SESSION_SETUP: 1, TREE_CONNECT: 3, CREATE: 5, CLOSE: 6, READ: 8, WRITE: 9, IOCTL: 11 };
const PENDING = 0x103;

function conn(serverPort = 445) {
  const ctx = recordingContext();
  const interfaces = new RecordingInterfaces();
  const c = new SmbConnection({ transport: 'tcp', clientIp: '10.0.0.5', clientPort: 50000, serverIp: '10.0.0.1', serverPort }, ctx, interfaces);
  let frame = 1;
  const send = (fromClient: boolean, ...msgs: Buffer[]) => c.onData(fromClient, Buffer.concat(msgs.map((m) => nbss(m))), { frame: frame++, ts: frame * 1000 });
  return { ctx, interfaces, c, send };
}

const bind = pdu(PTYPE.bind, 1, bindBody([{ id: 0, uuid: SAMR }]));
const bindAck = pdu(PTYPE.bindAck, 1, bindAckBody([{ result: 0 }]));
const request = (callId: number, opnum: number) => pdu(PTYPE.request, callId, requestBody(0, opnum, Buffer.alloc(8, opnum)));
const response = (callId: number) => pdu(PTYPE.response, callId, responseBody(0, Buffer.alloc(8, 0xee)));
const F = fileId(7);

/** Session setup, IPC$ tree 5, samr opened as file 7. */
function openedSamr() {
  const s = conn();
  s.send(true, smb2(C.SESSION_SETUP, { messageId: 1 }, sessionSetupReq(spnegoResp(ntlmAuthenticate('CORP', 'alice', 'WS01')))));
  s.send(true, smb2(C.TREE_CONNECT, { messageId: 2 }, treeConnectReq('\\\\dc01\\IPC$')));
  s.send(false, smb2(C.TREE_CONNECT, { messageId: 2, response: true, treeId: 5 }, treeConnectResp(2)));
  s.send(true, smb2(C.CREATE, { messageId: 3, treeId: 5 }, createReq('samr')));
  s.send(false, smb2(C.CREATE, { messageId: 3, treeId: 5, response: true }, createResp(F)));
  return s;
}

test('NTLMSSP AUTHENTICATE in SPNEGO names the session user and the workstation', () => {
  const s = openedSamr();
  assert.deepEqual(s.ctx.users.get('10.0.0.5>10.0.0.1'), { name: 'alice', domain: 'CORP', source: 'ntlmssp', workstation: 'WS01' });
  assert.deepEqual(s.ctx.names, [{ ip: '10.0.0.5', name: 'WS01', source: 'ntlmssp' }]);
});

test('pipe traffic: WRITE / READ and IOCTL transceive form the RPC streams; CLOSE hands on unanswered calls', () => {
  const s = openedSamr();
  s.send(true, smb2(C.WRITE, { messageId: 4, treeId: 5 }, writeReq(F, bind)));
  s.send(false, smb2(C.WRITE, { messageId: 4, treeId: 5, response: true }, writeResp(bind.length)));
  s.send(true, smb2(C.READ, { messageId: 5, treeId: 5 }, readReq(F)));
  s.send(false, smb2(C.READ, { messageId: 5, treeId: 5, response: true }, readResp(bindAck)));
  s.send(true, smb2(C.IOCTL, { messageId: 6, treeId: 5 }, ioctlReq(F, request(2, 64))));
  s.send(false, smb2(C.IOCTL, { messageId: 6, treeId: 5, response: true }, ioctlResp(F, response(2))));
  s.send(true, smb2(C.WRITE, { messageId: 7, treeId: 5 }, writeReq(F, request(3, 7))));
  assert.deepEqual(s.interfaces.calls.map((c) => c.opnum), [64]);
  assert.equal(s.interfaces.calls[0]?.assoc.pipe, 'samr');
  assert.equal(s.interfaces.calls[0]?.assoc.user.name, 'alice');
  s.send(true, smb2(C.CLOSE, { messageId: 8, treeId: 5 }, closeReq(F)));
  s.send(false, smb2(C.CLOSE, { messageId: 8, treeId: 5, response: true }, closeResp()));
  assert.deepEqual(s.interfaces.calls.map((c) => [c.opnum, c.responseStub === null]), [[64, false], [7, true]]);
  assert.deepEqual(s.ctx.decodeErrors, []);
});

test('compound CREATE + WRITE + READ with related file ids', () => {
  const s = conn();
  s.send(true, smb2(C.TREE_CONNECT, { messageId: 1 }, treeConnectReq('\\\\dc01\\IPC$')));
  s.send(false, smb2(C.TREE_CONNECT, { messageId: 1, response: true, treeId: 9 }, treeConnectResp(2)));
  s.send(true, compound([
    smb2(C.CREATE, { messageId: 2, treeId: 9 }, createReq('srvsvc')),
    smb2(C.WRITE, { messageId: 3, treeId: 9, related: true }, writeReq(RELATED, bind)),
    smb2(C.READ, { messageId: 4, treeId: 9, related: true }, readReq(RELATED)),
  ]));
  s.send(false, compound([
    smb2(C.CREATE, { messageId: 2, treeId: 9, response: true }, createResp(fileId(3))),
    smb2(C.WRITE, { messageId: 3, treeId: 9, response: true, related: true }, writeResp(bind.length)),
    smb2(C.READ, { messageId: 4, treeId: 9, response: true, related: true }, readResp(bindAck)),
  ]));
  s.send(true, smb2(C.IOCTL, { messageId: 5, treeId: 9 }, ioctlReq(fileId(3), request(2, 12))));
  s.send(false, smb2(C.IOCTL, { messageId: 5, treeId: 9, response: true }, ioctlResp(fileId(3), response(2))));
  assert.deepEqual(s.interfaces.calls.map((c) => [c.opnum, c.assoc.pipe]), [[12, 'srvsvc']]);
  assert.deepEqual(s.ctx.decodeErrors, []);
});

test('async: an interim STATUS_PENDING keeps the request; the final answer carries the data once', () => {
  const s = openedSamr();
  s.send(true, smb2(C.WRITE, { messageId: 4, treeId: 5 }, writeReq(F, bind)));
  s.send(true, smb2(C.READ, { messageId: 5, treeId: 5 }, readReq(F)));
  s.send(false, smb2(C.READ, { messageId: 5, response: true, asyncId: 77, status: PENDING }, errorResp()));
  s.send(false, smb2(C.READ, { messageId: 5, response: true, asyncId: 77 }, readResp(bindAck)));
  s.send(true, smb2(C.IOCTL, { messageId: 6, treeId: 5 }, ioctlReq(F, request(2, 5))));
  s.send(false, smb2(C.IOCTL, { messageId: 6, response: true, asyncId: 78, status: PENDING }, errorResp()));
  s.send(false, smb2(C.IOCTL, { messageId: 6, response: true, asyncId: 78 }, ioctlResp(F, response(2))));
  assert.deepEqual(s.interfaces.calls.map((c) => [c.opnum, c.responseStub?.length]), [[5, 8]]);
  assert.deepEqual(s.ctx.decodeErrors, []);
});

test('without the tree connect, known RPC pipe names are pipes; other files are not', () => {
  const s = conn();
  s.send(true, smb2(C.CREATE, { messageId: 1, treeId: 4 }, createReq('lsarpc')));
  s.send(false, smb2(C.CREATE, { messageId: 1, treeId: 4, response: true }, createResp(fileId(1))));
  s.send(true, smb2(C.CREATE, { messageId: 2, treeId: 4 }, createReq('report.docx')));
  s.send(false, smb2(C.CREATE, { messageId: 2, treeId: 4, response: true }, createResp(fileId(2))));
  assert.equal(s.c.pipes.has(fileId(1).toString('hex')), true);
  assert.equal(s.c.pipes.has(fileId(2).toString('hex')), false);
  // A file opened before the capture began, whose first written bytes are a DCE/RPC PDU: a pipe.
  s.send(true, smb2(C.WRITE, { messageId: 3, treeId: 4 }, writeReq(fileId(9), bind)));
  assert.equal(s.c.pipes.has(fileId(9).toString('hex')), true);
  // ... but a file seen opened as an ordinary file is never taken for one, whatever it holds.
  s.send(true, smb2(C.WRITE, { messageId: 4, treeId: 4 }, writeReq(fileId(2), bind)));
  assert.equal(s.c.pipes.has(fileId(2).toString('hex')), false);
});

test('Kerberos AP-REQ: "unknown (Kerberos)" unless a cifs ticket already named the user', () => {
  const s = conn();
  s.send(true, smb2(C.SESSION_SETUP, { messageId: 1 }, sessionSetupReq(kerberosApReqToken())));
  assert.deepEqual(s.ctx.users.get('10.0.0.5>10.0.0.1'), { name: null, domain: null, source: 'kerberos' });
  // The ticket's sname cifs/<host> names the server.
  assert.deepEqual(s.ctx.names, [{ ip: '10.0.0.1', name: 'DC01.corp.local', source: 'kerberos' }]);
  assert.deepEqual(s.ctx.decodeErrors, []);
  const t = conn();
  t.ctx.users.set('10.0.0.5>10.0.0.1', { name: 'carol', domain: 'CORP.LOCAL', source: 'kerberos-tgs' });
  t.send(true, smb2(C.SESSION_SETUP, { messageId: 1 }, sessionSetupReq(kerberosApReqToken())));
  assert.equal(t.ctx.users.get('10.0.0.5>10.0.0.1')?.name, 'carol');
});

test('SMB3 transform: one smb3Encrypted per frame, per direction; compression counted apart', () => {
  const s = conn();
  const transform = Buffer.concat([Buffer.from([0xfd, 0x53, 0x4d, 0x42]), Buffer.alloc(60)]);
  s.send(true, transform, transform);
  s.send(false, transform);
  s.send(true, Buffer.concat([Buffer.from([0xfc, 0x53, 0x4d, 0x42]), Buffer.alloc(12)]));
  assert.equal(s.ctx.blindSpots.get('smb3Encrypted 10.0.0.5>10.0.0.1'), 2);
  assert.equal(s.ctx.blindSpots.get('smbCompressed 10.0.0.5>10.0.0.1'), 1);
});

test('NetBIOS session request on 139 teaches both names', () => {
  const s = conn(139);
  const name = (n: string, suffix: number) => {
    const raw = Buffer.concat([Buffer.from(n.padEnd(15, ' '), 'latin1'), Buffer.from([suffix])]);
    const enc = [...raw].flatMap((b) => [0x41 + (b >> 4), 0x41 + (b & 15)]);
    return Buffer.from([0x20, ...enc, 0]);
  };
  s.c.onData(true, nbss(Buffer.concat([name('DC01', 0x20), name('WS07', 0)]), 0x81), { frame: 1, ts: 1 });
  assert.deepEqual(s.ctx.names.map((n) => [n.ip, n.name, n.source]), [['10.0.0.5', 'WS07', 'smb'], ['10.0.0.1', 'DC01', 'smb']]);
});

test('every message cut at every offset: counted decode errors, never a throw', () => {
  const msgs: [boolean, Buffer][] = [
    [true, smb2(C.SESSION_SETUP, { messageId: 1 }, sessionSetupReq(spnegoResp(ntlmAuthenticate('D', 'u', 'w'))))],
    [true, smb2(C.TREE_CONNECT, { messageId: 2 }, treeConnectReq('\\\\x\\IPC$'))],
    [true, smb2(C.CREATE, { messageId: 3 }, createReq('samr'))],
    [false, smb2(C.CREATE, { messageId: 3, response: true }, createResp(F))],
    [true, smb2(C.WRITE, { messageId: 4 }, writeReq(F, bind))],
    [true, smb2(C.READ, { messageId: 5 }, readReq(F))],
    [false, smb2(C.READ, { messageId: 5, response: true }, readResp(bindAck))],
    [true, smb2(C.IOCTL, { messageId: 6 }, ioctlReq(F, request(2, 1)))],
    [false, smb2(C.IOCTL, { messageId: 6, response: true }, ioctlResp(F, response(2)))],
    [true, compound([smb2(C.CREATE, { messageId: 7 }, createReq('samr')), smb2(C.WRITE, { messageId: 8, related: true }, writeReq(RELATED, bind))])],
  ];
  for (const [fromClient, m] of msgs) {
    for (let i = 0; i < m.length; i++) {
      const s = openedSamr();
      s.send(fromClient, m.subarray(0, i));
      if (i < 64) assert.equal(s.ctx.decodeErrors.length, i === 0 ? 0 : 1, `cut at ${i}`);
    }
  }
});

test('absurd lengths and offsets are decode errors', () => {
  const s = openedSamr();
  const w = smb2(C.WRITE, { messageId: 4, treeId: 5 }, writeReq(F, bind));
  w.writeUInt32LE(0xfffffff0, 64 + 4); // Length
  s.send(true, w);
  const next = smb2(C.CREATE, { messageId: 9 }, createReq('samr'));
  next.writeUInt32LE(0x7ffffff8, 20); // NextCommand beyond the message
  s.send(true, next);
  assert.deepEqual(s.ctx.decodeErrors.map((e) => e.protocol), ['smb2', 'smb2']);
});

test('random bytes after a valid NetBIOS header: never a throw', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 4, maxLength: 300 }), fc.boolean(), (bytes, fromClient) => {
      const s = openedSamr();
      const b = Buffer.from(bytes);
      b.writeUInt32BE(0xfe534d42, 0);
      s.send(fromClient, b);
    }),
    { numRuns: 2000 },
  );
});
