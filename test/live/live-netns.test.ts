/**
 * Live capture end to end: corpus captures are replayed with tcpreplay into one end of a veth
 * pair and captured live (dumpcap in the other namespace -> streaming reader -> engine -> store).
 * The (detection, source, target) alerts must equal those of an offline analysis of the same file.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../db/store.ts';
import { SUMMARIZERS } from '../../main/detectors/index.ts';
import { analyzeFiles } from '../../main/pipeline/analyze.ts';
import { runLiveCapture, type LiveProgress } from '../../main/live/live-capture.ts';
import { findTool } from '../../main/live/tools.ts';
import { createNetnsPair, netnsUnavailable } from './netns.ts';

const CORPUS = '/work/shared/corpus';
const CASES = [
  { file: 'samr-enum-lab/net.exe_user__domain.pcapng', dc: '192.168.11.11', expect: '2021 192.168.11.101 192.168.11.11' },
  { file: 'samr-enum-lab/sharphound_domain_z.pcapng', dc: '192.168.12.11', expect: '2012 192.168.11.101 192.168.12.11' },
  { file: 'ncsc-pef/1tcpdnsaxfr.pcap', dc: null, expect: '2007 1.1.1.2 1.1.1.1' },
];

const skipReason =
  netnsUnavailable() ?? (!findTool('dumpcap') ? 'dumpcap is not installed' : null) ?? (!existsSync('/usr/bin/tcpreplay') ? 'tcpreplay is not installed' : null) ?? (!existsSync(CORPUS) ? `no corpus at ${CORPUS}` : null);
if (skipReason) console.log(`# live-netns skipped: ${skipReason}`);

const work = mkdtempSync(join(tmpdir(), 'rl-live-'));
after(() => rmSync(work, { recursive: true, force: true }));

function packetCount(file: string): number {
  const row = execFileSync('capinfos', ['-M', '-c', '-T', file], { encoding: 'utf8' }).trim().split('\n').pop()!.split('\t');
  return Number(row[1]);
}

function prepare(dbFile: string, dc: string | null) {
  const store = openStore(dbFile);
  store.setSetting('samrLearningS', 0);
  if (dc) store.declareRole(dc, 'dc');
  return store;
}

const keys = (store: ReturnType<typeof openStore>) =>
  store
    .alertsJson({})
    .map((a) => `${a.detection} ${a.source.ip} ${a.target.ip}`)
    .sort();

for (const c of CASES) {
  // The timeout only guards against a hang (packets that never arrive); it asserts nothing.
  test(`live capture over a veth pair finds what offline analysis finds: ${c.file}`, { skip: skipReason ?? false, timeout: 120_000 }, async () => {
    const pcap = join(CORPUS, c.file);
    const tag = String(process.pid);
    const ns = createNetnsPair(tag);
    try {
      // Offline reference.
      const offline = prepare(join(work, `offline-${tag}-${CASES.indexOf(c)}.db`), c.dc);
      await analyzeFiles([pcap], { sink: offline.createSink(SUMMARIZERS) });
      const expected = keys(offline);
      offline.close();
      if (c.expect) assert.ok(expected.includes(c.expect), `offline analysis raised ${c.expect}: ${expected.join(', ')}`);


      const live = prepare(join(work, `live-${tag}-${CASES.indexOf(c)}.db`), c.dc);
      const total = packetCount(pcap);
      let want = total;
      const ac = new AbortController();
      let replayed = false;
      let lastProgress: LiveProgress | null = null;
      const ringDir = join(work, `ring-${CASES.indexOf(c)}`);
      let allIn!: () => void;
      const allInPromise = new Promise<void>((resolve) => (allIn = resolve));
      let replayExit: Promise<number | null> = Promise.resolve(null);
      let replayOut = '';
      const result = runLiveCapture({
        iface: ns.ifB,
        sink: live.createSink(SUMMARIZERS),
        signal: ac.signal,
        ring: { dir: ringDir, files: 3, fileBytes: 1 << 20 },
        env: { ...process.env, RECONLENS_DUMPCAP: ns.wrapper(work, ns.b, 'dumpcap') },
        onStarted: () => {
          // Capture is running: replay the file into the other end.
          const replay = spawn('ip', ['netns', 'exec', ns.a, 'tcpreplay', '-i', ns.ifA, '--mbps', '50', pcap], { stdio: ['ignore', 'pipe', 'pipe'] });
          replay.stdout.on('data', (d: Buffer) => (replayOut += d.toString()));
          replay.stderr.on('data', (d: Buffer) => (replayOut += d.toString()));
          replayExit = once(replay, 'close').then(([code]) => {
            replayed = true;
            // Wait for what tcpreplay says it sent; a frame it could not send would never arrive.
            want = Number(/Successful packets:\s+(\d+)/.exec(replayOut)?.[1] ?? want);
            if (lastProgress && lastProgress.packets >= want) allIn();
            return code as number | null;
          });
        },
        onProgress: (p) => {
          lastProgress = p;
          // Wait for every replayed packet (the interface may add IPv6 router solicitations etc.).
          if (replayed && p.packets >= want) allIn();
        },
      });
      // Stop when everything came in, or when the capture ended on its own (then the asserts say why).
      await Promise.race([allInPromise, result.then(() => undefined, () => undefined)]);
      ac.abort();
      assert.equal(await replayExit, 0, `tcpreplay succeeded: ${replayOut}`);
      assert.equal(want, total, `tcpreplay sent every packet: ${replayOut}`);
      const r = await result;
      assert.equal(r.status, 'complete', r.message);
      assert.ok(r.stats.packets >= want, `captured ${r.stats.packets} of ${want}`);
      assert.equal(r.toolStats.droppedKernel, 0, r.message);
      assert.ok(r.ringFiles.length >= 1 && r.ringFiles.every((f) => existsSync(f)), 'ring files kept');
      assert.ok(readdirSync(ringDir).length >= 1);
      const got = keys(live);
      const cap = live.capturesJson([r.captureId])[0];
      live.close();
      assert.deepEqual(got, expected);
      assert.ok(cap, 'the live capture is a capture row');
      assert.ok(lastProgress, 'progress was reported');
    } finally {
      ns.destroy();
    }
  });
}
