/** The four detections (DESIGN.md), each in its own folder: a detector and a summarizer. */
import type { AlertSummarizer, Detector } from '../engine/detector.ts';
import type { DetectionId } from '../engine/activity.ts';
import * as accountEnumeration from './account-enumeration/index.ts';
import * as dnsRecon from './dns-recon/index.ts';
import * as sessionEnum from './session-enum/index.ts';
import * as samrRecon from './samr-recon/index.ts';

/** Detectors are stateful: create a fresh set per engine run. */
export function createDetectors(): Detector[] {
  return [accountEnumeration.createDetector(), dnsRecon.createDetector(), sessionEnum.createDetector(), samrRecon.createDetector()];
}

export const SUMMARIZERS: ReadonlyMap<DetectionId, AlertSummarizer> = new Map([
  ['2003', accountEnumeration.summarizer],
  ['2007', dnsRecon.summarizer],
  ['2012', sessionEnum.summarizer],
  ['2021', samrRecon.summarizer],
]);
