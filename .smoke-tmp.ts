import { analyzeFiles } from './main/pipeline/analyze.ts';
import { memorySink } from './test/helpers/memory-sink.ts';
const sink = memorySink();
const r = await analyzeFiles(process.argv.slice(2), { sink, hooks: { onInternalError: (p, e) => console.error('INTERNAL', p, e) } });
for (const c of r.captures) console.log(c.file.split('/').pop(), c.status, c.reason ?? '', JSON.stringify(c.stats?.protocols), JSON.stringify(c.stats?.blindSpots), JSON.stringify(c.stats?.decodeErrors), JSON.stringify(c.stats?.skipped));
console.log('activities', sink.activities.length, 'alerts', [...sink.alerts.keys()]);
