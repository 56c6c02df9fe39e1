/**
 * Generates a large, realistic capture for the benchmark: mostly unrelated traffic (synthetic.ts)
 * with every Ethernet capture of the public corpus woven in at spread-out times (their packets keep
 * their order and spacing). Written under .bench/ (ignored by git).
 *
 *   npx tsx test/bench/make-capture.ts [--size MB] [--out FILE]      (default 200 MB)
 */
import { closeSync, mkdirSync, openSync, readdirSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { readCapture } from '../../main/capture/reader.ts';
import { corpusPath, repoRoot } from '../helpers/paths.ts';
import { BackgroundTraffic, Rng } from './synthetic.ts';

interface Woven {
  ts: number;
  data: Buffer;
}

const DURATION_US = 600 * 1_000_000;
const T0 = 1_733_000_000_000_000;

function corpusFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? corpusFiles(p) : /\.pcap(ng)?$/.test(n) ? [p] : [];
  });
}

async function corpusPackets(rng: Rng): Promise<Woven[]> {
  const out: Woven[] = [];
  for (const f of corpusFiles(corpusPath('.')).sort()) {
    const at = T0 + rng.int(DURATION_US * 0.9);
    let first: number | null = null;
    await readCapture(f, {
      onPacket: (p) => {
        if (p.linkType !== 1) return;
        first ??= p.ts;
        out.push({ ts: at + (p.ts - first), data: Buffer.from(p.data) });
      },
    });
  }
  return out.sort((a, b) => a.ts - b.ts);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const sizeMb = Number(args[args.indexOf('--size') + 1] ?? 200) || 200;
  const out = args.includes('--out') ? path.resolve(args[args.indexOf('--out') + 1]!) : path.join(repoRoot, '.bench', `large-${sizeMb}mb.pcap`);
  mkdirSync(path.dirname(out), { recursive: true });
  const rng = new Rng();
  const woven = await corpusPackets(rng);
  const target = sizeMb * 1e6;
  const fd = openSync(out, 'w');
  const chunk = Buffer.alloc(8 << 20);
  let used = 0;
  let written = 0;
  let packets = 0;
  const flush = () => {
    writeSync(fd, chunk, 0, used);
    written += used;
    used = 0;
  };
  const hdr = Buffer.from('d4c3b2a1020004000000000000000000ffff000001000000', 'hex');
  hdr.copy(chunk, 0);
  used = hdr.length;
  const record = (ts: number, write: (b: Buffer, off: number) => number) => {
    if (used + 16 + 1600 > chunk.length) flush();
    const len = write(chunk, used + 16);
    chunk.writeUInt32LE(Math.floor(ts / 1e6), used);
    chunk.writeUInt32LE(ts % 1e6, used + 4);
    chunk.writeUInt32LE(len, used + 8);
    chunk.writeUInt32LE(len, used + 12);
    used += 16 + len;
    packets++;
  };
  const bg = new BackgroundTraffic(rng);
  // Estimate the packet count so that background packets spread evenly over the duration.
  const estimate = target / 900;
  let w = 0;
  for (let i = 0; written + used < target; i++) {
    const ts = T0 + Math.floor((i / estimate) * DURATION_US);
    while (w < woven.length && woven[w]!.ts <= ts) {
      const p = woven[w++]!;
      record(p.ts, (b, off) => p.data.copy(b, off));
    }
    record(ts, (b, off) => bg.frame(b, off));
  }
  for (; w < woven.length; w++) {
    const p = woven[w]!;
    record(p.ts, (b, off) => p.data.copy(b, off));
  }
  flush();
  closeSync(fd);
  process.stdout.write(`${out}: ${(written / 1e6).toFixed(1)} MB, ${packets} packets (${woven.length} from the corpus)\n`);
}

await main();
