/**
 * Hostile and random input for every decoder of this area (Kerberos, DER, DNS, NBNS, DHCP): the
 * only allowed outcomes are a value or a DecodeError. Plus one property of TCP framing: however the
 * byte stream is cut into segments, the same activities come out.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DecodeError } from '../../main/util/cursor.ts';
import { decodeKerberosMessage } from '../../main/protocols/kerberos/messages.ts';
import { kerberosModule } from '../../main/protocols/kerberos/index.ts';
import { decodeDnsMessage } from '../../main/protocols/dns/message.ts';
import { decodeDhcp } from '../../main/protocols/naming/dhcp.ts';
import { namingModules } from '../../main/protocols/naming/index.ts';
import { dnsModule } from '../../main/protocols/dns/index.ts';
import { FakeContext } from './support/fake-context.ts';
import { app, kdcRep, kdcReq, krbError, record, tlv } from './support/der-builder.ts';

const valueOrDecodeError = (f: () => unknown): void => {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof DecodeError, String(e));
  }
};

test('Kerberos nested 3000 levels deep: a DecodeError, no stack overflow', () => {
  let b: Buffer = Buffer.from([0x02, 0x01, 0x05]);
  for (let i = 0; i < 3000; i++) b = tlv(0x30, b);
  assert.throws(() => decodeKerberosMessage(app(10, b)), DecodeError);
  assert.throws(() => decodeKerberosMessage(app(30, b)), DecodeError);
});

test('random bytes and random mutations of valid messages: value or DecodeError', () => {
  const seeds = [kdcReq({ cname: ['alice'], padata: [2], addresses: [{ type: 20, value: Buffer.from('WS17            ') }] }), kdcRep(['bob']), krbError(6, { cname: ['x'], crealm: 'R' })];
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(2), fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 8 }), (random, which, edits) => {
      const buf = Buffer.from(random);
      valueOrDecodeError(() => decodeKerberosMessage(buf));
      valueOrDecodeError(() => decodeDnsMessage(buf, { allSections: true }));
      valueOrDecodeError(() => decodeDnsMessage(buf, { allSections: true, rawRdata: true }));
      valueOrDecodeError(() => decodeDhcp(buf));
      const m = Buffer.from(seeds[which]!);
      for (const [at, v] of edits) m[at % m.length] = v;
      valueOrDecodeError(() => decodeKerberosMessage(m));
    }),
    { numRuns: 2000, seed: 4120 },
  );
});

test('dissectors never throw on random datagrams and streams (errors are counted)', () => {
  fc.assert(
    fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 6 }), (chunks) => {
      const ctx = new FakeContext();
      for (const m of [kerberosModule, dnsModule, ...namingModules]) {
        const conv = { transport: 'udp' as const, clientIp: '10.0.0.66', clientPort: 50000, serverIp: '10.0.0.10', serverPort: m.udpPorts[0]! };
        const d = m.openDatagram!(conv, ctx);
        for (const c of chunks) d.onDatagram(true, Buffer.from(c), { frame: 1, ts: 1 });
        d.onEnd?.(null);
        if (!m.openStream) continue;
        const s = m.openStream({ ...conv, transport: 'tcp' }, ctx);
        for (const c of chunks) s.onData(false, Buffer.from(c), { frame: 2, ts: 2 });
        s.onEnd(null);
      }
    }),
    { numRuns: 300, seed: 1035 },
  );
});

test('TCP framing: any segmentation of the same bytes gives the same guesses', () => {
  const toServer = Buffer.concat(['a', 'b', 'c'].map((n, i) => record(kdcReq({ cname: [n], nonce: i }))));
  const toClient = Buffer.concat([record(krbError(6, { cname: ['a'], crealm: 'CORP.LOCAL' })), record(krbError(25, { cname: ['b'], crealm: 'CORP.LOCAL' })), record(kdcRep(['c']))]);
  const run = (cutsA: number[], cutsB: number[]): unknown => {
    const ctx = new FakeContext();
    const s = kerberosModule.openStream!({ transport: 'tcp', clientIp: '10.0.0.66', clientPort: 50000, serverIp: '10.0.0.10', serverPort: 88 }, ctx);
    const feed = (buf: Buffer, cuts: number[], fromClient: boolean): void => {
      const points = [...new Set(cuts.map((c) => c % buf.length))].sort((x, y) => x - y);
      let prev = 0;
      for (const p of [...points, buf.length]) {
        if (p > prev) s.onData(fromClient, buf.subarray(prev, p), { frame: 1, ts: 1 });
        prev = p;
      }
    };
    feed(toServer, cutsA, true);
    feed(toClient, cutsB, false);
    s.onEnd(null);
    return ctx.of('krb-as').map((a) => [a.cname, a.outcome]);
  };
  const whole = run([], []);
  assert.deepEqual(whole, [['a', 'unknown'], ['b', 'exists'], ['c', 'exists']]);
  fc.assert(fc.property(fc.array(fc.nat(), { maxLength: 20 }), fc.array(fc.nat(), { maxLength: 20 }), (a, b) => assert.deepEqual(run(a, b), whole)), { numRuns: 300, seed: 88 });
});
