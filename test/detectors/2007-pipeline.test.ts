/**
 * 2007 end to end through the engine: dig axfr / ixfr from a workstation (test/captures, made by
 * test/lab against a Samba AD DC and a bind9 secondary), the secondary's own transfer, the benign
 * capture, and the corpus's answer-only AXFR.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { repoRoot, corpusPath } from '../helpers/paths.ts';
import { runPipeline } from '../kerberos/support/run-pipeline.ts';

const CAPTURES = path.resolve(repoRoot, 'test/captures');
const capture = (name: string): string => path.join(CAPTURES, name);

test('dns-axfr-workstation.pcap: the workstation is alerted for each server it asked', async () => {
  const { alerts } = await runPipeline([capture('dns-axfr-workstation.pcap')]);
  const byTarget = new Map(alerts.map((a) => [a.target, a]));
  assert.deepEqual(alerts.map((a) => [a.detection, a.source]), [['2007', '10.66.0.21'], ['2007', '10.66.0.21']]);
  const dc = byTarget.get('10.66.0.10')!;
  assert.match(dc.title, /^\S+ \(10\.66\.0\.21\), not a DNS server, requested a zone transfer \(AXFR\/IXFR\) of lab\.reconlens\.test from \S+ \(10\.66\.0\.10\); 0 records transferred\.$/);
  const ns2 = byTarget.get('10.66.0.53')!;
  assert.match(ns2.title, /^\S+ \(10\.66\.0\.21\), not a DNS server, requested a zone transfer \(AXFR\/IXFR\) of lab\.reconlens\.test from \S+ \(10\.66\.0\.53\); 21 records transferred\.$/);
  assert.deepEqual(ns2.details['transfers'], [
    { zone: 'lab.reconlens.test', qtype: 'AXFR', server: '10.66.0.53', rcodeName: 'NOERROR', records: 16, serial: 2026120402, requestSeen: true, frame: 38 },
    { zone: 'lab.reconlens.test', qtype: 'IXFR', server: '10.66.0.53', rcodeName: 'NOERROR', records: 5, serial: 2026120402, requestSeen: true, frame: 48 },
  ]);
});

test('the secondary transferring its zone raises nothing (benign.pcap, dns-secondary-transfer.pcap)', async () => {
  for (const f of ['benign.pcap', 'dns-secondary-transfer.pcap']) {
    const { alerts, sink } = await runPipeline([capture(f)]);
    assert.deepEqual(alerts, [], f);
    assert.equal(sink.activities.filter((a) => a.kind === 'dns-xfer' && a.src === '10.66.0.53').length, 2, f);
    assert.ok(sink.batches.flatMap((b) => b.roles).some((r) => r.ip === '10.66.0.53' && r.role === 'dns-server'), f);
  }
});

test('a declared DNS server transferring raises nothing', async () => {
  const { alerts } = await runPipeline([capture('dns-axfr-workstation.pcap')], {}, { roles: [{ ip: '10.66.0.21', role: 'dns-server', source: 'declared', ts: 0 }] });
  assert.deepEqual(alerts, []);
});

test('corpus 1tcpdnsaxfr.pcap: an answer-only AXFR is reported with requestSeen false', async () => {
  const { alerts } = await runPipeline([corpusPath('ncsc-pef/1tcpdnsaxfr.pcap')]);
  assert.equal(alerts.length, 1);
  assert.equal(alerts[0]!.title, '1.1.1.2, not a DNS server, requested a zone transfer (AXFR) of etas.com from welcome.etas.com (1.1.1.1); 4 records transferred.');
  assert.deepEqual(alerts[0]!.details['transfers'], [{ zone: 'etas.com', qtype: 'AXFR', server: '1.1.1.1', rcodeName: 'NOERROR', records: 4, serial: 3, requestSeen: false, frame: 1 }]);
});
