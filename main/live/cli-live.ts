/**
 * The body of `reconlens live` once the store is open: forwarders, signals, the capture, then the
 * report. Problems the analyst can fix (tool missing, permission, unknown interface, bad --syslog)
 * become one line and exit 2.
 */
import { dirname, join } from 'node:path';
import type { Store } from '../../db/index.ts';
import { UsageError } from '../cli/args.ts';
import { SUMMARIZERS } from '../detectors/index.ts';
import { openForwarder } from '../siem/cli-forward.ts';
import { runLiveCapture, type LiveCaptureResult } from './live-capture.ts';
import { LiveCaptureError } from './tools.ts';

export interface LiveCliOptions {
  iface: string;
  json: boolean;
  stopAfterMs: number | null;
  filter?: string;
  ring?: { files: number; fileBytes: number };
  syslog?: string;
  jsonl?: string;
}

export async function runLiveSession(store: Store, o: LiveCliOptions): Promise<number> {
  const err = process.stderr;
  const forward = openForwarder(store.db, o.syslog, o.jsonl);
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const timer = o.stopAfterMs === null ? null : setTimeout(onSignal, o.stopAfterMs);
  let result: LiveCaptureResult;
  try {
    result = await runLiveCapture({
      iface: o.iface,
      ...(o.filter ? { filter: o.filter } : {}),
      ...(o.ring ? { ring: { dir: join(dirname(store.path), 'live'), ...o.ring } } : {}),
      sink: forward ? forward.wrapSink(store.createSink(SUMMARIZERS)) : store.createSink(SUMMARIZERS),
      signal: stop.signal,
      onStarted: ({ tool }) => err.write(`reconlens: capturing on ${o.iface} with ${tool}${o.stopAfterMs === null ? ' (Ctrl-C stops)' : ''}\n`),
    });
  } catch (e) {
    if (e instanceof LiveCaptureError) throw new UsageError(e.message);
    throw e;
  } finally {
    if (timer) clearTimeout(timer);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await forward?.close();
  }
  const s = result.stats;
  err.write(`reconlens: live capture ${result.status}: ${s.packets} packets, ${(s.bytes / 1e6).toFixed(1)} MB; ${result.alertIds.length} alert${result.alertIds.length === 1 ? '' : 's'} raised or updated; ${result.message}\n`);
  if (o.json) {
    const captures = store.capturesJson([result.captureId]);
    process.stdout.write(`${JSON.stringify({ captures, hosts: store.hostsJson(), alerts: store.alertsJson({ ids: result.alertIds }) }, null, 2)}\n`);
  } else {
    for (const a of store.alertsJson({ ids: result.alertIds })) process.stdout.write(`#${a.id}  ${a.detection}  ${a.severity.padEnd(6)}  ${a.status.padEnd(8)}  ${a.title}\n`);
  }
  return result.status === 'complete' ? 0 : 1;
}
