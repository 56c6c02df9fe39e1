/**
 * 2003 Account enumeration reconnaissance (DESIGN.md): a computer sends Kerberos AS-REQs for many
 * names and the KDC answers KDC_ERR_C_PRINCIPAL_UNKNOWN for too many of them.
 *
 * Per (source, KDC): distinct unknown names in a sliding window of packet time (settings
 * enumUnknownNames, default 10, and enumWindowS, default 600 s). The alert fires when the Nth
 * distinct unknown name arrives within the window; its first update carries every guess of that
 * pair still in the window (unknown, matched or otherwise), so the matched accounts found before
 * the threshold are evidence too. While the alert goes on (a guess within ALERT_MERGE_US of the
 * last one), every further guess of the pair is evidence. A few typos never reach the threshold.
 */
import type { Activity, KerberosAsActivity } from '../../engine/activity.ts';
import type { AlertUpdate, Detector, DetectorEnv } from '../../engine/detector.ts';

/** DESIGN.md "Alert life": new activity within 24 h of the last updates the open alert. */
export const ALERT_MERGE_US = 24 * 3600 * 1_000_000;
/** Guesses kept per pair while below the threshold; the window normally trims far earlier. */
export const MAX_RECENT_GUESSES = 20_000;

interface PairState {
  /** Lower-cased name@realm -> packet time of its latest PRINCIPAL_UNKNOWN; Map order = time order. */
  unknown: Map<string, number>;
  /** Guesses of this pair within the window, not yet evidence of an alert: recent[head..]. */
  recent: KerberosAsActivity[];
  head: number;
  /** Packet time of the alert's latest evidence, null when no alert is going on. */
  alertLast: number | null;
}

export const guessKey = (a: KerberosAsActivity): string => `${a.cname}@${a.realm}`.toLowerCase();

export class AccountEnumerationDetector implements Detector {
  readonly id = '2003' as const;
  private readonly pairs = new Map<string, PairState>();

  onActivity(a: Activity, env: DetectorEnv): AlertUpdate[] {
    if (a.kind !== 'krb-as') return [];
    const key = `${a.src}>${a.dst}`;
    let s = this.pairs.get(key);
    if (!s) this.pairs.set(key, (s = { unknown: new Map(), recent: [], head: 0, alertLast: null }));
    const windowUs = env.settings.enumWindowS * 1_000_000;
    trim(s, a.ts - windowUs);

    if (s.alertLast !== null && a.ts - s.alertLast <= ALERT_MERGE_US) {
      s.alertLast = a.ts;
      if (a.outcome === 'unknown') touch(s.unknown, guessKey(a), a.ts);
      return [this.update(a, [a])];
    }
    s.alertLast = null;
    s.recent.push(a);
    if (s.recent.length - s.head > MAX_RECENT_GUESSES) s.head++;
    if (a.outcome !== 'unknown') return [];
    const isNew = touch(s.unknown, guessKey(a), a.ts);
    if (!isNew || s.unknown.size < env.settings.enumUnknownNames) return [];
    const evidence = s.recent.slice(s.head);
    s.recent = [];
    s.head = 0;
    s.alertLast = a.ts;
    return [this.update(a, evidence)];
  }

  private update(a: KerberosAsActivity, evidence: Activity[]): AlertUpdate {
    return { detection: '2003', source: a.src, target: a.dst, ts: a.ts, evidence };
  }
}

/** Records an unknown name at ts (moved to the end: Map order stays time order); true if new. */
function touch(unknown: Map<string, number>, name: string, ts: number): boolean {
  const isNew = !unknown.has(name);
  unknown.delete(name);
  unknown.set(name, ts);
  return isNew;
}

/** Drops what left the window. Both collections are in time order, so this stops at the first keeper. */
function trim(s: PairState, oldest: number): void {
  for (const [name, ts] of s.unknown) {
    if (ts >= oldest) break;
    s.unknown.delete(name);
  }
  while (s.head < s.recent.length && s.recent[s.head]!.ts < oldest) s.head++;
  // Compact now and then, so that dropping from the front stays amortised O(1).
  if (s.head > 1024 && s.head * 2 > s.recent.length) {
    s.recent = s.recent.slice(s.head);
    s.head = 0;
  }
}
