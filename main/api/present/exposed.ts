/** Exposed accounts with the ★ reasons (well-known RID, its name, or tagged by the analyst). */
import { SENSITIVE_RIDS, type Activity } from '../../engine/activity.ts';
import type { ExposedAccount } from '../schema/alerts.ts';
import type { AccountFacts } from '../../../db/ui/alert-detail.ts';

const SENSITIVE_NAMES = new Map([...SENSITIVE_RIDS].map(([rid, name]) => [name.toLowerCase(), rid]));

export function sensitiveReasons(name: string, facts: AccountFacts): string[] {
  const key = name.toLowerCase();
  const reasons: string[] = [];
  const ridMatch = /^RID-(\d+)$/i.exec(name);
  const rid = ridMatch?.[1] ? Number(ridMatch[1]) : (facts.rids.get(key) ?? SENSITIVE_NAMES.get(key));
  if (rid !== undefined && SENSITIVE_RIDS.has(rid)) reasons.push(`RID ${rid} ${SENSITIVE_RIDS.get(rid) ?? ''}`.trim());
  // What the store learned beyond RIDs and tags (e.g. membership of a sensitive group).
  const stored = facts.reasons.get(key);
  if (stored && stored !== 'tagged' && !stored.startsWith('RID')) reasons.push(stored);
  if (facts.tagged.has(key)) {
    const note = facts.tagged.get(key);
    reasons.push(note ? `tagged: ${note}` : 'tagged');
  }
  return reasons;
}

/** Exposed accounts are bare names; session lists may say DOMAIN\\user or user@realm. */
const bareName = (s: string) => {
  const afterDomain = s.slice(s.lastIndexOf('\\') + 1);
  const at = afterDomain.indexOf('@');
  return (at > 0 ? afterDomain.slice(0, at) : afterDomain).toLowerCase();
};

/** Clients each exposed user sat on (2012 session lists), from the evidence. */
function clientsByUser(acts: Activity[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const a of acts) {
    if (a.kind !== 'srvsvc-sessenum') continue;
    for (const s of a.sessions) {
      if (!s.user) continue; // info level 0 lists clients only
      const k = bareName(s.user);
      const set = out.get(k) ?? new Set<string>();
      set.add(s.client);
      out.set(k, set);
    }
  }
  return out;
}

export function exposedAccounts(names: string[], acts: Activity[], facts: AccountFacts): ExposedAccount[] {
  const clients = clientsByUser(acts);
  return names
    .map((name) => {
      const reasons = sensitiveReasons(name, facts);
      return { name, sensitive: reasons.length > 0, reasons, clients: [...(clients.get(bareName(name)) ?? [])].slice(0, 20) };
    })
    .sort((a, b) => Number(b.sensitive) - Number(a.sensitive) || a.name.localeCompare(b.name));
}
