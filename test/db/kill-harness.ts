/**
 * Kill -9 harness: runs the real `reconlens analyze` as a child process on a generated capture,
 * SIGKILLs it once the store shows it committed past a chosen frame (watched through file-system
 * events on the database folder, not timers), then checks what the database looks like.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, watch } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';

export const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'reconlens.mjs');
const ENV = { ...process.env, RECONLENS_FROM_SOURCE: '1' };

/** Writes a capture of about `mb` MB with the benchmark's generator (deterministic for a size). */
export function generateCapture(mb: number, out: string): void {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'bench', 'make-capture.ts'), '--size', String(mb), '--out', out], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`capture generator failed: ${r.stderr}`);
}

export function analyze(db: string, capture: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'analyze', '--db', db, '--json', capture], { cwd: ROOT, encoding: 'utf8', env: ENV, maxBuffer: 1 << 28 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function lastFrame(db: string): number {
  if (!existsSync(db)) return 0;
  let conn: Database.Database | null = null;
  try {
    conn = new Database(db, { readonly: true, fileMustExist: true });
    conn.pragma('busy_timeout = 0');
    const v = conn.prepare('SELECT max(last_frame) FROM captures').pluck().get();
    return Number(v ?? 0);
  } catch {
    // Schema not there yet, or the writer holds a lock for a moment: the next change event asks again.
    return 0;
  } finally {
    conn?.close();
  }
}

/** Runs analyze and SIGKILLs it after a batch past `frame` was committed. Resolves with how it ended. */
export function analyzeAndKill(db: string, capture: string, frame: number): Promise<{ killed: boolean; atFrame: number; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'analyze', '--db', db, capture], { cwd: ROOT, env: ENV, stdio: 'ignore' });
    let killed = false;
    let atFrame = 0;
    const check = () => {
      if (killed) return;
      const f = lastFrame(db);
      if (f >= frame) {
        killed = child.kill('SIGKILL');
        atFrame = f;
      }
    };
    // Every commit writes the -wal file. Only its events count: reading the store touches the -shm
    // file, and reacting to that would feed itself.
    const wal = `${basename(db)}-wal`;
    const watcher = watch(dirname(db), (_event, name) => {
      if (name === wal) check();
    });
    child.on('error', (err) => {
      watcher.close();
      reject(err);
    });
    child.on('exit', (code) => {
      watcher.close();
      resolve({ killed, atFrame, code });
    });
  });
}

export function readStore(db: string) {
  const conn = new Database(db, { readonly: true });
  try {
    return {
      integrity: String(conn.pragma('integrity_check', { simple: true })),
      captures: conn.prepare('SELECT id, status, packets FROM captures ORDER BY id').all() as { id: number; status: string; packets: number }[],
      activities: Number(conn.prepare('SELECT count(*) FROM activities').pluck().get()),
      evidence: Number(conn.prepare('SELECT count(*) FROM alert_activities').pluck().get()),
    };
  } finally {
    conn.close();
  }
}

/** Alerts of `analyze --json` without ids, in a stable order. */
export function alertsOf(stdout: string): unknown[] {
  const doc = JSON.parse(stdout) as { alerts: { id: number }[] };
  return doc.alerts.map(({ id: _id, ...a }) => a).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** Deterministic kill points from a seed (xorshift32). */
export function seededFrames(seed: number, n: number, min: number, max: number): number[] {
  let s = seed >>> 0 || 1;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out.push(min + (s % (max - min)));
  }
  return out;
}
