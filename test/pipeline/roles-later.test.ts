/**
 * Roles learned later in the same batch (DetectorEnv.roleSince): a source that asks for a zone
 * transfer and only afterwards answers DNS queries for two clients is alerted (2007) with the note
 * "later seen as a DNS server"; hasRole alone (which sees the whole batch) would have hidden it.
 * One that answered before it asked is a DNS server doing its job: nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runPipeline } from '../kerberos/support/run-pipeline.ts';
import { writeCaptureFile, writePcap } from '../helpers/pcap-writer.ts';
import { ethUdp } from '../helpers/packets.ts';
import { a, message } from '../dns/support/dns-builder.ts';
import { EngineContext } from '../../main/pipeline/context.ts';

const X = '10.0.0.21';
const S = '10.0.0.10';
const C1 = '10.0.0.31';
const C2 = '10.0.0.32';
const T0 = 1_700_000_000_000_000;
const ZONE = 'corp.example';

/** X asks S for AXFR (REFUSED); X answers A queries from C1 and C2. `answersFirst` swaps the order. */
function capture(name: string, answersFirst: boolean): string {
  const xfr = [
    ethUdp({ src: X, dst: S, sport: 40000, dport: 53, payload: message({ id: 7, questions: [{ name: ZONE, type: 252 }] }) }),
    ethUdp({ src: S, dst: X, sport: 53, dport: 40000, payload: message({ id: 7, response: true, rcode: 5, questions: [{ name: ZONE, type: 252 }] }) }),
  ];
  const answers = [C1, C2].flatMap((c, i) => [
    ethUdp({ src: c, dst: X, sport: 41000 + i, dport: 53, payload: message({ id: 20 + i, questions: [{ name: `h${i}.${ZONE}`, type: 1 }] }) }),
    ethUdp({ src: X, dst: c, sport: 53, dport: 41000 + i, payload: message({ id: 20 + i, response: true, questions: [{ name: `h${i}.${ZONE}`, type: 1 }], answers: [a(`h${i}.${ZONE}`, `10.0.1.${i + 1}`)] }) }),
  ]);
  const frames = answersFirst ? [...answers, ...xfr] : [...xfr, ...answers];
  return writeCaptureFile(name, writePcap(frames.map((data, i) => ({ data, ts: T0 + i * 1_000_000 }))));
}

test('2007: a source that answers DNS only after its transfer request is alerted with the "later seen as a DNS server" note', async () => {
  const { alerts, sink } = await runPipeline([capture('xfr-then-serve.pcap', false)]);
  assert.equal(sink.batches.length, 1, 'request and answers in one batch');
  assert.ok(sink.batches[0]!.roles.some((r) => r.ip === X && r.role === 'dns-server'));
  assert.equal(alerts.length, 1);
  const alert = alerts[0]!;
  assert.deepEqual([alert.detection, alert.source, alert.target], ['2007', X, S]);
  assert.equal(alert.details['sourceLaterSeenAsDnsServer'], true);
  assert.match(alert.title, new RegExp(`^${X.replace(/\./g, '\\.')}, not a DNS server, requested a zone transfer \\(AXFR\\) of ${ZONE} from`));
});

test('2007: a source that answered DNS for two clients before asking raises nothing', async () => {
  const { alerts } = await runPipeline([capture('serve-then-xfr.pcap', true)]);
  assert.deepEqual(alerts, []);
});

test('EngineContext.roleSince: first time of each role; declared and stored roles answer 0', () => {
  const ctx = new EngineContext({ roles: [{ ip: S, role: 'dns-server', source: 'declared', ts: 0 }], names: [] });
  assert.equal(ctx.roleSince(S, 'dns-server'), 0);
  ctx.learnRole(S, 'dns-server', 'dns-answers', 50);
  assert.equal(ctx.roleSince(S, 'dns-server'), 0);
  assert.equal(ctx.roleSince(X, 'dc'), null);
  ctx.learnRole(X, 'dc', 'kerberos-answer', 200);
  ctx.learnRole(X, 'dc', 'samr-answer', 300);
  ctx.learnRole(X, 'dc', 'smb-server', 100);
  assert.equal(ctx.roleSince(X, 'dc'), 100);
  assert.equal(ctx.roleSince(X, 'dns-server'), null);
  assert.equal(ctx.hasRole(X, 'dc'), true);
});
