/** Small helpers shared by the handlers: row mapping, JSON columns, the analyst's name. */
import type { AlertRowDb } from '../../../db/ui/names.ts';
import type { AlertRow } from '../schema/alerts.ts';
import { AlertStatus, Classification, DetectionId, Severity } from '../schema/common.ts';
import type { HandlerDeps } from '../deps.ts';
import { analystName as storeAnalyst } from '../../../db/settings.ts';

export function toAlertRow(r: AlertRowDb): AlertRow {
  return {
    id: r.id,
    detection: DetectionId.parse(r.detection),
    title: r.title,
    source: { ip: r.source, name: r.source_name },
    target: { ip: r.target, name: r.target_name },
    status: AlertStatus.parse(r.status),
    classification: r.classification === null ? null : Classification.parse(r.classification),
    severity: Severity.catch('medium').parse(r.severity),
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    exposedCount: r.exposed_count,
    sensitiveCount: r.sensitive_count,
    activityCount: r.activity_count,
    sample: r.sample === 1,
    capture: r.capture === null ? null : baseName(r.capture),
  };
}

export function baseName(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i >= 0 ? p.slice(i + 1) : p;
}

/** Parse a JSON column; a damaged value yields the fallback instead of failing the whole page. */
export function json<T>(text: string | null | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** The analyst name setting (the store defaults it to the OS user name). */
export function analystName(deps: HandlerDeps): string {
  return storeAnalyst(deps.db);
}

export const computer = (ip: string, name: string | null) => (name ? `${name} (${ip})` : ip);

export const CLASS_LABEL: Record<string, string> = { tp: 'TP', btp: 'B-TP', fp: 'FP' };
