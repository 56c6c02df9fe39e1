/**
 * `npm run bench -- FILE`: ReconLens on FILE (the full CLI into a fresh database, and the engine
 * alone), then, on the same file in the same run, tshark with a dissection filter and tcpdump with
 * a port filter. Prints seconds, MB/s, packets/s, peak RSS and the ratios. The file is read once
 * beforehand so that every tool reads it from the page cache.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync, createReadStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from '../helpers/paths.ts';

interface Run {
  name: string;
  seconds: number;
  /** user + system CPU seconds (steadier than wall time on a busy machine). */
  cpu: number;
  rssMb: number;
  note?: string;
}

const file = process.argv[2] ? path.resolve(process.argv[2]) : '';
if (!file) {
  process.stderr.write('usage: npm run bench -- FILE   (make one: npx tsx test/bench/make-capture.ts --size 200)\n');
  process.exit(2);
}
const size = statSync(file).size;

/** Run a command under GNU time; returns wall seconds and peak RSS. */
function timed(name: string, cmd: string[], env: NodeJS.ProcessEnv = process.env): Run & { stdout: string } {
  const r = spawnSync('/usr/bin/time', ['-f', '@@%e %M %U %S', ...cmd], { encoding: 'utf8', env, maxBuffer: 1 << 30 });
  const m = /@@([\d.]+) (\d+) ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? '');
  if (r.status !== 0 || !m) throw new Error(`${name} failed (${r.status}): ${(r.stderr ?? '').slice(-500)}`);
  return { name, seconds: Number(m[1]), rssMb: Number(m[2]) / 1024, cpu: Number(m[3]) + Number(m[4]), stdout: r.stdout };
}

async function warm(): Promise<void> {
  await new Promise<void>((resolve, reject) => createReadStream(file).on('data', () => undefined).on('end', resolve).on('error', reject));
}

async function bundle(entry: string, out: string): Promise<void> {
  await build({
    entryPoints: [path.join(repoRoot, entry)],
    outfile: path.join(repoRoot, '.bench', out),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: ['better-sqlite3', 'electron'],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'error',
  });
}

await bundle('test/bench/cli-entry.ts', 'cli.mjs');
await bundle('test/bench/engine-only.ts', 'engine-only.mjs');
await warm();

const runs: Run[] = [];
const db = path.join(mkdtempSync(path.join(os.tmpdir(), 'reconlens-bench-')), 'bench.db');
const full = timed('reconlens analyze (CLI, SQLite)', [process.execPath, path.join(repoRoot, '.bench/cli.mjs'), '--db', db, '--learning', '0', file]);
runs.push(full);
const engine = timed('reconlens engine alone', [process.execPath, path.join(repoRoot, '.bench/engine-only.mjs'), file]);
const e = JSON.parse(engine.stdout.trim().split('\n').pop() ?? '{}') as { ms: number; packets: number; activities: number; alertUpdates: number; protocols: Record<string, number> };
runs.push({ ...engine, note: `${(e.ms / 1000).toFixed(2)} s inside; ${e.activities} activities, ${e.alertUpdates} alert updates` });
const packets = e.packets;
const tshark = timed('tshark -Y (dissection)', ['tshark', '-n', '-r', file, '-Y', 'kerberos||dns||dcerpc||smb||smb2', '-T', 'fields', '-e', 'frame.number']);
runs.push({ ...tshark, note: `${tshark.stdout.split('\n').filter(Boolean).length} frames matched` });
runs.push(timed('tcpdump port filter', ['tcpdump', '-nn', '-r', file, '-w', '/dev/null', 'port 88 or port 53 or port 445 or port 139 or port 135']));

const mb = size / 1e6;
const line = (r: Run) => `${r.name.padEnd(34)} ${r.seconds.toFixed(2).padStart(7)} s (cpu ${r.cpu.toFixed(2).padStart(6)} s) ${(mb / r.seconds).toFixed(1).padStart(8)} MB/s ${Math.round(packets / r.seconds).toString().padStart(10)} pkt/s ${r.rssMb.toFixed(0).padStart(6)} MB RSS${r.note ? `   (${r.note})` : ''}`;
process.stdout.write(`file: ${file}\nsize: ${mb.toFixed(1)} MB, ${packets} packets; ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}, node ${process.version}\n\n`);
for (const r of runs) process.stdout.write(`${line(r)}\n`);
const ratio = (a: Run, b: Run) => `${(b.seconds / a.seconds).toFixed(2)}x wall, ${(b.cpu / a.cpu).toFixed(2)}x cpu`;
const [cli, eng, ts, td] = runs as [Run, Run, Run, Run];
process.stdout.write(`\nthroughput ratios (higher is faster for ReconLens):\n`);
process.stdout.write(`  CLI    vs tshark : ${ratio(cli, ts)}   (target >= 25)\n  CLI    vs tcpdump: ${ratio(cli, td)}   (target >= 0.5)\n`);
process.stdout.write(`  engine vs tshark : ${ratio(eng, ts)}\n  engine vs tcpdump: ${ratio(eng, td)}\n`);
process.stdout.write(`  peak RSS: CLI ${cli.rssMb.toFixed(0)} MB, engine ${eng.rssMb.toFixed(0)} MB   (target <= 300)\n`);
