/**
 * The engine alone on one file (reader, decode, flows, dissectors, detectors) into a sink that
 * keeps nothing: prints one JSON line with the time and peak RSS. Run by bench.ts.
 */
import { analyzeFiles } from '../../main/pipeline/analyze.ts';
import type { Sink } from '../../main/engine/sink.ts';
import { DEFAULT_DETECTION_SETTINGS } from '../../main/engine/detector.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: engine-only FILE');
let activities = 0;
let alerts = 0;
const sink: Sink = {
  loadEngineState: () => ({ settings: { ...DEFAULT_DETECTION_SETTINGS, samrLearningS: 0 }, roles: [], names: [], samrLearningStarts: [], samrBaseline: [] }),
  beginCapture: () => ({ id: 1, alreadyComplete: false, resumeFromFrame: 0 }),
  hasCompleteCaptureOfSize: () => false,
  setCaptureHash: () => undefined,
  writeBatch: (b) => {
    activities += b.activities.length;
    alerts += b.alertUpdates.length;
    return [];
  },
  finishCapture: () => undefined,
};
const t0 = process.hrtime.bigint();
const r = await analyzeFiles([file], { sink });
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const stats = r.captures[0]?.stats;
process.stdout.write(`${JSON.stringify({ ms, packets: stats?.packets ?? 0, bytes: stats?.bytes ?? 0, activities, alertUpdates: alerts, maxRssMb: process.resourceUsage().maxRSS / 1024, protocols: stats?.protocols })}\n`);
