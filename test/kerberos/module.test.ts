import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kerberosModule, MAX_KERBEROS_RECORD } from '../../main/protocols/kerberos/index.ts';
import { MAX_PENDING, PAIRING_WINDOW_US } from '../../main/protocols/kerberos/exchanges.ts';
import type { Conversation, DatagramDissector, StreamDissector } from '../../main/engine/dissector.ts';
import { FakeContext } from './support/fake-context.ts';
import { kdcRep, kdcReq, krbError, record } from './support/der-builder.ts';
import { corpus, hasTshark, NO_TSHARK, readFrames, replay } from './support/replay.ts';

const T0 = 1_700_000_000_000_000;
let port = 50000;
const conv = (transport: 'udp' | 'tcp', client = '10.0.0.66', server = '10.0.0.10'): Conversation => ({ transport, clientIp: client, clientPort: port++, serverIp: server, serverPort: 88 });
const udp = (c: FakeContext, cv = conv('udp')): DatagramDissector => kerberosModule.openDatagram!(cv, c);
const tcp = (c: FakeContext, cv = conv('tcp')): StreamDissector => kerberosModule.openStream!(cv, c);
const meta = (frame: number, dtUs = frame * 1000) => ({ frame, ts: T0 + dtUs });

test('UDP: AS-REQ + PRINCIPAL_UNKNOWN in the same conversation -> one unknown guess', () => {
  const c = new FakeContext();
  const d = udp(c);
  d.onDatagram(true, kdcReq({ cname: ['nosuch'], etypes: [23] }), meta(1));
  d.onDatagram(false, krbError(6, { cname: ['nosuch'], crealm: 'CORP.LOCAL' }), meta(2));
  const [a, ...rest] = c.of('krb-as');
  assert.equal(rest.length, 0);
  assert.deepEqual(a, {
    kind: 'krb-as', ts: T0 + 1000, tsEnd: T0 + 2000, frames: [1, 2], src: '10.0.0.66', dst: '10.0.0.10', transport: 'udp',
    cname: 'nosuch', realm: 'CORP.LOCAL', sname: 'krbtgt/CORP.LOCAL', etypes: [23], padataTypes: [],
    answer: { type: 'error', code: 6, name: 'KDC_ERR_C_PRINCIPAL_UNKNOWN' }, outcome: 'unknown',
  });
  assert.deepEqual(c.roles.map((r) => [r.ip, r.role, r.source, r.detail]), [['10.0.0.10', 'dc', 'kerberos-answer', 'answered KRB-ERROR 6 to 10.0.0.66 from port 88']]);
});

test('outcomes follow DESIGN.md: AS-REP, 25, 24, 18, 23, 12, 14 exist; 6 unknown; 7, 37, 52, 60, 68 other', () => {
  const cases: [Buffer, string][] = [[kdcRep(['u']), 'exists'], ...[25, 24, 18, 23, 12, 14].map((e): [Buffer, string] => [krbError(e), 'exists']), [krbError(6), 'unknown'], ...[7, 37, 52, 60, 68].map((e): [Buffer, string] => [krbError(e), 'other'])];
  const c = new FakeContext();
  cases.forEach(([answer], i) => {
    const d = udp(c);
    d.onDatagram(true, kdcReq({ cname: ['u'], nonce: i }), meta(2 * i + 1));
    d.onDatagram(false, answer, meta(2 * i + 2));
  });
  assert.deepEqual(c.of('krb-as').map((a) => a.outcome), cases.map(([, o]) => o));
});

