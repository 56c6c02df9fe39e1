/**
 * SMB1 dialogue over built messages (MS-CIFS): plain NT LM 0.12 session setup chained (AndX) with
 * TREE_CONNECT_ANDX, NT_CREATE_ANDX on a pipe, TRANSACTION TransactNmPipe carrying DCE/RPC, and
 * malformed input (cuts at every offset, AndX loops, random bytes). Real SMB1 WRITE_ANDX / READ_ANDX
 * traffic is compared with tshark in corpus.test.ts (captures/rpcclient-smb1-smb2.pcap).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SmbConnection } from '../../main/protocols/smb/connection.ts';
import { PTYPE } from '../../main/protocols/dcerpc/pdu.ts';
import { recordingContext } from '../dcerpc/support/fake-context.ts';
import { RecordingInterfaces } from '../dcerpc/support/drive.ts';
import { bindAckBody, bindBody, pdu, requestBody, responseBody } from '../dcerpc/support/build.ts';
import { nbss } from './build.ts';

const SRVSVC = '4b324fc8-1670-01d3-1278-5a47bf6ee188';
const u16 = (v: number): Buffer => Buffer.from([v & 0xff, v >> 8]);
const u32 = (v: number): Buffer => Buffer.from([v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >>> 24]);
const uni = (s: string): Buffer => Buffer.from(s + '\0', 'utf16le');

interface Block {
  command: number;
  /** Words after the AndX header (for AndX commands) or all words. */
  words: (bytesAt: number) => Buffer;
  bytes: (at: number) => Buffer;
  andx: boolean;
}

/** MS-CIFS §2.2.3.1 header + blocks, AndX offsets computed; `tweak` may edit the result. */
function smb1(o: { reply?: boolean; tid?: number; mid: number; status?: number }, blocks: Block[]): Buffer {
  const h = Buffer.alloc(32);
  h.writeUInt32BE(0xff534d42, 0);
  h[4] = blocks[0]!.command;
  h.writeUInt32LE(o.status ?? 0, 5);
  h[9] = o.reply ? 0x80 : 0;
  h.writeUInt16LE(0xc000, 10); // Unicode, NT status
  h.writeUInt16LE(o.tid ?? 0, 24);
  h.writeUInt16LE(1234, 26);
  h.writeUInt16LE(o.mid, 30);
  const parts: Buffer[] = [h];
  let at = 32;
  const andxAt: number[] = [];
  for (const b of blocks) {
    // Words length does not depend on where the bytes land: build once with a provisional offset.
    const wordsLen = b.words(0).length + (b.andx ? 4 : 0);
    const bytesAt = at + 1 + wordsLen + 2;
    const words = Buffer.concat([b.andx ? Buffer.from([0xff, 0, 0, 0]) : Buffer.alloc(0), b.words(bytesAt)]);
    const bytes = b.bytes(bytesAt);
    andxAt.push(at + 1);
    parts.push(Buffer.from([words.length / 2]), words, u16(bytes.length), bytes);
    at = bytesAt + bytes.length;
  }
  const msg = Buffer.concat(parts);
  let next = 32;
  blocks.forEach((b, i) => {
    const size = 1 + msg[next]! * 2 + 2 + msg.readUInt16LE(next + 1 + msg[next]! * 2);
    const following = blocks[i + 1];
    if (b.andx && following) {
      msg[andxAt[i]!] = following.command;
      msg.writeUInt16LE(next + size, andxAt[i]! + 2);
    }
    next += size;
  });
  return msg;
}

const pad = (at: number): Buffer => Buffer.alloc(at % 2);
const sessionSetupPlain: Block = {
  command: 0x73, andx: true,
  words: () => Buffer.concat([u16(4356), u16(50), u16(0), u32(0), u16(24), u16(24), u32(0), u32(0xd4)]),
  bytes: (at) => {
    const pw = Buffer.alloc(48, 0x11);
    return Buffer.concat([pw, pad(at + 48), uni('bob'), uni('CORP'), uni('Unix'), uni('Samba')]);
  },
};
const treeConnect: Block = {
  command: 0x75, andx: true,
  words: () => Buffer.concat([u16(0), u16(1)]),
  bytes: (at) => Buffer.concat([Buffer.from([0]), pad(at + 1), uni('\\\\DC01\\IPC$'), Buffer.from('?????\0', 'latin1')]),
};
const treeConnectResp: Block = { command: 0x75, andx: true, words: () => u16(0), bytes: () => Buffer.from('IPC\0', 'latin1') };
const sessionSetupResp: Block = { command: 0x73, andx: true, words: () => u16(0), bytes: () => Buffer.alloc(0) };
const ntCreate = (name: string): Block => ({
  command: 0xa2, andx: true,
  words: () => Buffer.concat([Buffer.from([0]), u16(name.length * 2), u32(0), u32(0), u32(0x2019f), Buffer.alloc(8), u32(0), u32(3), u32(1), u32(0), u32(2), Buffer.from([0])]),
  bytes: (at) => Buffer.concat([pad(at), uni(name)]),
});
const ntCreateResp = (fid: number): Block => ({ command: 0xa2, andx: true, words: () => Buffer.concat([Buffer.from([0]), u16(fid), Buffer.alloc(61)]), bytes: () => Buffer.alloc(0) });
/* TRANSACTION request: data placed after the name "\PIPE\" (unicode, aligned). */
const transact = (fid: number, data: Buffer): Block => ({
  command: 0x25, andx: false,
  words: (bytesAt) => {
    const nameEnd = bytesAt + ((bytesAt % 2) ? 1 : 0) + uni('\\PIPE\\').length;
    const dataAt = nameEnd + ((4 - (nameEnd % 4)) % 4);
    return Buffer.concat([u16(0), u16(data.length), u16(0), u16(4280), Buffer.from([0, 0]), u16(0), u32(0), u16(0), u16(0), u16(dataAt), u16(data.length), u16(dataAt), Buffer.from([2, 0]), u16(0x26), u16(fid)]);
  },
  bytes: (at) => {
    const name = Buffer.concat([pad(at), uni('\\PIPE\\')]);
    const end = at + name.length;
    return Buffer.concat([name, Buffer.alloc((4 - (end % 4)) % 4), data]);
  },
});
const transactResp = (data: Buffer): Block => ({
  command: 0x25, andx: false,
  words: (bytesAt) => {
    const dataAt = bytesAt + ((4 - (bytesAt % 4)) % 4);
    return Buffer.concat([u16(0), u16(data.length), u16(0), u16(0), u16(dataAt), u16(0), u16(data.length), u16(dataAt), u16(0), Buffer.from([0, 0])]);
  },
  bytes: (at) => Buffer.concat([Buffer.alloc((4 - (at % 4)) % 4), data]),
});

