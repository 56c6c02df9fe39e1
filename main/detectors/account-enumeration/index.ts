/** 2003 Account enumeration reconnaissance: detector and summarizer. */
import type { Detector } from '../../engine/detector.ts';
import { AccountEnumerationDetector } from './detector.ts';

export { summarizer } from './summarizer.ts';
export const createDetector = (): Detector => new AccountEnumerationDetector();
