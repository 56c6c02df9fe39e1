/**
 * CEF in the shape of Microsoft's identity product, so a SIEM that parses those alerts needs no new
 * parser: CEF:0|ReconLens|ReconLens|<version>|<alert class>|<title>|<3|5|10>|start= suser= shost= msg= cnt= externalId= ...
 * Escaping (ArcSight CEF spec): in the header \ and |; in extension values \ and = and line breaks.
 */
import { CEF_CLASS, CEF_SEVERITY, DETECTION_NAMES } from '../../main/engine/detector.ts';
import type { ExportAlert } from './rows.ts';

export function cefHeader(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r\n|\r|\n/g, ' ');
}

export function cefValue(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/=/g, '\\=').replace(/\r\n|\n/g, '\\n').replace(/\r/g, '\\r');
}

export function cefLine(a: ExportAlert, version: string): string {
  const ms = (iso: string) => String(Date.parse(iso));
  const ext: [string, string][] = [
    ['start', ms(a.firstSeen)],
    ['end', ms(a.lastSeen)],
    ['rt', ms(a.lastSeen)],
  ];
  if (a.users[0]) ext.push(['suser', a.users[0]]);
  ext.push(['shost', a.source.name ?? a.source.ip], ['src', a.source.ip], ['dhost', a.target.name ?? a.target.ip], ['dst', a.target.ip]);
  const exposed = a.exposedAccounts.length ? ` Exposed accounts: ${a.exposedAccounts.join(', ')}.` : '';
  ext.push(
    ['msg', `${DETECTION_NAMES[a.detection]}: ${a.title}${exposed}`],
    ['cnt', String(a.activityCount)],
    ['externalId', a.detection],
    ['cn1Label', 'alertId'],
    ['cn1', String(a.id)],
    ['cs1Label', 'status'],
    ['cs1', a.status],
    ['cs2Label', 'classification'],
    ['cs2', a.classification ?? 'none'],
  );
  if (a.exposedAccounts.length) ext.push(['cs3Label', 'exposedAccounts'], ['cs3', a.exposedAccounts.join(',')]);
  const header = ['CEF:0', 'ReconLens', 'ReconLens', version, CEF_CLASS[a.detection], a.title, String(CEF_SEVERITY[a.severity])].map((f, i) => (i === 0 ? f : cefHeader(f)));
  return `${header.join('|')}|${ext.map(([k, v]) => `${k}=${cefValue(v)}`).join(' ')}`;
}

export function toCef(alerts: readonly ExportAlert[], version: string): string {
  return alerts.map((a) => `${cefLine(a, version)}\n`).join('');
}
