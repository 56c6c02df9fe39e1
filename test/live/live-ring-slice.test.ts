/**
 * Evidence of a live alert as a pcap slice, end to end: a corpus capture is replayed into a veth pair
 * (network namespaces), captured live with a ring buffer of small files (so it rotates), the 2021
 * alert is raised, and the slice of its evidence frames, read from the ring files by the frame ranges
 * the store recorded, holds exactly those frames (checked with capinfos and tshark).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../db/store.ts';
import { captureFiles } from '../../db/capture-files.ts';
import { alertFrames } from '../../db/ui/alert-detail.ts';
import { SUMMARIZERS } from '../../main/detectors/index.ts';
import { runLiveCapture } from '../../main/live/live-capture.ts';
import { findTool } from '../../main/live/tools.ts';
import { writeCaptureSlice } from '../../main/api/pcap-slice.ts';
import { createNetnsPair, netnsUnavailable } from './netns.ts';

const PCAP = '/work/shared/corpus/samr-enum-lab/net.exe_user__domain.pcapng';
const DC = '192.168.11.11';

const skipReason =
  netnsUnavailable() ??
  (!findTool('dumpcap') ? 'dumpcap is not installed' : null) ??
  (!existsSync('/usr/bin/tcpreplay') ? 'tcpreplay is not installed' : null) ??
  (spawnSync('tshark', ['--version']).status !== 0 ? 'tshark is not installed' : null) ??
  (!existsSync(PCAP) ? `corpus file missing: ${PCAP}` : null);
if (skipReason) console.log(`# live-ring-slice skipped: ${skipReason}`);

const work = mkdtempSync(join(tmpdir(), 'rl-live-slice-'));
after(() => rmSync(work, { recursive: true, force: true }));

const run = (cmd: string, args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
const md5Fields = ['-o', 'frame.generate_md5_hash:TRUE', '-T', 'fields', '-e', 'frame.len', '-e', 'frame.md5_hash'];
const packetCount = (file: string): number => Number(run('capinfos', ['-M', '-c', '-T', file]).trim().split('\n').pop()!.split('\t')[1]);

test('the evidence of a live alert is sliced from the ring files that hold its frames', { skip: skipReason ?? false, timeout: 120_000 }, async () => {
  const ns = createNetnsPair(`s${process.pid}`);
  const store = openStore(join(work, 'live.db'));
  try {
    store.setSetting('samrLearningS', 0);
    store.declareRole(DC, 'dc');
    const total = packetCount(PCAP);
    const ac = new AbortController();
    let replayOut = '';
    let replayExit: Promise<number | null> = Promise.resolve(null);
    let replayed = false;
    let want = total;
    let seen = 0;
    let allIn!: () => void;
    const allInPromise = new Promise<void>((resolve) => (allIn = resolve));
    const result = runLiveCapture({
      iface: ns.ifB,
      sink: store.createSink(SUMMARIZERS),
      signal: ac.signal,
      flushMs: 200,
      // 8 KB files: the 57 kB capture rotates over several files; 100 of them keep it all.
      ring: { dir: join(work, 'ring'), files: 100, fileBytes: 8192 },
      env: { ...process.env, RECONLENS_DUMPCAP: ns.wrapper(work, ns.b, 'dumpcap') },
      onStarted: () => {
        const replay = spawn('ip', ['netns', 'exec', ns.a, 'tcpreplay', '-i', ns.ifA, '--mbps', '50', PCAP], { stdio: ['ignore', 'pipe', 'pipe'] });
        replay.stdout.on('data', (d: Buffer) => (replayOut += d.toString()));
        replay.stderr.on('data', (d: Buffer) => (replayOut += d.toString()));
        replayExit = once(replay, 'close').then(([code]) => {
          replayed = true;
          want = Number(/Successful packets:\s+(\d+)/.exec(replayOut)?.[1] ?? want);
          if (seen >= want) allIn();
          return code as number | null;
        });
      },
      onProgress: (p) => {
        seen = p.packets;
        if (replayed && p.packets >= want) allIn();
      },
    });
    await Promise.race([allInPromise, result.then(() => undefined, () => undefined)]);
    ac.abort();
    assert.equal(await replayExit, 0, `tcpreplay succeeded: ${replayOut}`);
    const r = await result;
    assert.equal(r.status, 'complete', r.message);
    assert.ok(r.ringFiles.length > 1, `the ring rotated: ${r.ringFiles.join(', ')}`);

    // The store knows which frames each ring file holds: contiguous from frame 1 to the last.
    const files = captureFiles(store.db, r.captureId);
    assert.deepEqual(files.map((f) => f.path), r.ringFiles);
    assert.equal(files[0]!.firstFrame, 1);
    assert.equal(files.at(-1)!.lastFrame, r.stats.packets);
    for (const [i, f] of files.entries()) {
      assert.equal(packetCount(f.path), f.lastFrame - f.firstFrame + 1, `${f.path} holds frames ${f.firstFrame}-${f.lastFrame}`);
      if (i > 0) assert.equal(f.firstFrame, files[i - 1]!.lastFrame + 1);
    }

    const alert = store.alertsJson({}).find((a) => a.detection === '2021' && a.target.ip === DC);
    assert.ok(alert, `2021 raised: ${JSON.stringify(store.alertsJson({}).map((a) => a.detection))}`);
    const [cap, ...more] = alertFrames(store.db, alert.id);
    assert.ok(cap && more.length === 0 && cap.captureId === r.captureId && cap.frames.length > 0);
    assert.ok(!existsSync(cap.file), `a live capture has no file of its own (${cap.file})`);
    const out = join(work, 'slice.pcapng');
    const slice = await writeCaptureSlice(store.db, cap, out);
    assert.deepEqual(slice, { written: cap.frames.length, missing: [] });
    assert.match(run('capinfos', ['-c', '-M', out]), new RegExp(`Number of packets:\\s+${cap.frames.length}\\n`));

    // Frame by frame, the slice holds what the ring file holding that frame holds at its position.
    const expected = cap.frames
      .map((f) => {
        const file = files.find((x) => x.firstFrame <= f && f <= x.lastFrame)!;
        return run('tshark', ['-r', file.path, '-Y', `frame.number == ${f - file.firstFrame + 1}`, ...md5Fields]);
      })
      .join('');
    assert.equal(run('tshark', ['-r', out, ...md5Fields]), expected);
    // And they are packets of the replayed capture (same bytes; only the times were rewritten).
    const original = new Set(run('tshark', ['-r', PCAP, ...md5Fields]).trim().split('\n'));
    for (const line of expected.trim().split('\n')) assert.ok(original.has(line), `${line} is a packet of ${PCAP}`);
  } finally {
    store.close();
    ns.destroy();
  }
});
