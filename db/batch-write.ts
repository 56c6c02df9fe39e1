/**
 * The plain inserts of one batch: activities (and the hosts and accounts they mention), learned
 * names and roles, SAMR learning, progress. Statements are prepared once per sink.
 */
import type Database from 'better-sqlite3';
import { SENSITIVE_RIDS, type Activity, type SamrCallActivity } from '../main/engine/activity.ts';
import type { Batch } from '../main/engine/sink.ts';
import { activityAccount } from './exclusion-match.ts';

export class BatchWriter {
  private readonly insertActivity: Database.Statement;
  private readonly upsertHost: Database.Statement;
  private readonly upsertAccount: Database.Statement;
  private readonly upsertName: Database.Statement;
  private readonly insertRole: Database.Statement;
  private readonly insertLearning: Database.Statement;
  private readonly insertBaseline: Database.Statement;
  private readonly progress: Database.Statement;
  private readonly sensitive: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.insertActivity = db.prepare(
      'INSERT INTO activities (capture_id, kind, ts, src, dst, account, first_frame, frames, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.upsertHost = db.prepare(
      `INSERT INTO hosts (ip, first_seen, last_seen) VALUES (@ip, @first, @last) ON CONFLICT (ip) DO UPDATE SET
         first_seen = min(coalesce(first_seen, @first), @first), last_seen = max(coalesce(last_seen, @last), @last)`,
    );
    this.upsertAccount = db.prepare(
      `INSERT INTO accounts (name, name_key, domain, first_seen, last_seen) VALUES (@name, lower(@name), @domain, @first, @last) ON CONFLICT (name_key) DO UPDATE SET
         domain = coalesce(accounts.domain, @domain), first_seen = min(coalesce(first_seen, @first), @first), last_seen = max(coalesce(last_seen, @last), @last)`,
    );
    this.upsertName = db.prepare(
      `INSERT INTO host_names (ip, name, source, first_seen, last_seen, capture_id) VALUES (@ip, @name, @source, @ts, @ts, @captureId)
       ON CONFLICT (ip, name, source) DO UPDATE SET first_seen = min(coalesce(first_seen, @ts), @ts), last_seen = max(coalesce(last_seen, @ts), @ts)`,
    );
    this.insertRole = db.prepare(
      `INSERT INTO host_roles (ip, role, source, detail, first_seen, last_seen, capture_id) VALUES (@ip, @role, @source, @detail, @ts, @ts, @captureId)
       ON CONFLICT (ip, role, source) DO UPDATE SET first_seen = min(coalesce(first_seen, @ts), @ts), last_seen = max(coalesce(last_seen, @ts), @ts)`,
    );
    this.insertLearning = db.prepare('INSERT INTO samr_learning (dc, start_ts, capture_id) VALUES (?, ?, ?) ON CONFLICT (dc) DO NOTHING');
    this.insertBaseline = db.prepare('INSERT INTO samr_baseline (dc, source, class, first_ts, capture_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
    this.progress = db.prepare('UPDATE captures SET packets = ?, bytes = ?, last_frame = ? WHERE id = ?');
    this.sensitive = db.prepare(
      `INSERT INTO accounts (name, name_key, rid, sensitive_reason, first_seen, last_seen) VALUES (@name, lower(@name), @rid, @reason, @ts, @ts)
       ON CONFLICT (name_key) DO UPDATE SET rid = coalesce(accounts.rid, @rid), sensitive_reason = coalesce(accounts.sensitive_reason, @reason)`,
    );
  }

  /** Why an account is sensitive, learned from SAMR answers: a well-known RID, or membership of a sensitive group. */
  private sensitiveFacts(a: SamrCallActivity): void {
    const rid = a.object.rid ?? null;
    const wellKnown = rid !== null ? SENSITIVE_RIDS.get(rid) : undefined;
    const objectName = a.object.name ?? wellKnown ?? null;
    if (wellKnown && objectName) this.sensitive.run({ name: objectName, rid, reason: `RID ${rid}`, ts: a.ts });
    if (a.queryClass !== 'members-sensitive-group' || !objectName) return;
    for (const m of a.members) {
      if (m.name) this.sensitive.run({ name: m.name, rid: m.rid, reason: `member of ${objectName}`, ts: a.ts });
    }
  }

  /** Inserts one activity and returns its row id. */
  activity(captureId: number, a: Activity): number {
    const account = activityAccount(a);
    const row = this.insertActivity.run(captureId, a.kind, a.ts, a.src, a.dst, account, a.frames[0] ?? null, JSON.stringify(a.frames), JSON.stringify(a));
    return Number(row.lastInsertRowid);
  }

  /** Hosts and accounts mentioned by the batch's activities, one upsert each per batch. */
  entities(activities: readonly Activity[]): void {
    const hosts = new Map<string, [number, number]>();
    const accounts = new Map<string, { name: string; domain: string | null; first: number; last: number }>();
    const seen = (ip: string, ts: number) => {
      const h = hosts.get(ip);
      if (!h) hosts.set(ip, [ts, ts]);
      else {
        h[0] = Math.min(h[0], ts);
        h[1] = Math.max(h[1], ts);
      }
    };
    for (const a of activities) {
      if (a.kind === 'samr') this.sensitiveFacts(a);
      seen(a.src, a.ts);
      seen(a.dst, a.ts);
      const name = a.kind === 'krb-as' || a.kind === 'krb-tgs' ? a.cname : a.kind === 'dns-xfer' ? null : a.user.name;
      if (!name) continue;
      const domain = a.kind === 'krb-as' || a.kind === 'krb-tgs' ? a.realm || null : a.kind === 'dns-xfer' ? null : a.user.domain;
      const key = name.toLowerCase();
      const acc = accounts.get(key);
      if (!acc) accounts.set(key, { name, domain, first: a.ts, last: a.ts });
      else {
        acc.first = Math.min(acc.first, a.ts);
        acc.last = Math.max(acc.last, a.ts);
      }
    }
    for (const [ip, [first, last]] of hosts) this.upsertHost.run({ ip, first, last });
    for (const acc of accounts.values()) this.upsertAccount.run(acc);
  }

  learned(batch: Batch): void {
    const id = batch.captureId;
    for (const n of batch.names) {
      this.upsertHost.run({ ip: n.ip, first: n.ts, last: n.ts });
      this.upsertName.run({ ip: n.ip, name: n.name, source: n.source, ts: n.ts, captureId: id });
    }
    for (const r of batch.roles) {
      this.upsertHost.run({ ip: r.ip, first: r.ts, last: r.ts });
      this.insertRole.run({ ip: r.ip, role: r.role, source: r.source, detail: r.detail ?? null, ts: r.ts, captureId: r.source === 'declared' ? null : id });
    }
    for (const l of batch.samrLearningStarts) this.insertLearning.run(l.dc, l.ts, id);
    for (const b of batch.samrBaseline) this.insertBaseline.run(b.dc, b.source, b.cls, b.ts, id);
    this.progress.run(batch.progress.packets, batch.progress.bytes, batch.progress.lastFrame, id);
  }
}