function conn() {
  const ctx = recordingContext();
  const interfaces = new RecordingInterfaces();
  const c = new SmbConnection({ transport: 'tcp', clientIp: '10.1.1.5', clientPort: 50001, serverIp: '10.1.1.1', serverPort: 445 }, ctx, interfaces);
  let frame = 1;
  const send = (fromClient: boolean, m: Buffer) => c.onData(fromClient, nbss(m), { frame: frame++, ts: frame });
  return { ctx, interfaces, c, send };
}

const bind = pdu(PTYPE.bind, 1, bindBody([{ id: 0, uuid: SRVSVC, version: 3 }]));
const ack = pdu(PTYPE.bindAck, 1, bindAckBody([{ result: 0 }], '\\PIPE\\srvsvc'));
const sessEnum = pdu(PTYPE.request, 2, requestBody(0, 12, Buffer.alloc(24, 1)));
const sessEnumResp = pdu(PTYPE.response, 2, responseBody(0, Buffer.alloc(24, 2)));

const dialogue: [boolean, Buffer][] = [
  [true, smb1({ mid: 1 }, [sessionSetupPlain, treeConnect])],
  [false, smb1({ mid: 1, reply: true, tid: 7 }, [sessionSetupResp, treeConnectResp])],
  [true, smb1({ mid: 2, tid: 7 }, [ntCreate('\\srvsvc')])],
  [false, smb1({ mid: 2, tid: 7, reply: true }, [ntCreateResp(0x4001)])],
  [true, smb1({ mid: 3, tid: 7 }, [transact(0x4001, bind)])],
  [false, smb1({ mid: 3, tid: 7, reply: true }, [transactResp(ack)])],
  [true, smb1({ mid: 4, tid: 7 }, [transact(0x4001, sessEnum)])],
  [false, smb1({ mid: 4, tid: 7, reply: true }, [transactResp(sessEnumResp)])],
];

test('plain session setup + tree connect (AndX), NT_CREATE_ANDX, TransactNmPipe: the call reaches SRVSVC', () => {
  const s = conn();
  for (const [fromClient, m] of dialogue) s.send(fromClient, m);
  assert.deepEqual(s.ctx.decodeErrors, []);
  assert.deepEqual(s.ctx.userHistory.map((u) => u.user), [{ name: 'bob', domain: 'CORP', source: 'smb1' }]);
  assert.deepEqual(s.interfaces.calls.map((c) => [c.opnum, c.assoc.pipe, c.interfaceVersion, c.responseStub?.length]), [[12, 'srvsvc', 3, 24]]);
});

test('every message cut at every offset: no throw, and a cut header is a counted error', () => {
  for (let k = 0; k < dialogue.length; k++) {
    const [fromClient, m] = dialogue[k]!;
    for (let i = 1; i < m.length; i++) {
      const s = conn();
      for (const [f, prev] of dialogue.slice(0, k)) s.send(f, prev);
      s.send(fromClient, m.subarray(0, i));
      if (i < 33) assert.equal(s.ctx.decodeErrors.length, 1, `message ${k} cut at ${i}`);
    }
  }
});

test('an AndX offset pointing backwards is an error, not a loop', () => {
  const s = conn();
  const m = smb1({ mid: 1 }, [sessionSetupPlain, treeConnect]);
  m.writeUInt16LE(32, 32 + 3); // first block's AndXOffset -> itself
  s.send(true, m);
  assert.equal(s.ctx.decodeErrors.length, 1);
});

test('random bytes after an SMB1 protocol id: never a throw', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 4, maxLength: 200 }), fc.boolean(), fc.constantFrom(0x25, 0x2e, 0x2f, 0x73, 0x75, 0xa2, 0x04), (bytes, fromClient, cmd) => {
      const s = conn();
      const b = Buffer.from(bytes);
      b.writeUInt32BE(0xff534d42, 0);
      if (b.length > 4) b[4] = cmd;
      if (b.length > 9) b[9] = fromClient ? 0 : 0x80;
      s.send(fromClient, b);
    }),
    { numRuns: 2000 },
  );
});
