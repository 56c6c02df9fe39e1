/**
 * CSV (RFC 4180) with formula-injection protection: packet strings become spreadsheet cells, so a
 * cell starting with = + - @ tab or CR is prefixed with ' (OWASP "CSV injection").
 */
import type { ExportAlert } from './rows.ts';

export function csvCell(value: string | number | null): string {
  let s = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const COLUMNS = ['id', 'detection', 'title', 'severity', 'status', 'classification', 'source_ip', 'source_name', 'target_ip', 'target_name', 'first_seen', 'last_seen', 'activities', 'exposed_accounts', 'users'];

export function toCsv(alerts: readonly ExportAlert[]): string {
  const lines = [COLUMNS.join(',')];
  for (const a of alerts) {
    const cells = [a.id, a.detection, a.title, a.severity, a.status, a.classification, a.source.ip, a.source.name, a.target.ip, a.target.name, a.firstSeen, a.lastSeen, a.activityCount, a.exposedAccounts.join('; '), a.users.join('; ')];
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