test('TCP: records split across segments and several in one segment', () => {
  const c = new FakeContext();
  const s = tcp(c);
  const req1 = record(kdcReq({ cname: ['alice'], nonce: 1 }));
  const req2 = record(kdcReq({ cname: ['bob'], nonce: 2, padata: [2] }));
  // The first record one byte at a time (the 4-byte marker split too), then the second record's
  // start in the same segment as the first record's last byte.
  for (let i = 0; i < req1.length - 1; i++) s.onData(true, req1.subarray(i, i + 1), meta(i < 2 ? 1 : 2));
  s.onData(true, Buffer.concat([req1.subarray(req1.length - 1), req2.subarray(0, 7)]), meta(3));
  s.onData(true, req2.subarray(7), meta(4));
  assert.equal(c.activities.length, 0);
  // Both answers in one segment.
  s.onData(false, Buffer.concat([record(krbError(25, { cname: ['alice'], crealm: 'CORP.LOCAL' })), record(kdcRep(['bob']))]), meta(5));
  const as = c.of('krb-as');
  assert.deepEqual(as.map((a) => [a.src, a.dst, a.cname, a.answer.type, a.outcome, a.frames, a.padataTypes]), [
    ['10.0.0.66', '10.0.0.10', 'alice', 'error', 'exists', [1, 2, 3, 5], []],
    ['10.0.0.66', '10.0.0.10', 'bob', 'as-rep', 'exists', [3, 4, 5], [2]],
  ]);
  assert.equal(c.errors.length, 0);
});

test('TCP: a record over the cap is skipped and counted, the next one still decodes', () => {
  const c = new FakeContext();
  const s = tcp(c);
  const big = Buffer.alloc(4);
  big.writeUInt32BE(MAX_KERBEROS_RECORD + 1);
  s.onData(true, big, meta(1));
  for (let sent = 0, f = 2; sent < MAX_KERBEROS_RECORD + 1; sent += 60000, f++) s.onData(true, Buffer.alloc(Math.min(60000, MAX_KERBEROS_RECORD + 1 - sent)), meta(f));
  s.onData(true, record(kdcReq({ cname: ['after'] })), meta(20));
  s.onData(false, record(krbError(6)), meta(21));
  assert.equal(c.errors.length, 1);
  assert.match(c.errors[0]!.reason, /over cap/);
  assert.deepEqual(c.of('krb-as').map((a) => a.cname), ['after']);
});

test('TCP: a record marker with the reserved bit set stops that direction; garbage is a counted error', () => {
  const c = new FakeContext();
  const s = tcp(c);
  s.onData(true, Buffer.from([0x80, 0, 0, 4, 1, 2, 3, 4]), meta(1));
  s.onData(true, record(Buffer.from('garbage!')), meta(2));
  assert.deepEqual(c.errors.map((e) => e.reason), ['record marker reserved bit set']);
  const u = udp(c);
  u.onDatagram(true, Buffer.from('garbage!'), meta(3));
  assert.equal(c.errors.length, 2);
  assert.equal(c.activities.length, 0);
});

test('retransmissions (same nonce, other port) are one guess; the answer on the other port pairs', () => {
  const c = new FakeContext();
  const first = udp(c);
  const second = udp(c);
  first.onDatagram(true, kdcReq({ cname: ['bob'], nonce: 77 }), meta(1));
  second.onDatagram(true, kdcReq({ cname: ['bob'], nonce: 77 }), meta(2));
  second.onDatagram(false, krbError(25, { cname: ['bob'], crealm: 'CORP.LOCAL' }), meta(3));
  first.onEnd?.(null);
  second.onEnd?.(null);
  const as = c.of('krb-as');
  assert.equal(as.length, 1);
  assert.deepEqual(as[0]!.frames, [1, 2, 3]);
  assert.equal(as[0]!.outcome, 'exists');
});

