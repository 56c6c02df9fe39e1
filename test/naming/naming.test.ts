import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProtocolModule } from '../../main/engine/dissector.ts';
import { namingModules } from '../../main/protocols/naming/index.ts';
import { decodeFirstLevel } from '../../main/protocols/naming/netbios-name.ts';
import { decodeDhcp } from '../../main/protocols/naming/dhcp.ts';
import { reverseNameToIp } from '../../main/protocols/naming/learn.ts';
import { DecodeError } from '../../main/util/cursor.ts';
import { FakeContext } from '../kerberos/support/fake-context.ts';
import { corpus, hasTshark, NO_TSHARK, readFrames, replay } from '../kerberos/support/replay.ts';
import { a, message, type RecordSpec } from '../dns/support/dns-builder.ts';

const T0 = 1_700_000_000_000_000;
const meta = (frame: number) => ({ frame, ts: T0 + frame });
const mod = (name: string): ProtocolModule => namingModules.find((m) => m.name === name)!;
const send = (m: ProtocolModule, ctx: FakeContext, data: Buffer, from = '10.0.0.21', frame = 1): void => {
  const port = m.udpPorts[0]!;
  m.openDatagram!({ transport: 'udp', clientIp: from, clientPort: port, serverIp: '10.0.0.255', serverPort: port }, ctx).onDatagram(true, data, meta(frame));
};

/** RFC 1001 §14.1 first-level encoding of a 16-octet NetBIOS name. */
function nbEncode(name: string, suffix: number): string {
  const raw = Buffer.concat([Buffer.from(name.padEnd(15, ' '), 'latin1'), Buffer.from([suffix])]);
  return Array.from(raw).map((b) => String.fromCharCode(0x41 + (b >> 4), 0x41 + (b & 15))).join('');
}
const nbRecord = (name: string, suffix: number, ip: string, group = false): RecordSpec => ({
  name: nbEncode(name, suffix),
  type: 0x20,
  rdata: Buffer.from([group ? 0x80 : 0, 0, ...ip.split('.').map(Number)]),
});

test('NetBIOS first-level decoding', () => {
  assert.deepEqual(decodeFirstLevel(nbEncode('WS17', 0x20), 0), { name: 'WS17', suffix: 0x20 });
  assert.throws(() => decodeFirstLevel('ABC', 0), DecodeError);
  assert.throws(() => decodeFirstLevel('Z'.repeat(32), 0), /first-level/);
});

test('NBNS registration (address in the additional record) names the host; group names do not', () => {
  const c = new FakeContext();
  send(mod('nbns'), c, message({ opcode: 5, questions: [{ name: nbEncode('WS17', 0), type: 0x20 }], additional: [nbRecord('WS17', 0, '10.0.0.17')] }));
  send(mod('nbns'), c, message({ opcode: 5, questions: [{ name: nbEncode('CORP', 0), type: 0x20 }], additional: [nbRecord('CORP', 0, '10.0.0.17', true)] }));
  send(mod('nbns'), c, message({ opcode: 5, questions: [{ name: nbEncode('CORP', 0x1c), type: 0x20 }], additional: [nbRecord('CORP', 0x1c, '10.0.0.10')] }));
  assert.deepEqual(c.names.map((n) => [n.ip, n.name, n.source]), [['10.0.0.17', 'WS17', 'nbns']]);
});

test('NBNS positive query response names the address it gives', () => {
  const c = new FakeContext();
  send(mod('nbns'), c, message({ response: true, answers: [nbRecord('FILESRV', 0x20, '10.0.0.30')] }), '10.0.0.30');
  assert.deepEqual(c.names.map((n) => [n.ip, n.name]), [['10.0.0.30', 'FILESRV']]);
});

test('NBNS node status response names the responder (corpus nmap.pcapng)', { skip: hasTshark() ? false : NO_TSHARK }, () => {
  const c = new FakeContext();
  replay(mod('nbns'), readFrames(corpus('samr-enum-lab/nmap.pcapng'), [137]), c);
  assert.deepEqual(c.names.map((n) => [n.ip, n.name, n.source]), [['192.168.10.11', 'XDC1', 'nbns']]);
  assert.equal(c.errors.length, 0);
});

