/**
 * --syslog / --jsonl for the CLI commands (analyze, live): a forwarder and the sink wrapper that
 * feeds it, or null when neither flag was given. Bad flags are usage errors (exit 2) before any
 * capture is read.
 */
import type Database from 'better-sqlite3';
import { UsageError } from '../cli/args.ts';
import type { Sink } from '../engine/sink.ts';
import { VERSION } from '../version.ts';
import { AlertForwarder } from './alert-forwarder.ts';
import { forwardingSink } from './forwarding-sink.ts';
import { SyslogTargetError } from './syslog-format.ts';

export interface CliForwarder {
  forwarder: AlertForwarder;
  wrapSink(sink: Sink): Sink;
  close(): Promise<void>;
}

export function openForwarder(db: Database.Database, syslog: string | undefined, jsonl: string | undefined): CliForwarder | null {
  if (!syslog && !jsonl) return null;
  let forwarder: AlertForwarder;
  try {
    forwarder = new AlertForwarder(db, { ...(syslog ? { syslog } : {}), ...(jsonl ? { jsonl } : {}), version: VERSION, onError: (e) => process.stderr.write(`reconlens: ${e.message}\n`) });
  } catch (e) {
    if (e instanceof SyslogTargetError) throw new UsageError(e.message);
    throw new UsageError(`--jsonl ${jsonl}: ${(e as Error).message}`);
  }
  return {
    forwarder,
    wrapSink: (sink) => forwardingSink(sink, (refs) => forwarder.forward(refs)),
    close: () => forwarder.close(),
  };
}
