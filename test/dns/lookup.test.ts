/**
 * The cheap lookup path (main/protocols/dns/lookup.ts) against the full decoder (message.ts +
 * naming.ts): on well-formed and on mutated messages it must fail exactly when decodeDnsMessage
 * fails, with the same reason, and learn exactly the same names in the same order.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LookupScan } from '../../main/protocols/dns/lookup.ts';
import { decodeDnsMessage } from '../../main/protocols/dns/message.ts';
import { learnFromRecords } from '../../main/protocols/dns/naming.ts';
import { DecodeError } from '../../main/util/cursor.ts';
import { FakeContext } from '../kerberos/support/fake-context.ts';
import { a, message, name, ptr, soa, type RecordSpec } from './support/dns-builder.ts';

const aaaa = (n: string, bytes: number[]): RecordSpec => ({ name: n, type: 28, rdata: Buffer.from(bytes) });
const cname = (n: string, t: string): RecordSpec => ({ name: n, type: 5, rdata: name(t) });
const srv = (n: string, t: string): RecordSpec => ({ name: n, type: 33, rdata: Buffer.concat([Buffer.alloc(6), name(t)]) });

const SAMPLES: Buffer[] = [
  message({ questions: [{ name: 'host1.corp.local', type: 1 }] }),
  message({ response: true, questions: [{ name: 'host1.corp.local', type: 1 }], answers: [cname('host1.corp.local', 'web.corp.local'), a('web.corp.local', '10.0.0.7')] }),
  message({ response: true, questions: [{ name: '7.0.0.10.in-addr.arpa', type: 12 }], answers: [ptr('7.0.0.10.in-addr.arpa', 'web.corp.local.')] }),
  message({ response: true, questions: [{ name: 'v6.corp.local', type: 28 }], answers: [aaaa('v6.corp.local', [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]), aaaa('bad.corp.local', [1, 2, 3])] }),
  message({ response: true, questions: [{ name: '_ldap._tcp.corp.local', type: 33 }], answers: [srv('_ldap._tcp.corp.local', 'dc01.corp.local'), soa('corp.local', 7), a('short.corp.local', '10.0.0.9')] }),
  message({ response: true, questions: [{ name: 'x.local', type: 1 }, { name: 'y.local', type: 1 }], answers: [a('x.local', '10.1.1.1'), a('X.LOCAL.', '10.1.1.1'), ptr('1.1.1.10.in-addr.arpa', '')] }),
];

function full(buf: Buffer): { error: string | null; names: string[] } {
  const ctx = new FakeContext();
  try {
    const msg = decodeDnsMessage(buf);
    learnFromRecords(ctx, msg.answers, 'dns', 1);
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    return { error: e.reason, names: [] };
  }
  return { error: null, names: ctx.names.map((n) => `${n.ip}=${n.name}`) };
}

function cheap(scan: LookupScan, buf: Buffer): { error: string | null; names: string[] } {
  const ctx = new FakeContext();
  try {
    scan.scan(buf).learn(ctx, buf, 'dns', 1);
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    return { error: e.reason, names: [] };
  }
  return { error: null, names: ctx.names.map((n) => `${n.ip}=${n.name}`) };
}

test('well-formed lookups: the same names as the full decoder', () => {
  const scan = new LookupScan();
  for (const m of SAMPLES) assert.deepEqual(cheap(scan, m), full(m));
  assert.deepEqual(cheap(scan, SAMPLES[1]!).names, ['10.0.0.7=web.corp.local']);
  assert.deepEqual(cheap(scan, SAMPLES[2]!).names, ['10.0.0.7=web.corp.local']);
});

test('mutated and truncated messages: the same errors (reason) and names as the full decoder', () => {
  const scan = new LookupScan();
  let seed = 12345;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed % n;
  };
  let errors = 0;
  for (const base of SAMPLES) {
    for (let cut = 0; cut <= base.length; cut++) {
      const m = base.subarray(0, cut);
      assert.deepEqual(cheap(scan, m), full(m), `cut ${cut}`);
    }
    for (let i = 0; i < 2000; i++) {
      const m = Buffer.from(base);
      for (let k = 1 + rnd(3); k > 0; k--) m[rnd(m.length)] = rnd(4) === 0 ? 0xc0 | rnd(64) : rnd(256);
      const want = full(m);
      if (want.error) errors++;
      assert.deepEqual(cheap(scan, m), want, m.toString('hex'));
    }
  }
  assert.ok(errors > 100, 'the mutations reached the error paths');
});
