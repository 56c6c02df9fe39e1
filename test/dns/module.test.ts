import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dnsModule } from '../../main/protocols/dns/index.ts';
import type { Conversation } from '../../main/engine/dissector.ts';
import { FakeContext } from '../kerberos/support/fake-context.ts';
import { corpus, hasTshark, NO_TSHARK, readFrames, replay } from '../kerberos/support/replay.ts';
import { a, message, ptr, soa, tcp } from './support/dns-builder.ts';

const T0 = 1_700_000_000_000_000;
let port = 40000;
const conv = (transport: 'udp' | 'tcp', client = '10.0.0.66', server = '10.0.0.53'): Conversation => ({ transport, clientIp: client, clientPort: port++, serverIp: server, serverPort: 53 });
const meta = (frame: number) => ({ frame, ts: T0 + frame * 1000 });
const axfrQ = (zone: string, id = 1, type = 252) => message({ id, questions: [{ name: zone, type }] });

test('AXFR over TCP, answer in several messages: records counted over all, serial, frames', () => {
  const c = new FakeContext();
  const s = dnsModule.openStream!(conv('tcp'), c);
  s.onData(true, tcp(axfrQ('corp.local')), meta(1));
  const m1 = tcp(message({ id: 1, response: true, questions: [{ name: 'corp.local', type: 252 }], answers: [soa('corp.local', 42), a('dc01.corp.local', '10.0.0.10')] }));
  const m2 = tcp(message({ id: 1, response: true, answers: [a('ws1.corp.local', '10.0.0.21'), soa('corp.local', 42)] }));
  const both = Buffer.concat([m1, m2]);
  s.onData(false, both.subarray(0, 30), meta(2));
  s.onData(false, both.subarray(30), meta(3));
  assert.equal(c.activities.length, 1, 'the closing SOA ends the transfer');
  s.onEnd(null);
  assert.deepEqual(c.activities, [{ kind: 'dns-xfer', ts: T0 + 1000, tsEnd: T0 + 3000, frames: [1, 2, 3], src: '10.0.0.66', dst: '10.0.0.53', transport: 'tcp', zone: 'corp.local', qtype: 'AXFR', requestSeen: true, rcode: 0, rcodeName: 'NOERROR', records: 4, serial: 42 }]);
  assert.deepEqual(c.names.map((n) => [n.ip, n.name, n.source]), [['10.0.0.10', 'dc01.corp.local', 'dns'], ['10.0.0.21', 'ws1.corp.local', 'dns']]);
});

test('REFUSED and NOTAUTH end the transfer at once; no answer is reported at the end', () => {
  const c = new FakeContext();
  const s = dnsModule.openStream!(conv('tcp'), c);
  s.onData(true, tcp(axfrQ('corp.local', 1)), meta(1));
  s.onData(false, tcp(message({ id: 1, response: true, rcode: 5, questions: [{ name: 'corp.local', type: 252 }] })), meta(2));
  s.onData(true, tcp(axfrQ('secret.local', 2)), meta(3));
  s.onData(false, tcp(message({ id: 2, response: true, rcode: 9, questions: [{ name: 'secret.local', type: 252 }] })), meta(4));
  s.onData(true, tcp(axfrQ('silent.local', 3)), meta(5));
  assert.deepEqual(c.of('dns-xfer').map((x) => [x.zone, x.rcodeName, x.records]), [['corp.local', 'REFUSED', 0], ['secret.local', 'NOTAUTH', 0]]);
  s.onEnd(null);
  assert.deepEqual(c.of('dns-xfer').map((x) => [x.zone, x.rcode, x.rcodeName]), [['corp.local', 5, 'REFUSED'], ['secret.local', 9, 'NOTAUTH'], ['silent.local', null, null]]);
});

test('IXFR over UDP answered by a single SOA (up to date)', () => {
  const c = new FakeContext();
  const d = dnsModule.openDatagram!(conv('udp'), c);
  d.onDatagram(true, message({ id: 9, questions: [{ name: 'corp.local', type: 251 }], authority: [soa('corp.local', 41)] }), meta(1));
  d.onDatagram(false, message({ id: 9, response: true, questions: [{ name: 'corp.local', type: 251 }], answers: [soa('corp.local', 41)] }), meta(2));
  assert.deepEqual(c.of('dns-xfer').map((x) => [x.qtype, x.records, x.serial, x.transport]), [['IXFR', 1, 41, 'udp']]);
});

