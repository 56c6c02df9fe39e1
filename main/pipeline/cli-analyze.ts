/**
 * The body of `reconlens analyze` once the store is open: run the import with progress on a
 * terminal (or one summary line otherwise), Ctrl-C to interrupt (the capture is marked
 * interrupted), then print the alerts, or the JSON document of the CLI contract.
 */
import type { Store } from '../../db/index.ts';
import type { Sink } from '../engine/sink.ts';
import { analyzeFiles, type AnalyzeResult } from './analyze.ts';
import { ProgressLine } from './progress-line.ts';
import { storeSink } from './store-sink.ts';

export interface AnalyzeCliOptions {
  json: boolean;
  force: boolean;
  /** Wraps the store's sink, e.g. to forward alerts to a SIEM as batches commit (--syslog, --jsonl). */
  wrapSink?: (sink: Sink) => Sink;
}

export async function runAnalyze(store: Store, files: string[], o: AnalyzeCliOptions): Promise<number> {
  // `analyze --json | head` closes the pipe early: that is not an error worth a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
  const { SUMMARIZERS } = await import('../detectors/index.ts');
  const base = await storeSink(store, SUMMARIZERS);
  const sink = o.wrapSink ? o.wrapSink(base) : base;
  const stop = new AbortController();
  const onSigint = (): void => {
    if (stop.signal.aborted) process.exit(130);
    stop.abort();
  };
  process.on('SIGINT', onSigint);
  const progress = process.stderr.isTTY ? new ProgressLine(process.stderr) : null;
  const started = Date.now();
  let result: AnalyzeResult;
  try {
    result = await analyzeFiles(files, {
      sink,
      signal: stop.signal,
      force: o.force,
      ...(progress ? { onProgress: (p) => progress.update(p) } : {}),
    });
  } finally {
    process.off('SIGINT', onSigint);
    progress?.clear();
  }
  const err = process.stderr;
  for (const c of result.captures) {
    if (c.status === 'refused' || c.status === 'failed') err.write(`reconlens: ${c.file}: ${c.reason ?? 'cannot be read'}\n`);
    if (c.status === 'already-imported') err.write(`reconlens: ${c.file}: already imported (capture ${c.captureId}), not read again\n`);
  }
  err.write(`${summaryLine(result, Date.now() - started)}\n`);
  if (o.json) await printJson(store, result);
  else printAlerts(store, result.alertIds);
  if (result.captures.some((c) => c.status === 'refused' || c.status === 'failed')) return 2;
  return result.interrupted ? 130 : 0;
}

function summaryLine(r: AnalyzeResult, ms: number): string {
  const read = r.captures.filter((c) => c.stats);
  const packets = read.reduce((n, c) => n + (c.stats?.packets ?? 0), 0);
  const bytes = read.reduce((n, c) => n + (c.stats?.bytes ?? 0), 0);
  const skipped = r.captures.filter((c) => c.status === 'already-imported').length;
  const bad = r.captures.filter((c) => c.status === 'refused' || c.status === 'failed').length;
  const parts = [`analyzed ${read.length} file${read.length === 1 ? '' : 's'}`];
  if (skipped) parts.push(`${skipped} already imported`);
  if (bad) parts.push(`${bad} unreadable`);
  const secs = ms / 1000;
  const rate = secs > 0 ? ` (${(bytes / 1e6 / secs).toFixed(1)} MB/s)` : '';
  return `reconlens: ${parts.join(', ')}: ${packets} packets, ${(bytes / 1e6).toFixed(1)} MB in ${secs.toFixed(1)} s${rate}; ${r.alertIds.length} alert${r.alertIds.length === 1 ? '' : 's'} raised or updated${r.interrupted ? '; interrupted' : ''}`;
}

async function printJson(store: Store, r: AnalyzeResult): Promise<void> {
  const { captureAlertIds } = await import('../../db/ui/captures.ts');
  const imported = new Set<number>();
  const ids: number[] = [];
  for (const c of r.captures) {
    if (c.captureId === null || c.status === 'refused' || c.status === 'failed') continue;
    ids.push(c.captureId);
    if (c.status === 'already-imported') imported.add(c.captureId);
  }
  const byId = new Map(store.capturesJson(ids).map((c) => [c.id, c]));
  const captures = ids.flatMap((id) => {
    const c = byId.get(id);
    return c ? [imported.has(id) ? { ...c, alreadyImported: true } : c] : [];
  });
  const touched = new Set(r.alertIds);
  const fromImported = new Set<number>();
  for (const id of imported) for (const a of captureAlertIds(store.db, id)) if (!touched.has(a)) fromImported.add(a);
  const alerts = store.alertsJson({ ids: [...touched, ...fromImported] }).map((a) => (fromImported.has(a.id) ? { ...a, alreadyImported: true } : a));
  process.stdout.write(`${JSON.stringify({ captures, hosts: store.hostsJson(), alerts }, null, 2)}\n`);
}

function printAlerts(store: Store, ids: number[]): void {
  if (ids.length === 0) return;
  for (const a of store.alertsJson({ ids })) process.stdout.write(`#${a.id}  ${a.detection}  ${a.severity.padEnd(6)}  ${a.status.padEnd(8)}  ${a.title}\n`);
}
