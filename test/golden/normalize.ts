// Turn `reconlens analyze --json` output into a golden document: only what the capture decides.
// Kept: each alert's detection, source, target, title, severity, status, sorted exposedAccounts and
// details; the capture's packets and blind spots; the hosts the engine learned (names, roles).
// Dropped: database ids, wall-clock and packet times (any ISO-8601 string), absolute paths.
// Sorted: alerts by (detection, source ip, target ip), hosts by ip, exposedAccounts by name.

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/;
const DROP_KEYS = new Set(['id', 'captureId', 'alertId', 'firstSeen', 'lastSeen', 'createdAt', 'updatedAt']);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Deep copy without ids, times and machine paths; object keys in sorted order. */
export function scrub(v: unknown, root: string): Json {
  if (v === null || typeof v === 'boolean' || typeof v === 'number') return v;
  if (typeof v === 'string') return ISO_TIME.test(v) ? '<time>' : v.split(root).join('<repo>');
  if (Array.isArray(v)) return v.map((x) => scrub(x, root));
  if (typeof v === 'object') {
    const out: { [k: string]: Json } = {};
    for (const k of Object.keys(v as object).sort()) {
      if (DROP_KEYS.has(k)) continue;
      const x = (v as Record<string, unknown>)[k];
      if (typeof x === 'string' && ISO_TIME.test(x)) continue;   // a time field: not the capture's story
      out[k] = scrub(x, root);
    }
    return out;
  }
  return String(v);
}

interface Endpoint { ip: string; name: string | null }
export interface EngineAlert {
  detection: string; title: string; severity: string; status: string;
  source: Endpoint; target: Endpoint; exposedAccounts: string[]; details: unknown;
}
interface EngineOutput {
  captures: { packets: number; blindSpots: unknown }[];
  hosts?: { ip: string; names: string[]; roles: string[] }[];
  alerts: EngineAlert[];
}

const ipKey = (ip: string): string => ip.split('.').map((p) => p.padStart(3, '0')).join('.');

export function goldenOf(out: EngineOutput, root: string): Json {
  const alerts = [...out.alerts]
    .sort((a, b) => a.detection.localeCompare(b.detection) || ipKey(a.source.ip).localeCompare(ipKey(b.source.ip)) ||
      ipKey(a.target.ip).localeCompare(ipKey(b.target.ip)))
    .map((a) => ({
      detection: a.detection,
      source: a.source,
      target: a.target,
      title: a.title,
      severity: a.severity,
      status: a.status,
      exposedAccounts: [...a.exposedAccounts].sort(),
      details: a.details,
    }));
  const hosts = [...(out.hosts ?? [])].sort((a, b) => ipKey(a.ip).localeCompare(ipKey(b.ip)));
  const captures = out.captures.map((c) => ({ packets: c.packets, blindSpots: c.blindSpots }));
  return scrub({ captures, hosts, alerts }, root);
}