test('ordinary lookups are not activities; answers name hosts and make a DNS server after two clients', () => {
  const c = new FakeContext();
  const one = dnsModule.openDatagram!(conv('udp', '10.0.0.66'), c);
  one.onDatagram(true, message({ id: 1, questions: [{ name: 'dc01.corp.local', type: 1 }] }), meta(1));
  one.onDatagram(false, message({ id: 1, response: true, questions: [{ name: 'dc01.corp.local', type: 1 }], answers: [a('dc01.corp.local', '10.0.0.10')] }), meta(2));
  one.onDatagram(false, message({ id: 2, response: true, questions: [{ name: '21.0.0.10.in-addr.arpa', type: 12 }], answers: [ptr('21.0.0.10.in-addr.arpa', 'ws21.corp.local')] }), meta(3));
  assert.equal(c.roles.length, 0, 'one client is not enough');
  const two = dnsModule.openDatagram!(conv('udp', '10.0.0.67'), c);
  two.onDatagram(false, message({ id: 3, response: true, questions: [{ name: 'dc01.corp.local', type: 1 }], answers: [a('dc01.corp.local', '10.0.0.10')] }), meta(4));
  assert.equal(c.activities.length, 0);
  assert.deepEqual(c.roles.map((r) => [r.ip, r.role, r.source, r.ts]), [['10.0.0.53', 'dns-server', 'dns-answers', T0 + 4000]]);
  assert.deepEqual(c.names.map((n) => [n.ip, n.name]), [['10.0.0.10', 'dc01.corp.local'], ['10.0.0.21', 'ws21.corp.local']]);
});

test('a client answering from a high port is not a DNS server; malformed messages are counted', () => {
  const c = new FakeContext();
  const d = dnsModule.openDatagram!({ transport: 'udp', clientIp: '10.0.0.53', clientPort: 53, serverIp: '10.0.0.66', serverPort: 5353 }, c);
  d.onDatagram(true, message({ id: 1, response: true, answers: [a('x', '10.0.0.1')] }), meta(1));
  assert.equal(c.roles.length, 0);
  dnsModule.openDatagram!(conv('udp'), c).onDatagram(true, Buffer.from([1, 2, 3]), meta(2));
  assert.equal(c.errors.length, 1);
  assert.equal(c.errors[0]?.protocol, 'dns');
});

test('a gap drops the partial TCP message and the next message still decodes', () => {
  const c = new FakeContext();
  const s = dnsModule.openStream!(conv('tcp'), c);
  const q = tcp(axfrQ('lost.local', 1));
  s.onData(true, q.subarray(0, 5), meta(1));
  s.onGap(true, 100, meta(2));
  s.onData(true, tcp(axfrQ('corp.local', 2)), meta(3));
  s.onData(false, tcp(message({ id: 2, response: true, rcode: 5, questions: [{ name: 'corp.local', type: 252 }] })), meta(4));
  assert.deepEqual(c.of('dns-xfer').map((x) => x.zone), ['corp.local']);
});

test('corpus 1tcpdnsaxfr.pcap: answer only -> transfer with requestSeen false', { skip: hasTshark() ? false : NO_TSHARK }, () => {
  const c = new FakeContext();
  replay(dnsModule, readFrames(corpus('ncsc-pef/1tcpdnsaxfr.pcap'), [53]), c);
  assert.deepEqual(c.of('dns-xfer').map(({ ts: _ts, tsEnd: _e, ...x }) => x), [{ kind: 'dns-xfer', frames: [1], src: '1.1.1.2', dst: '1.1.1.1', transport: 'tcp', zone: 'etas.com', qtype: 'AXFR', requestSeen: false, rcode: 0, rcodeName: 'NOERROR', records: 4, serial: 3 }]);
  assert.equal(c.errors.length, 0);
});
