/**
 * Runs capture files through the real engine (main/pipeline) with the Kerberos, DNS and naming
 * modules and the 2003 / 2007 detectors, into the in-memory sink of test/helpers, and summarises
 * each alert from all of its evidence as the store does.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeFiles } from '../../../main/pipeline/analyze.ts';
import { kerberosModule } from '../../../main/protocols/kerberos/index.ts';
import { dnsModule } from '../../../main/protocols/dns/index.ts';
import { namingModules } from '../../../main/protocols/naming/index.ts';
import * as accountEnumeration from '../../../main/detectors/account-enumeration/index.ts';
import * as dnsRecon from '../../../main/detectors/dns-recon/index.ts';
import type { AlertSummary, DetectionSettings } from '../../../main/engine/detector.ts';
import type { EngineState } from '../../../main/engine/sink.ts';
import { DEFAULT_DETECTION_SETTINGS } from '../../../main/engine/detector.ts';
import { memorySink, type MemorySink } from '../../helpers/memory-sink.ts';

export interface PipelineAlert extends AlertSummary {
  detection: string;
  source: string;
  target: string;
  updates: number;
}

export async function runPipeline(files: string[], settings: Partial<DetectionSettings> = {}, state: Partial<EngineState> = {}): Promise<{ sink: MemorySink; alerts: PipelineAlert[] }> {
  const full = { ...DEFAULT_DETECTION_SETTINGS, ...settings };
  const sink = memorySink({ ...state, settings: full });
  await analyzeFiles(files, {
    sink,
    modules: [kerberosModule, dnsModule, ...namingModules],
    detectors: [accountEnumeration.createDetector(), dnsRecon.createDetector()],
  });
  const names = new Map<string, string>();
  for (const n of sink.batches.flatMap((b) => b.names)) if (!names.has(n.ip)) names.set(n.ip, n.name);
  const alerts = [...sink.alerts.values()].map((a) => {
    const first = a.updates[0]!;
    const summarizer = first.detection === '2003' ? accountEnumeration.summarizer : dnsRecon.summarizer;
    const summary = summarizer.summarize({
      source: first.source,
      target: first.target,
      evidence: a.updates.flatMap((u) => u.evidence),
      notes: a.updates.flatMap((u) => (u.note ? [u.note] : [])),
      names: { nameOf: (ip) => names.get(ip) ?? null },
      settings: full,
    });
    return { detection: first.detection, source: first.source, target: first.target, updates: a.updates.length, ...summary };
  });
  return { sink, alerts };
}

/** The lab's captures and what each should raise (test/captures/manifest.json, kept by test/lab). */
export interface LabCapture {
  file: string;
  analyzeArgs: string[];
  expectedAlerts: { detection: string; source: string; sourceName?: string; target: string; targetName?: string; exposedAccounts: string[] }[];
}
export function labCaptures(dir: string): LabCapture[] {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { captures: LabCapture[] };
  return manifest.captures;
}
/** `--dc IP` / `--dns-server IP` of a capture's analyzeArgs, as the roles the store would load. */
export function declaredRoles(args: readonly string[]): EngineState['roles'] {
  const roles: EngineState['roles'] = [];
  args.forEach((a, i) => {
    const ip = args[i + 1];
    if (ip && (a === '--dc' || a === '--dns-server')) roles.push({ ip, role: a === '--dc' ? 'dc' : 'dns-server', source: 'declared', ts: 0 });
  });
  return roles;
}
/** "NAME (ip)" or "ip" as the title writes a computer; NAME may be the host's FQDN (learned from DNS). */
export function labelMatches(title: string, ip: string, name: string | undefined): boolean {
  const m = new RegExp(`(?:^|[ ,])(?:(\\S+) \\()?${ip.replace(/\./g, '\\.')}\\)?[ ,;]`).exec(title);
  if (!m) return false;
  return name === undefined || (m[1] ?? '').split('.')[0]!.toLowerCase() === name.toLowerCase();
}
