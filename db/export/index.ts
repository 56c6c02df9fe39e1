/** Alert exports for SIEMs and spreadsheets: CEF, JSON (the CLI contract's alert objects), CSV. */
import type Database from 'better-sqlite3';
import { toCef } from './cef.ts';
import { toCsv } from './csv.ts';
import { exportAlerts } from './rows.ts';

export type ExportFormat = 'cef' | 'json' | 'csv';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['cef', 'json', 'csv'];

/** `since`: packet time in µs; alerts last seen before it are left out. */
export function exportText(db: Database.Database, format: ExportFormat, version: string, since?: number): { text: string; count: number } {
  const alerts = exportAlerts(db, since);
  switch (format) {
    case 'cef':
      return { text: toCef(alerts, version), count: alerts.length };
    case 'csv':
      return { text: toCsv(alerts), count: alerts.length };
    case 'json':
      return { text: `${JSON.stringify({ alerts: alerts.map(({ users: _u, activityCount: _c, ...a }) => a) }, null, 2)}\n`, count: alerts.length };
  }
}
