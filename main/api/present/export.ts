/** Alerts as CSV (RFC 4180 quoting; cells that a spreadsheet would run as formulas are defused). */
import type { AlertRow } from '../schema/alerts.ts';

function cell(v: string | number | null): string {
  let s = v === null ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const iso = (us: number) => new Date(Math.floor(us / 1000)).toISOString();

export function alertsCsv(rows: AlertRow[]): string {
  const head = ['id', 'detection', 'status', 'classification', 'severity', 'title', 'source', 'source_name', 'target', 'target_name', 'first_seen', 'last_seen', 'exposed', 'sensitive'];
  const lines = rows.map((r) =>
    [r.id, r.detection, r.status, r.classification, r.severity, r.title, r.source.ip, r.source.name, r.target.ip, r.target.name, iso(r.firstSeen), iso(r.lastSeen), r.exposedCount, r.sensitiveCount].map(cell).join(','),
  );
  return [head.join(','), ...lines].join('\r\n') + '\r\n';
}
