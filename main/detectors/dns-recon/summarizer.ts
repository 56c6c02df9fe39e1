/**
 * 2007 alert summary (UI.md):
 *   `{source}, not a DNS server, requested a zone transfer ({AXFR|IXFR}) of {zone} from {server}; {answer}.`
 * answer: "{n} records transferred" when any transfer succeeded, else the answer of the latest:
 * REFUSED / NOTAUTH / another RCODE name / "no answer".
 */
import type { Activity, DnsTransferActivity } from '../../engine/activity.ts';
import { computerLabel, type AlertSummarizer, type AlertSummary, type AlertUpdate } from '../../engine/detector.ts';

const MAX_ZONES_IN_TITLE = 3;

export function answerText(transfers: readonly DnsTransferActivity[]): string {
  const ok = transfers.filter((t) => t.rcode === 0 && t.records > 0);
  if (ok.length) return `${ok.reduce((n, t) => n + t.records, 0)} records transferred`;
  const last = transfers[transfers.length - 1];
  if (!last || last.rcode === null) return 'no answer';
  return last.rcode === 0 ? '0 records transferred' : (last.rcodeName ?? `RCODE${last.rcode}`);
}

export function summarizeTransfers(
  source: string,
  target: string,
  evidence: readonly Activity[],
  notes: readonly NonNullable<AlertUpdate['note']>[],
  label: (ip: string) => string,
): AlertSummary {
  const transfers = evidence.filter((a): a is DnsTransferActivity => a.kind === 'dns-xfer').sort((x, y) => x.ts - y.ts);
  const zones = [...new Set(transfers.map((t) => t.zone))];
  const qtypes = [...new Set(transfers.map((t) => t.qtype))].join('/') || 'AXFR';
  const shownZones = zones.slice(0, MAX_ZONES_IN_TITLE).join(', ') + (zones.length > MAX_ZONES_IN_TITLE ? ` and ${zones.length - MAX_ZONES_IN_TITLE} more` : '');
  const details: Record<string, unknown> = {
    transfers: transfers.map((t) => ({
      zone: t.zone,
      qtype: t.qtype,
      server: t.dst,
      rcodeName: t.rcodeName,
      records: t.records,
      serial: t.serial,
      requestSeen: t.requestSeen,
      frame: t.frames[0] ?? null,
    })),
  };
  if (notes.some((n) => n.sourceLaterSeenAsDnsServer)) details['sourceLaterSeenAsDnsServer'] = true;
  return {
    title: `${label(source)}, not a DNS server, requested a zone transfer (${qtypes}) of ${shownZones || '(unknown zone)'} from ${label(target)}; ${answerText(transfers)}.`,
    exposedAccounts: [],
    details,
  };
}

export const summarizer: AlertSummarizer = {
  id: '2007',
  summarize: ({ source, target, evidence, notes, names }) => summarizeTransfers(source, target, evidence, notes, (ip) => computerLabel(ip, names)),
};
