/**
 * 2007 Network mapping reconnaissance (DNS), DESIGN.md: a computer that is not a DNS server asks a
 * DNS server for a zone transfer (AXFR 252, IXFR 251). Keyed (source, server). A declared or
 * learned DNS server asking (a secondary doing its job) raises nothing. When a source that was
 * alerted on is later seen to be a DNS server, the alert is kept (the analyst decides) and updated
 * with the note sourceLaterSeenAsDnsServer, checked on each later activity.
 */
import type { Activity } from '../../engine/activity.ts';
import type { AlertUpdate, Detector, DetectorEnv } from '../../engine/detector.ts';

interface AlertedSource {
  targets: Set<string>;
  laterSeenAsServer: boolean;
}

export class DnsReconDetector implements Detector {
  readonly id = '2007' as const;
  /** Sources alerted on whose role has not turned into dns-server yet. */
  private readonly watch = new Map<string, AlertedSource>();

  onActivity(a: Activity, env: DetectorEnv): AlertUpdate[] {
    const updates = this.noteLaterServers(a.ts, env);
    if (a.kind !== 'dns-xfer' || env.hasRole(a.src, 'dns-server')) return updates;
    let w = this.watch.get(a.src);
    if (!w) this.watch.set(a.src, (w = { targets: new Set(), laterSeenAsServer: false }));
    w.targets.add(a.dst);
    updates.push({ detection: '2007', source: a.src, target: a.dst, ts: a.ts, evidence: [a] });
    return updates;
  }

  private noteLaterServers(ts: number, env: DetectorEnv): AlertUpdate[] {
    const out: AlertUpdate[] = [];
    for (const [src, w] of this.watch) {
      if (w.laterSeenAsServer || !env.hasRole(src, 'dns-server')) continue;
      w.laterSeenAsServer = true;
      for (const target of w.targets) out.push({ detection: '2007', source: src, target, ts, evidence: [], note: { sourceLaterSeenAsDnsServer: true } });
    }
    for (const [src, w] of this.watch) if (w.laterSeenAsServer) this.watch.delete(src);
    return out;
  }
}
