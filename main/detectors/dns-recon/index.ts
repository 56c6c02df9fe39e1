/** 2007 Network mapping reconnaissance (DNS): detector and summarizer. */
import type { Detector } from '../../engine/detector.ts';
import { DnsReconDetector } from './detector.ts';

export { summarizer } from './summarizer.ts';
export const createDetector = (): Detector => new DnsReconDetector();