test('an answer on another conversation pairs by client, KDC and name within 60 s, not after', () => {
  const c = new FakeContext();
  const a = udp(c);
  const b = udp(c);
  a.onDatagram(true, kdcReq({ cname: ['carol'], nonce: 1 }), meta(1));
  b.onDatagram(false, krbError(6, { cname: ['carol'], crealm: 'CORP.LOCAL' }), meta(2, 30_000_000));
  assert.equal(c.of('krb-as')[0]?.outcome, 'unknown');
  const x = udp(c);
  const y = udp(c);
  x.onDatagram(true, kdcReq({ cname: ['dave'], nonce: 2 }), meta(3, 40_000_000));
  y.onDatagram(false, krbError(6, { cname: ['dave'], crealm: 'CORP.LOCAL' }), meta(4, 40_000_000 + PAIRING_WINDOW_US + 1));
  const dave = c.of('krb-as').find((g) => g.cname === 'dave');
  assert.equal(dave?.outcome, 'no-answer');
  assert.deepEqual(dave?.answer, { type: 'none' });
});

test('unanswered requests become no-answer after the window in packet time, or at the end', () => {
  const c = new FakeContext();
  const a = udp(c);
  a.onDatagram(true, kdcReq({ cname: ['erin'], nonce: 1 }), meta(1));
  assert.equal(c.activities.length, 0);
  const b = udp(c);
  b.onDatagram(true, kdcReq({ cname: ['frank'], nonce: 2 }), meta(2, PAIRING_WINDOW_US + 5000));
  assert.deepEqual(c.of('krb-as').map((g) => [g.cname, g.outcome]), [['erin', 'no-answer']]);
  b.onEnd?.(null);
  assert.deepEqual(c.of('krb-as').map((g) => [g.cname, g.outcome]), [['erin', 'no-answer'], ['frank', 'no-answer']]);
});

test('open requests are bounded: past MAX_PENDING the oldest becomes no-answer', () => {
  const c = new FakeContext();
  const d = udp(c);
  // One template, its 4-byte nonce rewritten: every request is a distinct guess, none a retransmission.
  const template = kdcReq({ cname: ['x'], nonce: 0x10000000 });
  const at = template.indexOf(Buffer.from([0x02, 0x04, 0x10, 0, 0, 0])) + 2;
  assert.ok(at > 2);
  // All at the same packet time: nothing leaves the pairing window, only the cap closes requests.
  for (let i = 0; i <= MAX_PENDING + 1; i++) {
    template.writeUInt32BE(0x10000000 + i, at);
    d.onDatagram(true, template, { frame: i + 1, ts: T0 });
  }
  assert.deepEqual(c.of('krb-as').map((a) => [a.frames, a.outcome]), [[[1], 'no-answer'], [[2], 'no-answer']]);
});

test('TGS-REP for cifs/<host>: activity with cname from the REP, service ticket noted', () => {
  const c = new FakeContext();
  const s = tcp(c);
  s.onData(true, record(kdcReq({ msgType: 12, sname: ['cifs', 'dc01.corp.local'], nonce: 9 })), meta(1));
  s.onData(false, record(kdcRep(['alice'], 'CORP.LOCAL', ['cifs', 'dc01.corp.local'], 13)), meta(2));
  const [t] = c.of('krb-tgs');
  assert.deepEqual(t, { kind: 'krb-tgs', ts: T0 + 1000, tsEnd: T0 + 2000, frames: [1, 2], src: '10.0.0.66', dst: '10.0.0.10', transport: 'tcp', cname: 'alice', realm: 'CORP.LOCAL', sname: 'cifs/dc01.corp.local', answer: { type: 'tgs-rep' } });
  assert.deepEqual(c.tickets, [{ clientIp: '10.0.0.66', service: 'cifs', host: 'dc01.corp.local', user: { name: 'alice', domain: 'CORP.LOCAL', source: 'kerberos-tgs' }, ts: T0 + 2000 }]);
});

