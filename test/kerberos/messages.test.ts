import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { DecodeError } from '../../main/util/cursor.ts';
import { decodeKerberosMessage, type KerberosMessage } from '../../main/protocols/kerberos/messages.ts';
import { krbErrorName } from '../../main/protocols/kerberos/error-codes.ts';
import { app, int, kdcRep, kdcReq, krbError, seq, ctx } from './support/der-builder.ts';
import { corpus, hasTshark, NO_TSHARK, readFrames, tsharkFacts } from './support/replay.ts';
import { kerberosMessagesByFrame } from './support/corpus-messages.ts';

const CORPUS_FILES = ['zeek/kinit.pcap', 'suricata-verify/krb.pcap', 'suricata-verify/krb5-frag.pcap', 'zeek/kerberos_tso.pcapng', 'zeek/optional-service-name.pcap'];
const tshark = hasTshark();

test('crafted AS-REQ: every field', () => {
  const m = decodeKerberosMessage(kdcReq({ cname: ['alice'], realm: 'CORP.LOCAL', nonce: 0xfffffffe, etypes: [18, -135], padata: [2, 128], addresses: [{ type: 20, value: Buffer.from('WS17            ') }, { type: 2, value: Buffer.from([10, 0, 0, 66]) }] }));
  assert.deepEqual(m, {
    type: 'as-req',
    cname: { nameType: 1, parts: ['alice'] },
    realm: 'CORP.LOCAL',
    sname: { nameType: 2, parts: ['krbtgt', 'CORP.LOCAL'] },
    till: '2037-09-13T02:48:05Z',
    nonce: 0xfffffffe,
    etypes: [18, -135],
    padataTypes: [2, 128],
    addresses: [{ type: 20, value: 'WS17' }, { type: 2, value: '10.0.0.66' }],
  });
});

test('crafted AS-REP, TGS-REP and KRB-ERROR', () => {
  assert.deepEqual(decodeKerberosMessage(kdcRep(['bob'], 'CORP.LOCAL')), {
    type: 'as-rep', crealm: 'CORP.LOCAL', cname: { nameType: 1, parts: ['bob'] }, ticketRealm: 'CORP.LOCAL', ticketSname: { nameType: 2, parts: ['krbtgt', 'CORP.LOCAL'] },
  });
  const tgs = decodeKerberosMessage(kdcRep(['bob'], 'CORP.LOCAL', ['cifs', 'dc01.corp.local'], 13));
  assert.equal(tgs.type, 'tgs-rep');
  assert.deepEqual(tgs.type === 'tgs-rep' && tgs.ticketSname.parts, ['cifs', 'dc01.corp.local']);
  assert.deepEqual(decodeKerberosMessage(krbError(6, { cname: ['nosuch'], crealm: 'CORP.LOCAL' })), {
    type: 'error', errorCode: 6, stime: '2026-12-04T12:00:00Z', crealm: 'CORP.LOCAL', cname: { nameType: 1, parts: ['nosuch'] }, realm: 'CORP.LOCAL', sname: { nameType: 2, parts: ['krbtgt', 'CORP.LOCAL'] },
  });
  const noSname = decodeKerberosMessage(krbError(60, { sname: null }));
  assert.equal(noSname.type === 'error' && noSname.sname, null);
});

test('error names come from the RFC table and never throw', () => {
  assert.equal(krbErrorName(6), 'KDC_ERR_C_PRINCIPAL_UNKNOWN');
  assert.equal(krbErrorName(25), 'KDC_ERR_PREAUTH_REQUIRED');
  assert.equal(krbErrorName(9999), 'KRB_ERR_UNKNOWN_9999');
});

test('other application tags are reported, not decoded', () => {
  assert.deepEqual(decodeKerberosMessage(app(14, seq(ctx(0, int(5))))), { type: 'other', msgType: 14 });
});

test('wrong pvno, wrong msg-type and missing fields are errors', () => {
  const badPvno = app(10, seq(ctx(1, int(4)), ctx(2, int(10))));
  assert.throws(() => decodeKerberosMessage(badPvno), /pvno 4/);
  assert.throws(() => decodeKerberosMessage(app(10, seq(ctx(1, int(5)), ctx(2, int(12))))), /msg-type 12/);
  assert.throws(() => decodeKerberosMessage(app(10, seq(ctx(1, int(5)), ctx(2, int(10))))), /missing \[4\]/);
  assert.throws(() => decodeKerberosMessage(Buffer.from('not kerberos')), DecodeError);
});

/** Every prefix of a valid message is a DecodeError: never a crash, never a wrong success. */
function assertTruncationsFail(msg: Buffer): void {
  for (let i = 0; i < msg.length; i++) {
    assert.throws(() => decodeKerberosMessage(msg.subarray(0, i)), DecodeError, `prefix of ${i} bytes`);
  }
}

test('truncation at every offset of crafted messages', () => {
  for (const m of [kdcReq({ cname: ['alice'], padata: [2], addresses: [{ type: 20, value: Buffer.from('WS17            ') }] }), kdcRep(['bob']), krbError(25, { cname: ['x'], crealm: 'R' })]) assertTruncationsFail(m);
});

