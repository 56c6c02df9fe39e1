/** A DetectorEnv for detector tests: declared DCs and an in-memory SAMR baseline. */
import type { SamrQueryClass } from '../../main/engine/activity.ts';
import { DEFAULT_DETECTION_SETTINGS, type DetectionSettings, type DetectorEnv, type NameLookup } from '../../main/engine/detector.ts';

export interface TestEnv extends DetectorEnv {
  starts: Map<string, number>;
  rows: Set<string>;
}

export function testEnv(dcs: string[], settings: Partial<DetectionSettings> = {}): TestEnv {
  const starts = new Map<string, number>();
  const rows = new Set<string>();
  return {
    starts,
    rows,
    settings: { ...DEFAULT_DETECTION_SETTINGS, ...settings },
    hasRole: (ip, role) => role === 'dc' && dcs.includes(ip),
    samrBaseline: {
      learningStart: (dc) => starts.get(dc),
      setLearningStart: (dc, ts) => void starts.set(dc, ts),
      has: (dc, source, cls: SamrQueryClass) => rows.has(`${dc}|${source}|${cls}`),
      add: (dc, source, cls: SamrQueryClass) => void rows.add(`${dc}|${source}|${cls}`),
    },
  };
}

export const noNames: NameLookup = { nameOf: () => null };
export const someNames = (m: Record<string, string>): NameLookup => ({ nameOf: (ip) => m[ip] ?? null });
