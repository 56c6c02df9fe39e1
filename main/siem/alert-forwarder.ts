/**
 * --syslog and --jsonl for `analyze` and `live`: each new or updated alert goes out as CEF inside
 * an RFC 5424 message (the store's CEF formatter, db/export/cef.ts) and/or as one JSON line (the
 * same alert object `analyze --json` prints). An alert updated by several batches is sent each
 * time: a SIEM sees it grow, as Defender for Identity's own alerts do.
 */
import type Database from 'better-sqlite3';
import { cefLine } from '../../db/export/cef.ts';
import { exportAlerts, type ExportAlert } from '../../db/export/rows.ts';
import { CEF_SEVERITY } from '../engine/detector.ts';
import type { StoredAlertRef } from '../engine/sink.ts';
import { JsonlWriter } from './jsonl-writer.ts';
import { formatSyslog, parseSyslogTarget } from './syslog-format.ts';
import { createSyslogSender, type SyslogSender } from './syslog-sender.ts';

export interface ForwarderOptions {
  syslog?: string;
  jsonl?: string;
  version: string;
  /** Where forwarding problems are reported (once per target), e.g. stderr. */
  onError?: (err: Error) => void;
}

export class AlertForwarder {
  private readonly sender: SyslogSender | null;
  private readonly jsonl: JsonlWriter | null;
  forwarded = 0;

  /** Throws SyslogTargetError or a file error for bad flags, before any capture is read. */
  constructor(
    private readonly db: Database.Database,
    private readonly o: ForwarderOptions,
  ) {
    this.sender = o.syslog ? createSyslogSender(parseSyslogTarget(o.syslog), o.onError) : null;
    this.jsonl = o.jsonl ? new JsonlWriter(o.jsonl) : null;
  }

  get enabled(): boolean {
    return this.sender !== null || this.jsonl !== null;
  }

  /** Send these alerts (ids from a batch) as they are in the store now. */
  forward(refs: readonly StoredAlertRef[]): void {
    if (!this.enabled || refs.length === 0) return;
    const ids = new Set(refs.map((r) => r.id));
    // exportAlerts reads every alert; batches touch few, and forwarding runs once per batch.
    const alerts = exportAlerts(this.db).filter((a) => ids.has(a.id));
    for (const a of alerts) this.send(a);
  }

  private send(a: ExportAlert): void {
    this.forwarded++;
    if (this.sender) this.sender.send(formatSyslog({ msg: cefLine(a, this.o.version), cefSeverity: CEF_SEVERITY[a.severity], msgId: `RL${a.detection}` }));
    if (this.jsonl) {
      const { users: _users, activityCount: _count, ...json } = a;
      try {
        this.jsonl.write(json);
      } catch (err) {
        this.o.onError?.(err instanceof Error ? err : new Error(String(err)));
      }
    }
  }

  async close(): Promise<void> {
    await this.sender?.close();
  }
}
