/**
 * 2012 User and IP address reconnaissance (SMB): a computer calls SRVSVC NetrSessionEnum (opnum 12)
 * on a domain controller. The attempt is the reconnaissance: a denied or unanswered call alerts too.
 * Keyed (source, DC); the store merges further calls into the open alert.
 */
import type { Detector } from '../../engine/detector.ts';

export { summarizer } from './summarizer.ts';

export function createDetector(): Detector {
  return {
    id: '2012',
    onActivity(a, env) {
      if (a.kind !== 'srvsvc-sessenum' || !env.hasRole(a.dst, 'dc')) return [];
      return [{ detection: '2012', source: a.src, target: a.dst, ts: a.ts, evidence: [a] }];
    },
  };
}
