import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DnsTransferActivity } from '../../main/engine/activity.ts';
import { DEFAULT_DETECTION_SETTINGS, type DetectorEnv } from '../../main/engine/detector.ts';
import { createDetector, summarizer } from '../../main/detectors/dns-recon/index.ts';

const T0 = 1_700_000_000_000_000;
const env = (servers: Set<string>): DetectorEnv => ({
  settings: DEFAULT_DETECTION_SETTINGS,
  hasRole: (ip, role) => role === 'dns-server' && servers.has(ip),
  samrBaseline: { learningStart: () => undefined, setLearningStart: () => {}, has: () => false, add: () => {} },
});
let frame = 1;
function xfer(src: string, dst: string, over: Partial<DnsTransferActivity> = {}): DnsTransferActivity {
  return { kind: 'dns-xfer', ts: T0 + frame * 1000, frames: [frame++], src, dst, transport: 'tcp', zone: 'corp.local', qtype: 'AXFR', requestSeen: true, rcode: 0, rcodeName: 'NOERROR', records: 120, serial: 7, ...over };
}

test('a workstation asking for a zone transfer raises an alert keyed (source, server)', () => {
  const d = createDetector();
  const u = d.onActivity(xfer('10.0.0.66', '10.0.0.10'), env(new Set(['10.0.0.10'])));
  assert.deepEqual(u.map((x) => [x.detection, x.source, x.target, x.evidence.length]), [['2007', '10.0.0.66', '10.0.0.10', 1]]);
});

test('a declared or learned DNS server asking (a secondary) raises nothing', () => {
  const d = createDetector();
  assert.deepEqual(d.onActivity(xfer('10.0.0.11', '10.0.0.10'), env(new Set(['10.0.0.10', '10.0.0.11']))), []);
});

test('a source later seen as a DNS server keeps its alert, updated with a note', () => {
  const d = createDetector();
  const servers = new Set(['10.0.0.10']);
  const first = xfer('10.0.0.12', '10.0.0.10');
  assert.equal(d.onActivity(first, env(servers)).length, 1);
  servers.add('10.0.0.12');
  const later = d.onActivity(xfer('10.0.0.12', '10.0.0.10', { ts: T0 + 9e9 }), env(servers));
  // The note carries the time of the alert's own last transfer: it must not stretch the alert.
  assert.deepEqual(later.map((u) => [u.source, u.target, u.ts, u.evidence.length, u.note]), [['10.0.0.12', '10.0.0.10', first.ts, 0, { sourceLaterSeenAsDnsServer: true }]]);
  assert.deepEqual(d.onActivity(xfer('10.0.0.12', '10.0.0.10'), env(servers)), [], 'noted once; later transfers as a server raise nothing');
  const s = summarizer.summarize({ source: '10.0.0.12', target: '10.0.0.10', evidence: [xfer('10.0.0.12', '10.0.0.10')], notes: [{ sourceLaterSeenAsDnsServer: true }], names: { nameOf: () => null }, settings: DEFAULT_DETECTION_SETTINGS });
  assert.equal((s.details as Record<string, unknown>)['sourceLaterSeenAsDnsServer'], true);
});

test('titles per UI.md: records transferred, REFUSED, NOTAUTH, no answer', () => {
  const names = { nameOf: (ip: string) => ({ '10.0.0.66': 'WS17', '10.0.0.10': 'DC01' })[ip] ?? null };
  const sum = (evidence: DnsTransferActivity[]) => summarizer.summarize({ source: '10.0.0.66', target: '10.0.0.10', evidence, notes: [], names, settings: DEFAULT_DETECTION_SETTINGS });
  assert.equal(sum([xfer('10.0.0.66', '10.0.0.10')]).title, 'WS17 (10.0.0.66), not a DNS server, requested a zone transfer (AXFR) of corp.local from DC01 (10.0.0.10); 120 records transferred.');
  assert.equal(sum([xfer('10.0.0.66', '10.0.0.10', { rcode: 5, rcodeName: 'REFUSED', records: 0, serial: null })]).title, 'WS17 (10.0.0.66), not a DNS server, requested a zone transfer (AXFR) of corp.local from DC01 (10.0.0.10); REFUSED.');
  assert.equal(sum([xfer('10.0.0.66', '10.0.0.10', { qtype: 'IXFR', rcode: 9, rcodeName: 'NOTAUTH', records: 0 })]).title.endsWith('(IXFR) of corp.local from DC01 (10.0.0.10); NOTAUTH.'), true);
  const none = sum([xfer('10.0.0.66', '10.0.0.10', { rcode: null, rcodeName: null, records: 0, serial: null })]);
  assert.equal(none.title.endsWith('; no answer.'), true);
  assert.deepEqual(none.exposedAccounts, []);
});

test('details list every transfer; several zones are named in the title', () => {
  const ev = [xfer('10.0.0.66', '10.0.0.10', { zone: 'a.local', rcode: 5, rcodeName: 'REFUSED', records: 0 }), xfer('10.0.0.66', '10.0.0.10', { zone: 'b.local', requestSeen: false, records: 3 })];
  const s = summarizer.summarize({ source: '10.0.0.66', target: '10.0.0.10', evidence: ev, notes: [], names: { nameOf: () => null }, settings: DEFAULT_DETECTION_SETTINGS });
  assert.equal(s.title, '10.0.0.66, not a DNS server, requested a zone transfer (AXFR) of a.local, b.local from 10.0.0.10; 3 records transferred.');
  assert.deepEqual((s.details as Record<string, unknown>)['transfers'], [
    { zone: 'a.local', qtype: 'AXFR', server: '10.0.0.10', rcodeName: 'REFUSED', records: 0, serial: 7, requestSeen: true, frame: ev[0]!.frames[0] },
    { zone: 'b.local', qtype: 'AXFR', server: '10.0.0.10', rcodeName: 'NOERROR', records: 3, serial: 7, requestSeen: false, frame: ev[1]!.frames[0] },
  ]);
});

test('with roleSince: a role learned after the request (same batch) keeps the alert, with the note at once', () => {
  const d = createDetector();
  const since = new Map([['10.0.0.10', 0], ['10.0.0.12', T0 + 5e9]]);
  const e: DetectorEnv = { ...env(new Set(since.keys())), roleSince: (ip) => since.get(ip) ?? null };
  const early = xfer('10.0.0.12', '10.0.0.10');
  assert.deepEqual(d.onActivity(early, e).map((u) => [u.source, u.target, u.evidence.length, u.note]), [['10.0.0.12', '10.0.0.10', 1, { sourceLaterSeenAsDnsServer: true }]]);
  assert.deepEqual(d.onActivity(xfer('10.0.0.12', '10.0.0.10', { ts: T0 + 6e9 }), e), [], 'asking after it became a server raises nothing');
  assert.deepEqual(d.onActivity(xfer('10.0.0.10', '10.0.0.12'), e), [], 'declared (since 0)');
  assert.equal(d.onActivity(xfer('10.0.0.66', '10.0.0.10'), e).length, 1, 'never a server');
});
