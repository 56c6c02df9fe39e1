/**
 * 2021 (and 2012) end to end with a learning period of 0 (forensic import), DCs declared: every corpus capture
 * with SMB/SAMR traffic raises exactly the 2021 alerts of expected.json (the encrypted ones, nmap and
 * the DC-to-DC NETLOGON/LSARPC traffic none), and our Samba lab captures behave as their scenarios say.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { SamrCallActivity } from '../../main/engine/activity.ts';
import { corpusPath, repoRoot } from '../helpers/paths.ts';
import { EXPECTED, runCapture } from './2021-corpus-run.ts';

const FILES = [
  'samr-enum-lab/metasploit_smb_enumusers.pcapng',
  'samr-enum-lab/net.exe_group__domain_admins__domain.pcapng',
  'samr-enum-lab/net.exe_user__domain.pcapng',
  'samr-enum-lab/net.exe_user_administrator__domain.pcapng',
  'samr-enum-lab/nmap.pcapng',
  'samr-enum-lab/python.exe_crackmapexec_users.pcapng',
  'samr-enum-lab/python.exe_impacket_samrdump.py.pcapng',
  'samr-enum-lab/rpcclient_enumdomgroups.pcapng',
  'samr-enum-lab/rpcclient_enumdomusers.pcapng',
  'samr-enum-lab/rpcclient_querydispinfo.pcapng',
  'samr-enum-lab/rpcclient_querygroupmem.pcapng',
  'samr-enum-lab/rpcclient_queryuser.pcapng',
  'samr-enum-lab/rpcclient_samlookupnames_domain.pcapng',
  'samr-enum-lab/samr-enum.py_users.pcapng',
  'samr-enum-lab/sharphound_domain_z.pcapng',
  'suricata-verify/20171220_smb_net_user.pcap',
  'zeek/20-fids.pcap',
  'zeek/kerberos_tso.pcapng',
  'zeek/smb3.pcap',
  'zeek/smb311.pcap',
];

/** Titles we expect word for word (UI.md template; no host names are known in these captures). The
 *  net.exe captures authenticate SMB with Kerberos and hold no TGS for cifs/: "An unknown user (Kerberos)". */
const TITLES: Record<string, string> = {
  'samr-enum-lab/net.exe_group__domain_admins__domain.pcapng':
    'An unknown user (Kerberos) on 192.168.11.101 queried 192.168.11.11 over SAMR for members of Domain Admins; 1 sensitive accounts queried. No baseline (learning period off).',
  // The lookup asked for "administrator": RID 500, the well-known Administrator, in its own spelling.
  'samr-enum-lab/net.exe_user_administrator__domain.pcapng':
    'An unknown user (Kerberos) on 192.168.11.101 queried 192.168.11.11 over SAMR for the sensitive account Administrator; 1 sensitive accounts queried. No baseline (learning period off).',
  'samr-enum-lab/rpcclient_enumdomusers.pcapng':
    'enum on 192.168.10.101 queried 192.168.12.11 over SAMR for users; 0 sensitive accounts queried. No baseline (learning period off).',
  'samr-enum-lab/rpcclient_querygroupmem.pcapng':
    'enum on 192.168.10.101 queried 192.168.12.11 over SAMR for members of Domain Admins; 1 sensitive accounts queried. No baseline (learning period off).',
};

for (const file of FILES) {
  test(`2012 and 2021 on ${file}: the alerts of expected.json, no others`, async () => {
    const { alerts } = await runCapture(corpusPath(file));
    for (const det of ['2012', '2021'] as const) {
      const got = alerts.filter((a) => a.detection === det).map((a) => `${a.source}>${a.target}`);
      const want = EXPECTED.filter((e) => e.file === file && e.detection === det).map((e) => `${e.source}>${e.target}`);
      assert.deepEqual(got, want, det);
    }
    const title = TITLES[file];
    if (title) assert.equal(alerts.find((a) => a.detection === '2021')?.summary.title, title);
  });
}

test('net user /domain (NDR64): the multi-fragment EnumerateUsers answer is read whole', async () => {
  const { activities } = await runCapture(corpusPath('samr-enum-lab/net.exe_user__domain.pcapng'));
  const e = activities.find((a): a is SamrCallActivity => a.kind === 'samr' && a.opnum === 13);
  assert.equal(e?.queryClass, 'enumerate-users');
  assert.equal(e?.statusName, 'STATUS_SUCCESS');
  assert.ok((e?.names.length ?? 0) > 100, `${e?.names.length} names`);
});

test('with a learning period, the same file teaches and does not alert', async () => {
  const { alerts } = await runCapture(corpusPath('samr-enum-lab/rpcclient_querygroupmem.pcapng'), { samrLearningS: 28 * 86400 });
  assert.deepEqual(alerts.filter((a) => a.detection === '2021'), []);
});

for (const name of ['samr-recon-admin', 'samr-recon-user'])
  test(`Samba lab ${name}: 2021 against the DC, Domain Admins members exposed`, async () => {
    const { alerts } = await runCapture(path.join(repoRoot, 'test/captures', `${name}.pcap`));
    const got = alerts.filter((a) => a.detection === '2021');
    assert.equal(got.length, 1);
    assert.equal(got[0]!.target, '10.66.0.10');
    assert.deepEqual(got[0]!.summary.details['classes'], ['enumerate-users', 'enumerate-groups', 'members-sensitive-group', 'query-sensitive-account']);
    assert.ok(got[0]!.summary.exposedAccounts.includes('Administrator'));
  });

test('Samba lab benign: ordinary lookups stay plumbing', async () => {
  const { alerts, activities } = await runCapture(path.join(repoRoot, 'test/captures/benign.pcap'));
  assert.ok(activities.some((a) => a.kind === 'samr'), 'the capture has SAMR calls');
  assert.deepEqual(alerts.filter((a) => a.detection === '2021' || a.detection === '2012'), []);
});

test('Samba lab samr-sealed: sealed member queries alert as unread groups, not as "other groups"', async () => {
  const { alerts, activities } = await runCapture(path.join(repoRoot, 'test/captures/samr-sealed.pcap'));
  const members = activities.filter((a): a is SamrCallActivity => a.kind === 'samr' && a.opnum === 25);
  assert.equal(members.length, 2);
  assert.ok(members.every((m) => m.sealed && m.object.unknown === true && m.object.type === 'group' && !m.sensitive));
  const got = alerts.filter((a) => a.detection === '2021');
  assert.equal(got.length, 1);
  assert.equal(
    got[0]!.summary.title,
    'alice on 10.66.0.66 queried 10.66.0.10 over SAMR for users and members of groups it could not read (2 sealed calls); 0 sensitive accounts queried. No baseline (learning period off).',
  );
  assert.deepEqual(got[0]!.summary.exposedAccounts, []);
});
