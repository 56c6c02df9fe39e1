/**
 * Runs capture files through the whole engine (capture reader, flow, SMB, DCE/RPC, SRVSVC, SAMR,
 * detectors) into a memory sink, with the DCs declared as an analyst would, and summarizes the
 * alerts the way the store does. Shared by the 2012 and 2021 corpus tests.
 */
import { readFileSync } from 'node:fs';
import { analyzeFiles } from '../../main/pipeline/analyze.ts';
import { DEFAULT_DETECTION_SETTINGS, type AlertSummary, type DetectionSettings } from '../../main/engine/detector.ts';
import type { Activity, DetectionId } from '../../main/engine/activity.ts';
import { SUMMARIZERS } from '../../main/detectors/index.ts';
import { memorySink } from '../helpers/memory-sink.ts';
import { corpusPath } from '../helpers/paths.ts';

/** The lab's DCs (SAMR-Enum-Lab Laboratory_Setup.md), suricata's DC1.contoso.local, our Samba lab DC. */
export const LAB_DCS = ['192.168.10.11', '192.168.11.11', '192.168.12.11', '192.168.10.10', '10.66.0.10'];

export interface RunAlert {
  detection: DetectionId;
  source: string;
  target: string;
  summary: AlertSummary;
  evidence: Activity[];
}

export async function runCapture(file: string, settings: Partial<DetectionSettings> = { samrLearningS: 0 }): Promise<{ alerts: RunAlert[]; activities: Activity[] }> {
  const full = { ...DEFAULT_DETECTION_SETTINGS, ...settings };
  const sink = memorySink({ settings: full, roles: LAB_DCS.map((ip) => ({ ip, role: 'dc' as const, source: 'declared' as const, ts: 0 })) });
  await analyzeFiles([file], { sink });
  const alerts = [...sink.alerts.values()].map((a) => {
    const [detection, source, target] = a.key.split('|') as [DetectionId, string, string];
    const evidence = a.updates.flatMap((u) => u.evidence);
    const notes = a.updates.flatMap((u) => (u.note ? [u.note] : []));
    const summary = SUMMARIZERS.get(detection)!.summarize({ source, target, evidence, notes, names: { nameOf: () => null }, settings: full });
    return { detection, source, target, summary, evidence };
  });
  return { alerts, activities: sink.activities };
}

export interface ExpectedAlert {
  file: string;
  detection: DetectionId;
  source: string;
  target: string;
  exposedAccounts?: string[];
}

export const EXPECTED: ExpectedAlert[] = JSON.parse(readFileSync(corpusPath('expected.json'), 'utf8')) as ExpectedAlert[];
