/**
 * Packet counts equal capinfos' on every corpus file and on editcap conversions of them (pcapng,
 * nanosecond pcap, gzip), made in a temp dir. The first packet time also matches across formats.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { readCapture } from '../../main/capture/reader.ts';
import { corpusPath } from '../helpers/paths.ts';

const has = (cmd: string): boolean => spawnSync(cmd, ['-h'], { stdio: 'ignore' }).error === undefined;
const missing = !has('capinfos') || !has('editcap') ? 'capinfos/editcap not installed (apt-get install wireshark-common)' : false;
if (missing) console.log(`# skipped: ${missing}`);

function corpusFiles(dir = corpusPath('.')): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    if (statSync(p).isDirectory()) return corpusFiles(p);
    return /\.pcap(ng)?$/.test(n) ? [p] : [];
  });
}

function capinfosCount(file: string): number {
  const out = execFileSync('capinfos', ['-c', '-M', '-T', '-r', file], { encoding: 'utf8' });
  const n = Number(out.trim().split('\t').pop());
  assert.ok(Number.isInteger(n), `capinfos output for ${file}: ${out}`);
  return n;
}

async function ours(file: string): Promise<{ packets: number; delivered: number; firstTs: number | null; format: string; skipped: Record<string, number> }> {
  let delivered = 0;
  const r = await readCapture(file, { onPacket: () => void delivered++ });
  return { packets: r.packets, delivered, firstTs: r.firstTs, format: r.format, skipped: r.skips.counts };
}

const files = corpusFiles();

test('the corpus is there', { skip: missing }, () => {
  assert.ok(files.length >= 20, `found ${files.length} corpus files`);
});

for (const file of files) {
  const name = path.relative(corpusPath('.'), file);
  test(`count equals capinfos: ${name} (original, pcapng, ns pcap, gzip)`, { skip: missing }, async () => {
    const expected = capinfosCount(file);
    const orig = await ours(file);
    assert.equal(orig.packets, expected);
    assert.equal(orig.delivered, expected);
    assert.deepEqual(orig.skipped, {});
    const dir = mkdtempSync(path.join(os.tmpdir(), 'reconlens-conv-'));
    const ng = path.join(dir, 'x.pcapng');
    const ns = path.join(dir, 'x-ns.pcap');
    execFileSync('editcap', ['-F', 'pcapng', file, ng]);
    execFileSync('editcap', ['-F', 'nsecpcap', file, ns]);
    const gz = path.join(dir, 'x.pcap.gz');
    writeFileSync(gz, gzipSync(readFileSync(file)));
    for (const conv of [ng, ns, gz]) {
      const r = await ours(conv);
      assert.equal(r.packets, expected, conv);
      assert.equal(r.delivered, expected, conv);
      assert.equal(r.firstTs, orig.firstTs, `first packet time of ${conv}`);
    }
    assert.equal((await ours(ng)).format, 'pcapng');
  });
}
