import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { DecodeError } from '../../main/util/cursor.ts';
import { decodeDnsMessage } from '../../main/protocols/dns/message.ts';
import { rcodeName } from '../../main/protocols/dns/constants.ts';
import { a, message, ptr, soa } from './support/dns-builder.ts';
import { corpus, hasTshark, NO_TSHARK, readFrames, tsharkFacts } from '../kerberos/support/replay.ts';

test('header, question and typed answers', () => {
  const srv = { name: '_ldap._tcp.corp.local', type: 33, rdata: Buffer.concat([Buffer.from([0, 0, 0, 100, 1, 133]), Buffer.from([4, 0x64, 0x63, 0x30, 0x31, 4, 0x63, 0x6f, 0x72, 0x70, 0])]) };
  const aaaa = { name: 'ws6.corp', type: 28, rdata: Buffer.from('fe800000000000000000000000000001', 'hex') };
  const m = decodeDnsMessage(message({ id: 7, response: true, rcode: 0, questions: [{ name: 'corp.local', type: 252 }], answers: [soa('corp.local', 2026120401), a('dc01.corp.local', '10.0.0.10'), ptr('10.0.0.10.in-addr.arpa', 'dc01.corp.local'), srv, aaaa] }));
  assert.deepEqual(m.header, { id: 7, response: true, opcode: 0, authoritative: false, truncated: false, rcode: 0, qdcount: 1, ancount: 5, nscount: 0, arcount: 0 });
  assert.deepEqual(m.questions, [{ name: 'corp.local', type: 252, class: 1 }]);
  assert.deepEqual(m.answers.map((r) => [r.type, r.data, r.serial]), [[6, 'ns1.corp.local', 2026120401], [1, '10.0.0.10', undefined], [12, 'dc01.corp.local', undefined], [33, 'dc01.corp', undefined], [28, 'fe80::1', undefined]]);
  assert.equal(m.extra.length, 0);
});

test('rcode names', () => {
  assert.equal(rcodeName(5), 'REFUSED');
  assert.equal(rcodeName(9), 'NOTAUTH');
  assert.equal(rcodeName(15), 'RCODE15');
});

test('truncation at every offset is a DecodeError', () => {
  const m = message({ response: true, questions: [{ name: 'corp.local', type: 252 }], answers: [soa('corp.local', 1), a('x.corp.local', '10.0.0.1'), soa('corp.local', 1)] });
  for (let i = 0; i < m.length; i++) assert.throws(() => decodeDnsMessage(m.subarray(0, i)), DecodeError, `prefix ${i}`);
});

test('absurd counts do not allocate or loop: they run out of bytes', () => {
  const h = Buffer.from([0, 1, 0x80, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
  assert.throws(() => decodeDnsMessage(h), DecodeError);
  const m = message({ response: true, answers: [{ name: 'x', type: 1, rdata: Buffer.alloc(4) }] });
  m.writeUInt16BE(0xffff, m.length - 6); // RDLENGTH 65535
  assert.throws(() => decodeDnsMessage(m), /need 65535 bytes/);
});

test('random corruption of a real AXFR answer: a result or a DecodeError', { skip: hasTshark() ? false : NO_TSHARK }, () => {
  const payload = readFrames(corpus('ncsc-pef/1tcpdnsaxfr.pcap'), [53])[0]!.payload.subarray(2);
  for (let i = 0; i < payload.length; i++) {
    for (const v of [0x00, 0x3f, 0xc0, 0xff]) {
      const b = Buffer.from(payload);
      b[i] = v;
      try {
        decodeDnsMessage(b, { allSections: true });
      } catch (e) {
        assert.ok(e instanceof DecodeError, `byte ${i} = ${v}: ${String(e)}`);
      }
    }
  }
});

test('the corpus AXFR answer matches tshark-facts (zone, type, rcode, answers, addresses) and the SOA serial', { skip: hasTshark() ? false : NO_TSHARK }, () => {
  const file = corpus('ncsc-pef/1tcpdnsaxfr.pcap');
  const m = decodeDnsMessage(readFrames(file, [53])[0]!.payload.subarray(2));
  const facts = spawnSync(tsharkFacts, [file, 'dns'], { encoding: 'utf8' }).stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, string | number>);
  assert.equal(facts.length, 1);
  const f = facts[0]!;
  assert.equal(f['response'], 1);
  assert.equal(m.header.response, true);
  assert.equal(m.questions[0]?.type, f['type']);
  assert.equal(m.questions[0]?.name, f['name']);
  assert.equal(m.header.rcode, f['rcode']);
  assert.equal(m.header.ancount, f['answers']);
  assert.equal(m.answers.filter((r) => r.type === 1).map((r) => r.data).join(','), String(f['a'] ?? ''));
  const serial = spawnSync('tshark', ['-n', '-r', file, '-T', 'fields', '-E', 'aggregator=,', '-e', 'dns.soa.serial_number'], { encoding: 'utf8' }).stdout.trim().split(',')[0];
  assert.equal(m.answers.find((r) => r.type === 6)?.serial, Number(serial));
});
