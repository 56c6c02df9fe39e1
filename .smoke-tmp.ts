import { analyzeFiles } from './main/pipeline/analyze.ts';
import { memorySink } from './test/helpers/memory-sink.ts';
import { DEFAULT_DETECTION_SETTINGS } from './main/engine/detector.ts';
for (const f of process.argv.slice(2)) {
const sink = memorySink({ settings: { ...DEFAULT_DETECTION_SETTINGS, samrLearningS: 0 } });
const r = await analyzeFiles([f], { sink, hooks: { onInternalError: (p, e) => console.error('INTERNAL', p, e) } });
const kinds: Record<string, number> = {};
for (const a of sink.activities) kinds[a.kind] = (kinds[a.kind] ?? 0) + 1;
console.log(f.split('/').pop(), JSON.stringify(kinds), [...sink.alerts.keys()].join(' '), JSON.stringify(r.captures[0]?.stats?.decodeErrors));
}
