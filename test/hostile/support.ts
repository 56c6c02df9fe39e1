/**
 * Hostile whole files: written at test time into a temp dir (never committed), then imported by the
 * real CLI (`reconlens analyze --json --db`, from source) in a child process with a V8 heap cap and
 * a wall-clock cap, its peak RSS measured by /usr/bin/time. The capture's report must show the
 * damage: skipped reasons and blind spots from --json, decode errors from the database.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { repoRoot } from '../helpers/paths.ts';

/** V8 heap cap of the child (MB), and the peak resident set the import must stay under (MB). */
export const HEAP_CAP_MB = 192;
export const RSS_CAP_MB = 512;
export const TIME_CAP_MS = 25_000;

export interface ImportReport {
  status: number | null;
  signal: string | null;
  ms: number;
  rssMb: number;
  stderr: string;
  capture: {
    status: string;
    packets: number;
    skipped: Record<string, number>;
    blindSpots: Record<string, unknown>;
  };
  decodeErrors: Record<string, number>;
}

export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'reconlens-hostile-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writeFile(dir: string, name: string, bytes: Buffer | Buffer[]): string {
  const p = path.join(dir, name);
  writeFileSync(p, Array.isArray(bytes) ? Buffer.concat(bytes) : bytes);
  return p;
}

export function importFile(dir: string, file: string): ImportReport {
  const db = path.join(dir, 'hostile.sqlite');
  const rssFile = path.join(dir, 'rss.txt');
  const time = existsSync('/usr/bin/time');
  const node = [process.execPath, `--max-old-space-size=${HEAP_CAP_MB}`, path.join(repoRoot, 'bin/reconlens.mjs'), 'analyze', '--json', '--db', db, file];
  const cmd = time ? '/usr/bin/time' : node[0]!;
  const args = time ? ['-f', '%M', '-o', rssFile, ...node] : node.slice(1);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd: repoRoot, env: { ...process.env, RECONLENS_FROM_SOURCE: '1' }, encoding: 'utf8', timeout: TIME_CAP_MS, maxBuffer: 1 << 26, killSignal: 'SIGKILL' });
  const ms = Date.now() - t0;
  const rssKb = time && existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) : 0;
  let capture: ImportReport['capture'] = { status: 'none', packets: 0, skipped: {}, blindSpots: {} };
  try {
    const out = JSON.parse(r.stdout) as { captures: ImportReport['capture'][] };
    if (out.captures[0]) capture = out.captures[0];
  } catch {
    // Not JSON: the checks on status and the capture below say what went wrong.
  }
  let decodeErrors: Record<string, number> = {};
  if (existsSync(db)) {
    const d = new Database(db, { readonly: true });
    try {
      const row = d.prepare('SELECT decode_errors FROM captures ORDER BY id DESC LIMIT 1').get() as { decode_errors: string } | undefined;
      if (row) decodeErrors = JSON.parse(row.decode_errors) as Record<string, number>;
    } finally {
      d.close();
    }
  }
  return { status: r.status, signal: r.signal, ms, rssMb: Math.round(rssKb / 1024), stderr: (r.stderr ?? '').slice(-2000), capture, decodeErrors };
}

/** The import finished within its caps and completed. */
export function describe(r: ImportReport): string {
  return `exit ${r.status}${r.signal ? ` (${r.signal})` : ''} in ${r.ms} ms, peak RSS ${r.rssMb} MB, capture ${r.capture.status}, ${r.capture.packets} packets, skipped ${JSON.stringify(r.capture.skipped)}, decode errors ${JSON.stringify(r.decodeErrors)}, blind spots ${JSON.stringify(r.capture.blindSpots)}\n${r.stderr}`;
}
