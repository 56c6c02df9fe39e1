/**
 * The run loop with a test-only protocol module and detector over crafted captures, into the
 * in-memory sink: activities reach detectors in packet-time order and the sink in batches; several
 * files form one story in packet-time order; imported files are skipped; bad files are reported
 * after the good ones; cancellation marks the capture interrupted; roles, names, SMB users carry.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFiles } from '../../main/pipeline/analyze.ts';
import type { Activity, KerberosAsActivity } from '../../main/engine/activity.ts';
import type { Detector } from '../../main/engine/detector.ts';
import { memorySink } from '../helpers/memory-sink.ts';
import { recordingModule } from '../helpers/recording-module.ts';
import { writeCaptureFile, writePcap, writePcapng } from '../helpers/pcap-writer.ts';
import { ethTcp, ethUdp } from '../helpers/packets.ts';

const C = '10.0.0.5';
const S = '10.0.0.10';
const T0 = 1_700_000_000_000_000;

function asActivity(name: string, frame: number, ts: number, src = C): KerberosAsActivity {
  return { kind: 'krb-as', ts, frames: [frame], src, dst: S, transport: 'udp', cname: name, realm: 'CORP', sname: 'krbtgt', etypes: [], padataTypes: [], answer: { type: 'none' }, outcome: 'unknown' };
}

/** UDP 88 datagrams whose text becomes an activity ("name" or "name@tsOffsetMs" to back-date it). */
function module() {
  return recordingModule({
    udpPorts: [88],
    onData: (ctx, conv, _fromClient, data, frame, ts) => {
      const [name = '', back] = data.toString().split('@');
      if (name === 'role') return ctx.learnRole(conv.serverIp, 'dc', 'kerberos-answer', ts);
      if (name === 'name') return ctx.learnName(conv.serverIp, 'DC01.corp.local', 'dns', ts);
      ctx.emit(asActivity(name, frame, back ? ts - Number(back) * 1000 : ts, conv.clientIp));
    },
  });
}

/** Sees every activity; raises an update on each 3rd one from the same source; records the order. */
function countingDetector(seen: string[]): Detector {
  const counts = new Map<string, number>();
  return {
    id: '2003',
    onActivity(a: Activity, env) {
      if (a.kind !== 'krb-as') return [];
      seen.push(`${a.cname}${env.hasRole(a.dst, 'dc') ? '+dc' : ''}`);
      const n = (counts.get(a.src) ?? 0) + 1;
      counts.set(a.src, n);
      return n % 3 === 0 ? [{ detection: '2003', source: a.src, target: a.dst, ts: a.ts, evidence: [a] }] : [];
    },
  };
}

const udp = (payload: string, src = C) => ethUdp({ src, dst: S, sport: 5000, dport: 88, payload });
const file = (name: string, payloads: string[], t0 = T0, ng = false) => {
  const pk = payloads.map((p, i) => ({ data: udp(p), ts: t0 + i * 1_000_000 }));
  return writeCaptureFile(name, ng ? writePcapng(pk) : writePcap(pk));
};

test('activities go to detectors in packet-time order and to the sink in batches', async () => {
  const sink = memorySink();
  const seen: string[] = [];
  const f = file('a.pcap', ['a', 'b', 'c@1500', 'd', 'e', 'f', 'g']);
  const r = await analyzeFiles([f], { sink, modules: [module()], detectors: [countingDetector(seen)], batchPackets: 4 });
  assert.deepEqual(seen, ['a', 'c', 'b', 'd', 'e', 'f', 'g']);
  assert.equal(sink.batches.length, 2);
  assert.deepEqual(sink.batches.map((b) => b.progress.lastFrame), [4, 7]);
  assert.deepEqual(sink.activities.map((a) => (a.kind === 'krb-as' ? a.cname : '')), ['a', 'c', 'b', 'd', 'e', 'f', 'g']);
  assert.equal(r.alertIds.length, 1);
  assert.equal(sink.alerts.get(`2003|${C}|${S}`)?.updates.length, 2);
  const cap = sink.captures[0]!;
  assert.equal(cap.status, 'complete');
  assert.equal(cap.stats?.packets, 7);
  assert.deepEqual(cap.stats?.protocols, { test: 7 });
  assert.match(cap.sha256 ?? '', /^[0-9a-f]{64}$/);
  assert.equal(r.captures[0]?.status, 'complete');
});

test('several files: analysed in packet-time order as one story; bad files reported after', async () => {
  const sink = memorySink();
  const seen: string[] = [];
  const late = file('late.pcap', ['x3', 'x4'], T0 + 100_000_000);
  const early = file('early.pcapng', ['x1', 'x2'], T0, true);
  const text = writeCaptureFile('notes.txt', Buffer.from('not a capture\n'));
  const r = await analyzeFiles([late, text, early], { sink, modules: [module()], detectors: [countingDetector(seen)] });
  assert.deepEqual(seen, ['x1', 'x2', 'x3', 'x4']);
  assert.deepEqual(r.captures.map((c) => [c.file, c.status]), [
    [early, 'complete'],
    [late, 'complete'],
    [text, 'refused'],
  ]);
  assert.equal(r.captures[2]?.reason, 'not a capture file (looks like text)');
  assert.equal(sink.alerts.size, 1, 'the third activity (in the second file) raised the alert: state carried over');
  assert.equal(sink.captures.length, 2, 'nothing written for the bad file');
});

