/**
 * 2021 User and Group membership reconnaissance (SAMR), with a learning period per DC in packet
 * time (DESIGN.md "SAMR learning"): it starts at that DC's first SAMR activity; while it lasts,
 * (DC, source, class) is recorded in the baseline; after it, a class the source was never seen making
 * against that DC alerts. A learning period of 0 alerts on every reconnaissance class, saying that no
 * baseline existed. Only calls to hosts with role 'dc' count.
 */
import type { SamrCallActivity } from '../../engine/activity.ts';
import type { AlertUpdate, Detector } from '../../engine/detector.ts';
import { effectiveClass } from './classes.ts';

export { summarizer } from './summarizer.ts';

/** SamrLookupIdsInDomain: its answer names the members an alerting call returned as RIDs. */
const LOOKUP_IDS = 18;

export function createDetector(): Detector {
  /** Source>DC pairs that alerted: their later name lookups become evidence (member names). */
  const alerted = new Set<string>();
  return {
    id: '2021',
    onActivity(a, env): AlertUpdate[] {
      if (a.kind !== 'samr' || !env.hasRole(a.dst, 'dc')) return [];
      const base = env.samrBaseline;
      let start = base.learningStart(a.dst);
      if (start === undefined) {
        start = a.ts;
        base.setLearningStart(a.dst, start);
      }
      const key = `${a.src}>${a.dst}`;
      const cls = effectiveClass(a, env.settings.taggedSensitive);
      const update = (note?: AlertUpdate['note']): AlertUpdate[] => {
        const u: AlertUpdate = { detection: '2021', source: a.src, target: a.dst, ts: a.ts, evidence: [a as SamrCallActivity] };
        if (note) u.note = note;
        return [u];
      };
      if (cls === null) return a.opnum === LOOKUP_IDS && a.names.length > 0 && alerted.has(key) ? update() : [];
      const learningS = env.settings.samrLearningS;
      if (learningS <= 0) {
        alerted.add(key);
        return update({ noBaseline: true, newClasses: [cls] });
      }
      if (a.ts - start < learningS * 1_000_000) {
        if (!base.has(a.dst, a.src, cls)) base.add(a.dst, a.src, cls, a.ts);
        return [];
      }
      if (base.has(a.dst, a.src, cls)) return [];
      alerted.add(key);
      return update({ newClasses: [cls] });
    },
  };
}
