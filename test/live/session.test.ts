/**
 * LiveSession (what the Live page drives) with a stand-in capture tool: a script that writes a
 * corpus capture to stdout like dumpcap, then waits for SIGINT and prints dumpcap's counters.
 * Needs no privileges and no network.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../db/store.ts';
import { SUMMARIZERS } from '../../main/detectors/index.ts';
import type { StoredAlertRef } from '../../main/engine/sink.ts';
import { LiveSession } from '../../main/live/session.ts';
import { forwardingSink } from '../../main/siem/forwarding-sink.ts';

const PCAP = '/work/shared/corpus/samr-enum-lab/net.exe_user__domain.pcapng';
const work = mkdtempSync(join(tmpdir(), 'rl-session-'));
after(() => rmSync(work, { recursive: true, force: true }));

function fakeTool(name: string, body: string): string {
  const file = join(work, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

const replaying = () =>
  fakeTool(
    'fake-dumpcap',
    `echo "Capturing on '$2'" >&2
trap 'echo "Packets received/dropped on interface '"'"'$2'"'"': 77/2 (pcap:1/dumpcap:0/flushed:0/ps_ifdrop:1) (97.4%)" >&2; kill $idle; exit 0' INT TERM
cat '${PCAP}'
# Idle until stopped, as dumpcap does on a quiet interface (the idle child must not keep stdout open).
sleep 600 >/dev/null & idle=$!
wait $idle`,
  );

test('start, alerts as they are written, stop: status for the Live page', { skip: !existsSync(PCAP) ? `corpus missing: ${PCAP}` : false, timeout: 60_000 }, async () => {
  const store = openStore(join(work, 'live.db'));
  store.setSetting('samrLearningS', 0);
  store.declareRole('192.168.11.11', 'dc');
  let gotAlert!: (refs: StoredAlertRef[]) => void;
  const alerted = new Promise<StoredAlertRef[]>((r) => (gotAlert = r));
  const session = new LiveSession({
    dataDir: work,
    env: { ...process.env, RECONLENS_DUMPCAP: replaying() },
    createSink: (onAlerts) => forwardingSink(store.createSink(SUMMARIZERS), onAlerts),
    onAlerts: (refs) => gotAlert(refs),
  });
  const started = await session.start({ interface: 'fake0', ring: { files: 2, fileMb: 1 } });
  assert.equal(started.state, 'running');
  assert.equal(started.interface, 'fake0');
  assert.deepEqual(started.ring, { dir: join(work, 'live'), files: 2, fileMb: 1 }, 'the ring options, for the Live page');
  await assert.rejects(session.start({ interface: 'fake1' }), /already running on fake0/);
  const refs = await alerted; // written by the 2 s batch timer while the capture runs
  assert.equal(refs[0]?.created, true);
  assert.equal(session.status().alerts, 1);
  const stopped = await session.stop();
  assert.equal(stopped.state, 'idle');
  assert.ok(stopped.packets > 0 && stopped.bytes > 0);
  assert.deepEqual(stopped.drops, { kernel: 1, iface: 1 });
  assert.equal(stopped.ringFiles.length, 1);
  assert.equal(session.result?.status, 'complete');
  assert.match(session.result?.message ?? '', /dumpcap: 77 received, 1 dropped by the kernel, 1 dropped by the interface/);
  const cap = store.capturesJson([session.result!.captureId])[0];
  assert.match(String(cap?.file), /^live:fake0@/);
  assert.deepEqual(store.alertsJson({}).map((a) => `${a.detection} ${a.source.ip} ${a.target.ip}`), ['2021 192.168.11.101 192.168.11.11']);
  store.close();
});

test('a capture permission problem is an error state with the fix', async () => {
  const denied = fakeTool(
    'denied-dumpcap',
    `echo "Capturing on '$2'" >&2
echo "dumpcap: You do not have permission to capture on device \\"$2\\"." >&2
echo "(socket: Operation not permitted)" >&2
exit 1`,
  );
  const store = openStore(join(work, 'denied.db'));
  const session = new LiveSession({ dataDir: work, env: { ...process.env, RECONLENS_DUMPCAP: denied }, createSink: (on) => forwardingSink(store.createSink(SUMMARIZERS), on) });
  const s = await session.start({ interface: 'eth1' });
  assert.equal(s.state, 'error');
  assert.equal(s.error, 'dumpcap cannot capture on eth1: permission denied');
  assert.match(s.fix ?? '', /setcap cap_net_raw,cap_net_admin\+eip .*denied-dumpcap/);
  assert.deepEqual(store.capturesJson([]).length, 0, 'no empty capture row left behind');
  // A later start is allowed after an error.
  const again = await session.start({ interface: 'eth1' });
  assert.equal(again.state, 'error');
  store.close();
});