test('a file imported completely before is skipped without reading', async () => {
  const sink = memorySink();
  const f = file('same.pcap', ['a']);
  await analyzeFiles([f], { sink, modules: [module()], detectors: [] });
  const again = await analyzeFiles([f], { sink, modules: [module()], detectors: [] });
  assert.equal(again.captures[0]?.status, 'already-imported');
  assert.equal(again.captures[0]?.captureId, 1);
  assert.equal(sink.captures.length, 1);
  assert.equal(sink.batches.length, 1);
});

test('cancellation marks the capture interrupted and keeps what was written', async () => {
  const sink = memorySink();
  const stop = new AbortController();
  const big = file('big.pcap', Array.from({ length: 20_000 }, (_, i) => `n${i}`));
  const mod = recordingModule({
    udpPorts: [88],
    onData: (ctx, conv, _c, data, frame, ts) => {
      ctx.emit(asActivity(data.toString(), frame, ts));
      if (frame === 500) stop.abort();
    },
  });
  const r = await analyzeFiles([big, file('next.pcap', ['z'], T0 + 1e12)], { sink, modules: [mod], detectors: [], signal: stop.signal });
  assert.equal(r.interrupted, true);
  assert.deepEqual(r.captures.map((c) => c.status), ['interrupted']);
  assert.equal(sink.captures[0]?.status, 'interrupted');
  const written = sink.activities.length;
  assert.ok(written >= 500 && written < 20_000, `${written} activities written`);
});

test('roles: seeded from the store, learned ones sent once; names feed SMB user inference', async () => {
  const sink = memorySink({ roles: [{ ip: '10.9.9.9', role: 'dc', source: 'declared', ts: 0 }] });
  const seen: string[] = [];
  let inferred = '';
  const mod = recordingModule({
    udpPorts: [88],
    onData: (ctx, conv, _c, data, frame, ts) => {
      const t = data.toString();
      if (t === 'role') ctx.learnRole(conv.serverIp, 'dc', 'kerberos-answer', ts);
      else if (t === 'name') ctx.learnName(conv.serverIp, 'DC01.corp.local', 'dns', ts);
      else if (t === 'ticket') ctx.sessionUsers.noteServiceTicket(conv.clientIp, 'cifs', 'dc01.CORP.local', { name: 'alice', domain: 'CORP', source: 'kerberos-tgs' }, ts);
      else if (t === 'who') inferred = JSON.stringify(ctx.sessionUsers.get(conv.clientIp, conv.serverIp));
      else ctx.emit(asActivity(t, frame, ts, conv.clientIp));
    },
  });
  const f = file('roles.pcap', ['before', 'role', 'role', 'name', 'ticket', 'who']);
  const declared = writeCaptureFile('declared.pcap', writePcap([{ data: ethUdp({ src: C, dst: '10.9.9.9', sport: 1, dport: 88, payload: 'x' }) }]));
  await analyzeFiles([f, declared], { sink, modules: [mod], detectors: [countingDetector(seen)] });
  assert.deepEqual(seen, ['before+dc', 'x+dc'], 'detectors run at the batch end, after the role was learned');
  const roles = sink.batches.flatMap((b) => b.roles);
  assert.deepEqual(roles.map((r) => [r.ip, r.role, r.source]), [[S, 'dc', 'kerberos-answer']]);
  assert.deepEqual(sink.batches.flatMap((b) => b.names).map((n) => n.name), ['DC01.corp.local']);
  assert.deepEqual(JSON.parse(inferred), { name: 'alice', domain: 'CORP', source: 'kerberos-tgs' });
});

test('capture stats: link types, skipped reasons with frames, decode errors, TCP gaps', async () => {
  const sink = memorySink();
  const mod = recordingModule({ tcpPorts: [445], onData: (ctx, _conv, _c, data, frame) => data.toString() === 'bad' && ctx.decodeError('test', 'bad thing', frame) });
  const pk = [
    { data: ethTcp({ src: C, dst: S, sport: 50000, dport: 445, seq: 1, payload: 'bad' }) },
    { data: Buffer.alloc(10), linkType: 147 },
    { data: ethTcp({ src: C, dst: S, sport: 50000, dport: 445, seq: 100, payload: 'later' }) },
  ];
  const f = writeCaptureFile('stats.pcapng', writePcapng(pk));
  await analyzeFiles([f], { sink, modules: [mod], detectors: [] });
  const s = sink.captures[0]!.stats!;
  assert.equal(s.format, 'pcapng');
  assert.deepEqual(s.linkTypes, [1, 147]);
  assert.deepEqual(s.skipped, { 'unknown-link-type-147': 1 });
  assert.deepEqual(s.skippedFrames, { 'unknown-link-type-147': [2] });
  assert.deepEqual(s.decodeErrors, { 'test: bad thing': 1 });
  assert.equal(s.blindSpots.tcpGaps, 1, 'the hole before "later" became a gap at the end');
  assert.deepEqual(s.blindSpotPairs, { [`${C}>${S}`]: { tcpGap: 1 } });
});

test('an interrupted import resumed by the store does not write twice what it wrote before', async () => {
  const base = memorySink();
  const sink = { ...base, beginCapture: (info: Parameters<typeof base.beginCapture>[0]) => ({ ...base.beginCapture(info), resumeFromFrame: 2 }) };
  const seen: string[] = [];
  await analyzeFiles([file('resume.pcap', ['a', 'b', 'c', 'd'])], { sink, modules: [module()], detectors: [countingDetector(seen)] });
  assert.deepEqual(seen, ['a', 'b', 'c', 'd'], 'detector state is rebuilt from the start');
  assert.deepEqual(base.activities.map((a) => (a.kind === 'krb-as' ? a.cname : '')), ['c', 'd']);
  assert.equal(base.alerts.get(`2003|${C}|${S}`)?.updates.length, 1);
});
