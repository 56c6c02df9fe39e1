/**
 * 2003 end to end through the engine: the lab's captures of a Samba AD DC enumerated with nmap
 * krb5-enum-users, impacket GetNPUsers and a kerbrute-style UDP script (test/captures, made by
 * test/lab), the benign capture, and the public corpus. Counts are those tshark reads.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { repoRoot, corpusPath } from '../helpers/paths.ts';
import { runPipeline } from '../kerberos/support/run-pipeline.ts';

const capture = (name: string): string => path.resolve(repoRoot, 'test/captures', name);

const cases = [
  { file: 'kerberos-enum-nmap.pcap', total: 26, unknown: 20, exposed: ['administrator', 'alice', 'bob', 'helpdesk', 'olduser', 'svc-legacy'] },
  { file: 'kerberos-enum-getnpusers.pcap', total: 18, unknown: 14, exposed: ['carol', 'dave', 'svc-legacy', 'tadmin'] },
  { file: 'kerberos-enum-udp.pcap', total: 35, unknown: 29, exposed: ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'] },
];

for (const c of cases) {
  test(`${c.file}: one 2003 alert, every guess and matched account`, async () => {
    const { alerts, sink } = await runPipeline([capture(c.file)]);
    assert.equal(alerts.length, 1);
    const a = alerts[0]!;
    assert.deepEqual([a.detection, a.source, a.target], ['2003', '10.66.0.66', '10.66.0.10']);
    assert.equal(a.title, `10.66.0.66 guessed ${c.total} account names against 10.66.0.10 over Kerberos; ${c.exposed.length} exist, ${c.unknown} unknown.`);
    assert.deepEqual([...a.exposedAccounts].sort(), c.exposed);
    assert.equal(a.details['totalGuesses'], c.total);
    assert.deepEqual(a.details['realms'], ['LAB.RECONLENS.TEST']);
    assert.ok(sink.batches.flatMap((b) => b.roles).some((r) => r.ip === '10.66.0.10' && r.role === 'dc' && r.source === 'kerberos-answer'));
    assert.deepEqual(sink.captures[0]?.stats?.decodeErrors, {});
  });
}

test('benign.pcap (logons, a mistyped password, RESPONSE_TOO_BIG retries over TCP): no 2003', async () => {
  const { alerts, sink } = await runPipeline([capture('benign.pcap')]);
  assert.deepEqual(alerts.filter((a) => a.detection === '2003'), []);
  const as = sink.activities.filter((a) => a.kind === 'krb-as');
  assert.equal(as.length, 11);
  assert.deepEqual(as.filter((a) => a.outcome === 'unknown'), []);
  const tgs = sink.activities.filter((a) => a.kind === 'krb-tgs');
  assert.deepEqual(tgs.map((t) => [t.cname, t.sname]), [['alice', 'cifs/dc1.lab.reconlens.test']]);
});

test('corpus kinit.pcap: 2 distinct unknown names do not fire at the default threshold; they do at 2', async () => {
  const file = corpusPath('zeek/kinit.pcap');
  assert.deepEqual((await runPipeline([file])).alerts, []);
  const { alerts } = await runPipeline([file], { enumUnknownNames: 2 });
  assert.equal(alerts.length, 1);
  assert.deepEqual([alerts[0]!.source, alerts[0]!.target], ['192.168.1.31', '192.168.1.32']);
  assert.ok(alerts[0]!.exposedAccounts.includes('valid_client_principal'));
});

test('corpus Kerberos files other than kinit raise nothing', async () => {
  for (const f of ['suricata-verify/krb.pcap', 'suricata-verify/krb5-frag.pcap', 'zeek/kerberos_tso.pcapng', 'zeek/optional-service-name.pcap']) {
    const { alerts, sink } = await runPipeline([corpusPath(f)]);
    assert.deepEqual(alerts, [], f);
    assert.ok(sink.activities.some((a) => a.kind === 'krb-as'), `${f}: guesses decoded`);
  }
});
