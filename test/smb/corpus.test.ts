/**
 * SMB2/3 and the DCE/RPC it carries, on corpus captures, compared with tshark (the decoder of
 * record): binds (call id, context id, interface UUID), every REQUEST/RESPONSE/FAULT PDU (type,
 * call id, context id, opnum, auth level), SAMR/SRVSVC opnums handed to interface handlers, NTLM
 * users, and SMB3 encrypted frame counts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { corpus, repoRoot, tsharkFacts } from '../dcerpc/support/tshark-streams.ts';
import { expand, runSmb } from './support.ts';

const SAMR = '12345778-1234-abcd-ef00-0123456789ac';
const SRVSVC = '4b324fc8-1670-01d3-1278-5a47bf6ee188';

const FILES = [
  'zeek/20-fids.pcap',
  'zeek/smb3.pcap',
  'zeek/smb311.pcap',
  'suricata-verify/20171220_smb_net_user.pcap',
  'samr-enum-lab/net.exe_group__domain_admins__domain.pcapng',
  'samr-enum-lab/net.exe_user__domain.pcapng',
  'samr-enum-lab/net.exe_user_administrator__domain.pcapng',
  'samr-enum-lab/nmap.pcapng',
  'samr-enum-lab/python.exe_crackmapexec_users.pcapng',
  'samr-enum-lab/python.exe_impacket_samrdump.py.pcapng',
  'samr-enum-lab/metasploit_smb_enumusers.pcapng',
  'samr-enum-lab/rpcclient_enumdomgroups.pcapng',
  'samr-enum-lab/rpcclient_enumdomusers.pcapng',
  'samr-enum-lab/rpcclient_querydispinfo.pcapng',
  'samr-enum-lab/rpcclient_querygroupmem.pcapng',
  'samr-enum-lab/rpcclient_queryuser.pcapng',
  'samr-enum-lab/rpcclient_samlookupnames_domain.pcapng',
  'samr-enum-lab/samr-enum.py_users.pcapng',
  'samr-enum-lab/sharphound_domain_z.pcapng',
  // Ours (test/smb/captures/make-capture.sh): SMB2 with interim STATUS_PENDING, and SMB1 pipes (WRITE_ANDX / READ_ANDX).
  'local:rpcclient-smb1-smb2.pcap',
];
const resolve = (name: string): string =>
  name.startsWith('local:') ? path.resolve(repoRoot, 'test/smb/captures', name.slice(6)) : corpus(name);

for (const name of FILES) {
  test(`SMB + DCE/RPC equal tshark: ${name}`, () => {
    const file = resolve(name);
    const r = runSmb(file);
    const onSmb = (f: Record<string, string | number>): boolean => r.smbFrames.has(Number(f['frame']));

    const dcerpc = tsharkFacts(file, 'dcerpc').filter(onSmb);
    assert.deepEqual(r.binds, expand(dcerpc.filter((f) => f['kind'] === 'dcerpc-bind'), ['cn_call_id', 'cn_ctx_id', 'cn_bind_to_uuid']), 'binds');
    assert.deepEqual(r.pdus, expand(dcerpc.filter((f) => f['kind'] === 'dcerpc-call'), ['pkt_type', 'cn_call_id', 'cn_ctx_id', 'opnum', 'auth_level']), 'call PDUs');

    // Every SAMR / SRVSVC request reaches its interface handler with tshark's opnum.
    for (const [uuid, what] of [[SAMR, 'samr'], [SRVSVC, 'srvsvc']] as const) {
      const handed = r.interfaces.calls.filter((c) => c.interfaceUuid === uuid).map((c) => c.opnum).sort((a, b) => a - b);
      const expected = tsharkFacts(file, what).filter(onSmb).filter((f) => f['pkt_type'] === 0).map((f) => Number(f['opnum'])).sort((a, b) => a - b);
      assert.deepEqual(handed, expected, `${what} opnums`);
      for (const c of r.interfaces.calls.filter((x) => x.interfaceUuid === uuid)) assert.equal(c.assoc.pipe, what === 'samr' ? 'samr' : 'srvsvc');
    }

    const sealedPdus = expand(dcerpc.filter((f) => f['kind'] === 'dcerpc-call'), ['auth_level']).filter((l) => l.endsWith(' 6')).length;
    const blind = [...r.ctx.blindSpots].filter(([k]) => k.startsWith('rpcEncrypted ')).reduce((n, [, v]) => n + v, 0);
    assert.equal(blind, sealedPdus, 'rpcEncrypted PDUs');

    const smb = tsharkFacts(file, 'smb');
    const ntlmExpected = smb.filter((f) => f['kind'] === 'ntlm-auth' && onSmb(f)).map((f) => `${f['domain']} ${f['username']}`).sort();
    const ntlmSeen = [
      ...r.ctx.userHistory.filter((u) => u.user.source === 'ntlmssp').map((u) => `${u.user.domain ?? 'NULL'} ${u.user.name ?? 'NULL'}`),
      ...r.rpcAuths,
    ].sort();
    assert.deepEqual(ntlmSeen, ntlmExpected, 'NTLM users');

    const encrypted = smb.filter((f) => f['kind'] === 'smb3-encrypted').length;
    const counted = [...r.ctx.blindSpots].filter(([k]) => k.startsWith('smb3Encrypted ')).reduce((n, [, v]) => n + v, 0);
    assert.equal(counted, encrypted, 'SMB3 encrypted frames');
    assert.deepEqual(r.ctx.decodeErrors, [], 'no decode errors');
  });
}

test('our SMB1 + SMB2 capture: every connection reaches SAMR and SRVSVC, users from NTLMSSP', () => {
  const r = runSmb(resolve('local:rpcclient-smb1-smb2.pcap'));
  const byPipe = (pipe: string) => r.interfaces.calls.filter((c) => c.assoc.pipe === pipe).map((c) => c.opnum);
  // rpcclient over SMB2, then impacket over SMB1: Connect5 .. EnumerateUsersInDomain, and NetrSessionEnum.
  assert.deepEqual(byPipe('samr').filter((o) => o === 13).length, 2);
  assert.deepEqual(byPipe('srvsvc').filter((o) => o === 12).length, 2);
  assert.ok(r.interfaces.calls.every((c) => c.assoc.user.name === 'nobody' && c.assoc.user.source === 'ntlmssp'));
  assert.deepEqual(r.connections.map((c) => c.smb2.dialect !== null), [true, false, false]);
});

test('suricata net user: the Kerberos session is "unknown (Kerberos)", the ticket names the DC; 20-fids: WORKGROUP\\zeek on TINKYX390', () => {
  const k = runSmb(corpus('suricata-verify/20171220_smb_net_user.pcap'));
  assert.deepEqual(k.ctx.userHistory.map((u) => u.user), [{ name: null, domain: null, source: 'kerberos' }]);
  assert.ok(k.interfaces.calls.every((c) => c.assoc.user.source === 'kerberos'));
  // The AP-REQ's ticket (tshark: kerberos.SNameString cifs, DC1.contoso.local) names the server.
  assert.deepEqual(k.ctx.names, [{ ip: '192.168.10.10', name: 'DC1.contoso.local', source: 'kerberos' }]);
  const z = runSmb(corpus('zeek/20-fids.pcap'));
  assert.deepEqual(z.ctx.userHistory.map((u) => u.user), [{ name: 'zeek', domain: 'WORKGROUP', source: 'ntlmssp', workstation: 'TINKYX390' }]);
  assert.ok(z.ctx.names.some((n) => n.ip === '172.17.0.1' && n.name === 'TINKYX390'));
  assert.equal(new Set(z.interfaces.calls.map((c) => c.assoc)).size, 20);
});