test('corrupting every byte of a real AS-REQ gives a result or a DecodeError, nothing else', { skip: tshark ? false : NO_TSHARK }, () => {
  const frame = readFrames(corpus('zeek/kinit.pcap'), [88])[0]!;
  assertTruncationsFail(frame.payload);
  for (let i = 0; i < frame.payload.length; i++) {
    for (const v of [0x00, 0x7f, 0x80, 0xff]) {
      const b = Buffer.from(frame.payload);
      b[i] = v;
      try {
        decodeKerberosMessage(b);
      } catch (e) {
        assert.ok(e instanceof DecodeError, `byte ${i} = ${v}: ${String(e)}`);
      }
    }
  }
});

interface Fact { frame: number; msg_type: number | string; error_code?: number; CNameString?: string; realm?: string; SNameString?: string; crealm?: string }
function facts(file: string): Fact[] {
  const r = spawnSync(tsharkFacts, [corpus(file), 'kerberos'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Fact);
}
const MSG_TYPES: Record<KerberosMessage['type'], number> = { 'as-req': 10, 'as-rep': 11, 'tgs-req': 12, 'tgs-rep': 13, error: 30, other: 0 };
const contains = (agg: string | number | undefined, value: string): boolean => String(agg ?? '').split(',').join(',').includes(value);

for (const file of CORPUS_FILES) {
  test(`every decoded message matches tshark-facts: ${file}`, { skip: tshark ? false : NO_TSHARK }, () => {
    const ours = kerberosMessagesByFrame(corpus(file));
    // Kerberos inside SMB / LDAP security blobs (AP-REQ 14, AP-REP 15) is not on port 88: not ours.
    const port88 = new Set(readFrames(corpus(file), [88]).map((f) => f.frame));
    const theirs = facts(file).filter((f) => port88.has(f.frame));
    assert.ok(theirs.length > 0);
    let checked = 0;
    for (const f of theirs) {
      const m = ours.get(f.frame)?.[0];
      assert.ok(m, `frame ${f.frame}: tshark sees Kerberos ${f.msg_type}, we decoded nothing`);
      assert.equal(MSG_TYPES[m.type], Number(String(f.msg_type).split(',')[0]), `frame ${f.frame} msg_type`);
      if (m.type === 'as-req' || m.type === 'tgs-req') {
        if (m.cname) assert.ok(contains(f.CNameString, m.cname.parts.join(',')), `frame ${f.frame} cname ${m.cname.parts} vs ${f.CNameString}`);
        assert.ok(contains(f.realm, m.realm), `frame ${f.frame} realm`);
        if (m.sname) assert.ok(contains(f.SNameString, m.sname.parts.join(',')), `frame ${f.frame} sname`);
      } else if (m.type === 'as-rep' || m.type === 'tgs-rep') {
        assert.equal(f.crealm, m.crealm, `frame ${f.frame} crealm`);
        assert.ok(contains(f.CNameString, m.cname.parts.join(',')), `frame ${f.frame} cname`);
        assert.ok(contains(f.SNameString, m.ticketSname.parts.join(',')), `frame ${f.frame} ticket sname`);
        assert.ok(contains(f.realm, m.ticketRealm), `frame ${f.frame} ticket realm`);
      } else if (m.type === 'error') {
        assert.equal(m.errorCode, f.error_code, `frame ${f.frame} error_code`);
        assert.ok(contains(f.realm, m.realm), `frame ${f.frame} realm`);
        if (m.crealm) assert.equal(f.crealm, m.crealm, `frame ${f.frame} crealm`);
        if (m.cname) assert.ok(contains(f.CNameString, m.cname.parts.join(',')), `frame ${f.frame} cname`);
        assert.equal(m.sname === null, f.SNameString === undefined, `frame ${f.frame} sname presence`);
        if (m.sname) assert.ok(contains(f.SNameString, m.sname.parts.join(',')), `frame ${f.frame} sname`);
      }
      checked++;
    }
    const oursCount = [...ours.values()].reduce((n, l) => n + l.length, 0);
    assert.equal(oursCount, theirs.length, 'same number of Kerberos messages');
    assert.equal(checked, theirs.length);
  });
}

test('AS-REQ etypes, padata, nonce, till and addresses match tshark (kerberos_tso, kinit)', { skip: tshark ? false : NO_TSHARK }, () => {
  for (const file of ['zeek/kerberos_tso.pcapng', 'zeek/kinit.pcap']) {
    const ours = kerberosMessagesByFrame(corpus(file));
    const r = spawnSync('tshark', ['-n', '-r', corpus(file), '-Y', 'kerberos.msg_type==10', '-T', 'fields', '-E', 'aggregator=,', '-e', 'frame.number', '-e', 'kerberos.ENCTYPE', '-e', 'kerberos.padata_type', '-e', 'kerberos.nonce', '-e', 'kerberos.till', '-e', 'kerberos.addr_nb'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const lines = r.stdout.trim().split('\n');
    assert.ok(lines.length >= 4);
    for (const line of lines) {
      const [frame, etypes, padata, nonce, till, nb] = line.split('\t');
      const m = ours.get(Number(frame))?.[0];
      assert.ok(m && m.type === 'as-req', `frame ${frame}`);
      assert.equal(m.etypes.join(','), etypes);
      assert.equal(m.padataTypes.join(','), padata ?? '');
      assert.equal(m.nonce, Number(nonce));
      assert.equal(Date.parse(m.till ?? ''), Date.parse((till ?? '').replace(/\.\d+ UTC$/, ' UTC')));
      assert.equal(m.addresses.filter((a) => a.type === 20).map((a) => a.value).join(','), nb ?? '');
    }
  }
});
