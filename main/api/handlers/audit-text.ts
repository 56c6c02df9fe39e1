/** Audit rows in words: "open" -> "closed (B-TP)"; exclusions added or removed. */
import type { AuditRowDb } from '../../../db/ui/alert-detail.ts';
import type { AuditEntry } from '../schema/alerts.ts';
import { CLASS_LABEL, json } from './util.ts';

interface State { alerts?: { id: number; status: string; classification: string | null }[]; exclusions?: number[]; exclusionsRemoved?: number[] }

function stateText(text: string | null, alertId: number | null): string | null {
  const s = json<State | null>(text, null);
  if (!s) return null;
  const parts: string[] = [];
  const a = s.alerts?.find((x) => x.id === alertId) ?? s.alerts?.[0];
  if (a) parts.push(a.classification ? `${a.status} (${CLASS_LABEL[a.classification] ?? a.classification})` : a.status);
  if (s.exclusions?.length) parts.push(`${s.exclusions.length} exclusion${s.exclusions.length > 1 ? 's' : ''} added`);
  if (s.exclusionsRemoved?.length) parts.push('exclusion removed');
  return parts.length ? parts.join(', ') : null;
}

export function auditEntry(r: AuditRowDb): AuditEntry {
  return { id: r.id, at: r.at, author: r.author, action: r.action, from: stateText(r.from_state, r.alert_id), to: stateText(r.to_state, r.alert_id), reason: r.reason };
}