test('LLMNR and mDNS answers name hosts; queries do not', () => {
  const c = new FakeContext();
  send(mod('llmnr'), c, message({ questions: [{ name: 'printer', type: 1 }] }));
  send(mod('llmnr'), c, message({ response: true, questions: [{ name: 'ws22', type: 1 }], answers: [a('ws22', '10.0.0.22')] }), '10.0.0.22');
  send(mod('mdns'), c, message({ response: true, answers: [{ name: '_smb._tcp.local', type: 12, rdata: Buffer.from([0]) }], additional: [a('mac7.local', '10.0.0.77')] }), '10.0.0.77');
  assert.deepEqual(c.names.map((n) => [n.ip, n.name, n.source]), [['10.0.0.22', 'ws22', 'llmnr'], ['10.0.0.77', 'mac7.local', 'mdns']]);
});

function dhcp(op: 1 | 2, opts: { xid?: number; ciaddr?: string; yiaddr?: string; type?: number; host?: string; requested?: string }): Buffer {
  const b = Buffer.alloc(240);
  b[0] = op;
  b[1] = 1;
  b[2] = 6;
  b.writeUInt32BE(opts.xid ?? 0xabcd, 4);
  Buffer.from((opts.ciaddr ?? '0.0.0.0').split('.').map(Number)).copy(b, 12);
  Buffer.from((opts.yiaddr ?? '0.0.0.0').split('.').map(Number)).copy(b, 16);
  b.writeUInt32BE(0x63825363, 236);
  const o: number[] = [];
  if (opts.type) o.push(53, 1, opts.type);
  if (opts.host) o.push(12, opts.host.length, ...Buffer.from(opts.host));
  if (opts.requested) o.push(50, 4, ...opts.requested.split('.').map(Number));
  o.push(255);
  return Buffer.concat([b, Buffer.from(o)]);
}

test('DHCP: host name with requested IP, and with the ACK address paired by xid', () => {
  const c = new FakeContext();
  send(mod('dhcp'), c, dhcp(1, { type: 3, host: 'WS31', requested: '10.0.0.31' }), '0.0.0.0');
  send(mod('dhcp'), c, dhcp(1, { xid: 7, type: 1, host: 'WS32' }), '0.0.0.0', 2);
  send(mod('dhcp'), c, dhcp(2, { xid: 7, type: 2, yiaddr: '10.0.0.32' }), '10.0.0.1', 3);
  assert.equal(c.names.length, 1, 'an OFFER names nothing');
  send(mod('dhcp'), c, dhcp(2, { xid: 7, type: 5, yiaddr: '10.0.0.32' }), '10.0.0.1', 4);
  assert.deepEqual(c.names.map((n) => [n.ip, n.name, n.source]), [['10.0.0.31', 'WS31', 'dhcp'], ['10.0.0.32', 'WS32', 'dhcp']]);
});

test('DHCP: truncation at every offset and a wrong cookie are counted errors', () => {
  const msg = dhcp(1, { type: 3, host: 'WS31', requested: '10.0.0.31' });
  for (let i = 0; i < 240; i++) assert.throws(() => decodeDhcp(msg.subarray(0, i)), DecodeError);
  // Options cut mid-value
  assert.throws(() => decodeDhcp(msg.subarray(0, 246)), DecodeError);
  const bad = Buffer.from(msg);
  bad.writeUInt32BE(0, 236);
  const c = new FakeContext();
  send(mod('dhcp'), c, bad);
  assert.deepEqual(c.errors.map((e) => e.reason), ['no DHCP magic cookie']);
  assert.equal(c.names.length, 0);
});

test('malformed NBNS / LLMNR / mDNS are counted, not thrown', () => {
  const c = new FakeContext();
  for (const m of ['nbns', 'llmnr', 'mdns']) send(mod(m), c, Buffer.from([0, 1, 0x80, 0, 0, 1, 0, 1]));
  assert.deepEqual(c.errors.map((e) => e.protocol), ['nbns', 'llmnr', 'mdns']);
});

test('names are reported once per run', () => {
  const c = new FakeContext();
  for (let i = 0; i < 3; i++) send(mod('llmnr'), c, message({ response: true, answers: [a('ws22', '10.0.0.22')] }));
  assert.equal(c.names.length, 1);
});

test('reverse names', () => {
  assert.equal(reverseNameToIp('4.3.2.1.in-addr.arpa'), '1.2.3.4');
  assert.equal(reverseNameToIp('400.3.2.1.in-addr.arpa'), null);
  assert.equal(reverseNameToIp('1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.e.f.ip6.arpa'), 'fe80::1');
  assert.equal(reverseNameToIp('example.com'), null);
});
