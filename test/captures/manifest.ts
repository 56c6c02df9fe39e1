// The shape of test/captures/manifest.json and its rendering as MANIFEST.md.
// Written by hand: file, shows, origin, sameFramesAs, regenerate, analyzeArgs, expectedAlerts, expectNoAlert,
// expectedBlindSpots, notes, engineMismatch. Measured by test/lab/update-manifest.ts: sha256, bytes, packets,
// format, encapsulation, facts.
import type { Facts } from './facts.ts';

/** Files under test/captures/ that are captures (and so need a manifest entry). */
export const CAPTURE_RE = /\.(pcap|pcapng)(\.gz)?$/;

export interface ExpectedAlert {
  detection: '2003' | '2007' | '2012' | '2021';
  source: string;          // ip of the source computer
  sourceName?: string;     // its host name, when the capture lets it be learned
  target: string;          // ip of the DC / DNS server
  targetName?: string;
  exposedAccounts: string[];
  details: string;         // what the alert should say, in words (counts, zone, levels, classes)
}

export interface ManifestEntry {
  file: string;
  shows: string;
  origin: string;                 // the lab scenario or the command that derived it
  sameFramesAs?: string;          // a variant: the capture whose frames it carries (other container)
  regenerate: string;             // shell command, from the repository root
  analyzeArgs: string[];          // extra `reconlens analyze` arguments the golden test passes
  expectedAlerts: ExpectedAlert[];
  expectNoAlert?: string;         // why none, when expectedAlerts is empty
  expectedBlindSpots?: Record<string, number>;
  notes?: string[];
  engineMismatch?: string;        // a reviewed disagreement with the engine, reported as a bug: no golden accepted
  sha256?: string;
  bytes?: number;
  packets?: number;
  format?: string;
  encapsulation?: string;
  facts?: Facts;
}

export interface Manifest {
  about: string[];
  lab: { realm: string; netbiosDomain: string; hosts: { name: string; ip: string; role: string }[] };
  tshark?: string;
  captures: ManifestEntry[];
}

const hostLabel = (ip: string, name?: string): string => (name ? `${name} (${ip})` : ip);

export function renderManifestMd(m: Manifest): string {
  const out: string[] = [];
  const total = m.captures.reduce((n, c) => n + (c.bytes ?? 0), 0);
  out.push('# ReconLens lab captures', '');
  out.push('<!-- Generated from manifest.json by test/lab/update-manifest.ts: edit manifest.json, then run it. -->', '');
  for (const p of m.about) out.push(p, '');
  out.push(`${m.captures.length} capture files, ${total} bytes in all. Facts computed with ${(m.tshark ?? 'tshark').replace(/\.$/, '')}, \`-n\`, default preferences, and capinfos.`, '');
  out.push(`Lab: realm ${m.lab.realm}, NetBIOS domain ${m.lab.netbiosDomain}.`, '');
  out.push('| host | ip | role |', '|---|---|---|');
  for (const h of m.lab.hosts) out.push(`| ${h.name} | ${h.ip} | ${h.role} |`);
  out.push('');
  for (const c of m.captures) {
    out.push(`## ${c.file}`, '');
    out.push(`- what it shows: ${c.shows}`);
    out.push(`- origin: ${c.origin}`);
    if (c.sameFramesAs) out.push(`- same frames as: ${c.sameFramesAs}`);
    out.push(`- regenerate: \`${c.regenerate}\``);
    out.push(`- sha256: \`${c.sha256 ?? '?'}\``);
    out.push(`- ${c.packets ?? '?'} packets, ${c.bytes ?? '?'} bytes, format ${c.format ?? '?'}, link type ${c.encapsulation ?? '?'}`);
    out.push(`- analyze with: \`reconlens analyze --json --learning 0${c.analyzeArgs.length ? ' ' + c.analyzeArgs.join(' ') : ''} ${c.file}\``);
    if (c.expectedAlerts.length === 0) {
      out.push(`- expected alerts: none. ${c.expectNoAlert ?? ''}`.trimEnd());
    } else {
      out.push('- expected alerts:');
      for (const a of c.expectedAlerts) {
        const exposed = a.exposedAccounts.length ? a.exposedAccounts.join(', ') : 'none';
        out.push(`  - ${a.detection}: ${hostLabel(a.source, a.sourceName)} -> ${hostLabel(a.target, a.targetName)}; exposed accounts: ${exposed}. ${a.details}`);
      }
    }
    if (c.expectedBlindSpots) {
      out.push(`- expected blind spots: ${Object.entries(c.expectedBlindSpots).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    }
    for (const n of c.notes ?? []) out.push(`- note: ${n}`);
    if (c.engineMismatch) out.push(`- engine mismatch (reported, golden not accepted): ${c.engineMismatch}`);
    out.push('', 'tshark facts:', '```');
    for (const [k, v] of Object.entries(c.facts ?? {})) out.push(`${String(v).padStart(6)}  ${k}`);
    out.push('```', '');
  }
  return out.join('\n');
}
