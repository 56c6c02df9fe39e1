/** The alerts an export writes: the contract's alert objects plus counts and the users behind them. */
import type Database from 'better-sqlite3';
import { alertsJson, type AlertJson } from '../json.ts';

export interface ExportAlert extends AlertJson {
  activityCount: number;
  /** Accounts that drove the activity (SMB session users for 2012/2021), most frequent first. */
  users: string[];
}

export function exportAlerts(db: Database.Database, since?: number): ExportAlert[] {
  const base = alertsJson(db, since === undefined ? {} : { since });
  const count = db.prepare('SELECT activity_count FROM alerts WHERE id = ?').pluck();
  const users = db
    .prepare(
      `SELECT json_extract(a.data, '$.user.name') AS u FROM alert_activities aa JOIN activities a ON a.id = aa.activity_id
       WHERE aa.alert_id = ? AND a.kind IN ('srvsvc-sessenum', 'samr') AND u IS NOT NULL GROUP BY u ORDER BY count(*) DESC, u LIMIT 10`,
    )
    .pluck();
  return base.map((a) => ({ ...a, activityCount: Number(count.get(a.id) ?? 0), users: users.all(a.id) as string[] }));
}