test('host names: NAME$ clients, host/NAME principals and NetBIOS addresses', () => {
  const c = new FakeContext();
  udp(c, conv('udp', '10.0.0.21')).onDatagram(true, kdcReq({ cname: ['WS21$'] }), meta(1));
  udp(c, conv('udp', '10.0.0.22')).onDatagram(true, kdcReq({ cname: ['host', 'ws22.corp.local'] }), meta(2));
  udp(c, conv('udp', '10.0.0.23')).onDatagram(true, kdcReq({ cname: ['bob'], addresses: [{ type: 20, value: Buffer.from('WS23            ') }, { type: 2, value: Buffer.from([10, 0, 0, 23]) }] }), meta(3));
  udp(c, conv('udp', '10.0.0.24')).onDatagram(true, kdcReq({ cname: ['bob'] }), meta(4));
  assert.deepEqual(c.names.map((n) => [n.ip, n.name, n.source]), [['10.0.0.21', 'WS21', 'kerberos'], ['10.0.0.22', 'ws22.corp.local', 'kerberos'], ['10.0.0.23', 'WS23', 'kerberos']]);
});

test('corpus kinit.pcap: 93 guesses with the answers tshark counts', { skip: hasTshark() ? false : NO_TSHARK }, () => {
  const c = new FakeContext();
  replay(kerberosModule, readFrames(corpus('zeek/kinit.pcap'), [88]), c);
  const as = c.of('krb-as');
  assert.equal(as.length, 93);
  const count = (pred: (a: (typeof as)[number]) => boolean): number => as.filter(pred).length;
  assert.equal(count((a) => a.answer.type === 'as-rep'), 51);
  const byCode = new Map<number, number>();
  for (const a of as) if (a.answer.type === 'error') byCode.set(a.answer.code, (byCode.get(a.answer.code) ?? 0) + 1);
  assert.deepEqual(Object.fromEntries([...byCode].sort((x, y) => x[0] - y[0])), { 1: 2, 6: 19, 7: 2, 14: 2, 18: 2, 23: 2, 25: 9, 31: 4 });
  assert.deepEqual([...new Set(as.filter((a) => a.outcome === 'unknown').map((a) => a.cname))].sort(), ['enterprise_principal@AD.VLADG.NET', 'invalid_client_principal']);
  assert.equal(c.of('krb-tgs').length, 1);
  assert.equal(c.errors.length, 0);
});

test('corpus kerberos_tso.pcapng (TSO, TCP): guesses, TGS for cifs, DC role, client name', { skip: hasTshark() ? false : NO_TSHARK }, () => {
  const c = new FakeContext();
  replay(kerberosModule, readFrames(corpus('zeek/kerberos_tso.pcapng'), [88]), c);
  assert.deepEqual(c.of('krb-as').map((a) => a.answer.type === 'error' ? a.answer.code : a.answer.type), [25, 'as-rep', 25, 'as-rep']);
  assert.deepEqual(c.of('krb-tgs').map((t) => [t.cname, t.sname]), [['Administrator', 'cifs/win7.test.local'], ['DESKTOP-RBDMVVA$', 'cifs/WIN-R5NF6DMLDVH'], ['Administrator', 'cifs/win7.test.local']]);
  assert.equal(c.tickets.length, 3);
  assert.deepEqual(c.roles.map((r) => r.ip), ['172.16.0.100']);
  assert.deepEqual(c.names.map((n) => [n.ip, n.name]), [['172.16.0.211', 'DESKTOP-RBDMVVA']]);
});

test('corpus krb5-frag.pcap and optional-service-name.pcap: segmented records and a KRB-ERROR without sname', { skip: hasTshark() ? false : NO_TSHARK }, () => {
  const c = new FakeContext();
  replay(kerberosModule, readFrames(corpus('suricata-verify/krb5-frag.pcap'), [88]), c);
  assert.deepEqual(c.of('krb-as').map((a) => a.outcome), ['exists', 'exists']);
  assert.equal(c.of('krb-tgs')[0]?.sname, 'HTTP/epgidvwman1088.epga.dom.lo.com');
  const d = new FakeContext();
  replay(kerberosModule, readFrames(corpus('zeek/optional-service-name.pcap'), [88]), d);
  assert.deepEqual(d.of('krb-as').map((a) => [a.outcome, a.answer.type === 'error' && a.answer.code]), [['other', 60]]);
  assert.equal(c.errors.length + d.errors.length, 0);
});
