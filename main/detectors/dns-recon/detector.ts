/**
 * 2007 Network mapping reconnaissance (DNS), DESIGN.md: a computer that is not a DNS server asks a
 * DNS server for a zone transfer (AXFR 252, IXFR 251). Keyed (source, server). A declared or
 * learned DNS server asking (a secondary doing its job) raises nothing.
 * A source seen acting as a DNS server only after its request keeps its alert (the analyst
 * decides), with the note sourceLaterSeenAsDnsServer: at once when the engine tells when roles
 * were learned (DetectorEnv.roleSince), else on the first activity after the role appears.
 */
import type { Activity, DnsTransferActivity } from '../../engine/activity.ts';
import type { AlertUpdate, Detector, DetectorEnv } from '../../engine/detector.ts';

interface AlertedSource {
  /** Server -> packet time of the alert's latest transfer (the note reuses it: it is not new activity). */
  targets: Map<string, number>;
  laterSeenAsServer: boolean;
}

const LATER_NOTE = { sourceLaterSeenAsDnsServer: true } as const;

/** Was the source a DNS server when it asked? Without roleSince, hasRole (what is known now) decides. */
function serverWhenAsked(a: DnsTransferActivity, env: DetectorEnv): boolean {
  if (!env.roleSince) return env.hasRole(a.src, 'dns-server');
  const since = env.roleSince(a.src, 'dns-server');
  return since !== null && since <= a.ts;
}

export class DnsReconDetector implements Detector {
  readonly id = '2007' as const;
  /** Sources alerted on whose later role as a DNS server has not been noted yet. */
  private readonly watch = new Map<string, AlertedSource>();

  onActivity(a: Activity, env: DetectorEnv): AlertUpdate[] {
    const updates = this.noteLaterServers(env);
    if (a.kind !== 'dns-xfer' || serverWhenAsked(a, env)) return updates;
    let w = this.watch.get(a.src);
    if (!w) this.watch.set(a.src, (w = { targets: new Map(), laterSeenAsServer: false }));
    w.targets.set(a.dst, a.ts);
    const later = env.hasRole(a.src, 'dns-server');
    if (later) w.laterSeenAsServer = true;
    updates.push({ detection: '2007', source: a.src, target: a.dst, ts: a.ts, evidence: [a], ...(later ? { note: LATER_NOTE } : {}) });
    return updates;
  }

  private noteLaterServers(env: DetectorEnv): AlertUpdate[] {
    const out: AlertUpdate[] = [];
    for (const [src, w] of this.watch) {
      if (w.laterSeenAsServer || !env.hasRole(src, 'dns-server')) continue;
      w.laterSeenAsServer = true;
      for (const [target, ts] of w.targets) out.push({ detection: '2007', source: src, target, ts, evidence: [], note: LATER_NOTE });
    }
    return out;
  }
}
