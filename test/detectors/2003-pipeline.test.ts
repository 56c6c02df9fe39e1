/**
 * 2003 end to end through the engine: the lab's captures of a Samba AD DC enumerated with nmap
 * krb5-enum-users, impacket GetNPUsers and a kerbrute-style UDP script (test/captures, made by
 * test/lab; the manifest-driven check of every lab capture is 2003-2007-lab-manifest.test.ts), and the public corpus.
 * Counts are those tshark reads.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { repoRoot, corpusPath } from '../helpers/paths.ts';
import { declaredRoles, runPipeline } from '../kerberos/support/run-pipeline.ts';

const CAPTURES = path.resolve(repoRoot, 'test/captures');
const capture = (name: string): string => path.join(CAPTURES, name);
const dc = { roles: declaredRoles(['--dc', '10.66.0.10']) };

const counts = [
  { file: 'kerberos-enum-nmap.pcap', total: 26, unknown: 20, matched: 6 },
  { file: 'kerberos-enum-getnpusers.pcap', total: 18, unknown: 14, matched: 4 },
  { file: 'kerberos-enum-udp.pcap', total: 35, unknown: 29, matched: 6 },
];
for (const c of counts) {
  test(`${c.file}: title counts, every guess in details, DC learned from its answers`, async () => {
    const { alerts, sink } = await runPipeline([capture(c.file)]);
    const a = alerts.find((x) => x.detection === '2003')!;
    assert.match(a.title, new RegExp(` guessed ${c.total} account names against .* over Kerberos; ${c.matched} exist, ${c.unknown} unknown\\.$`));
    assert.equal(a.details['totalGuesses'], c.total);
    assert.equal((a.details['guesses'] as unknown[]).length, c.total);
    assert.deepEqual(a.details['realms'], ['LAB.RECONLENS.TEST']);
    assert.ok(sink.batches.flatMap((b) => b.roles).some((r) => r.ip === '10.66.0.10' && r.role === 'dc' && r.source === 'kerberos-answer'));
    assert.deepEqual(sink.captures[0]?.stats?.decodeErrors, {});
  });
}

test('benign.pcap (logons, a mistyped password, RESPONSE_TOO_BIG retries over TCP): guesses decoded, none unknown', async () => {
  const { sink } = await runPipeline([capture('benign.pcap')], {}, dc);
  const as = sink.activities.filter((a) => a.kind === 'krb-as');
  assert.ok(as.length >= 11);
  assert.deepEqual(as.filter((a) => a.outcome === 'unknown'), []);
  assert.ok(as.some((a) => a.answer.type === 'error' && a.answer.code === 24 && a.outcome === 'exists'), 'the mistyped password');
  assert.ok(sink.activities.some((a) => a.kind === 'krb-tgs' && a.cname === 'alice' && a.sname === 'cifs/dc1.lab.reconlens.test'));
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
