/** overview.get: tiles, timeline buckets, SAMR learning per DC, the last captures (with their blind spots). */
import { activityCount, alertBuckets, alertSpan, blindSpotColumns, countsByDetection, exposedOfOpenAlerts, samrLearning } from '../../../db/ui/overview.ts';
import { accountFacts } from '../../../db/ui/alert-detail.ts';
import { captureCount } from '../../../db/ui/alerts.ts';
import { recentCaptures, sampleCaptureIds } from '../../../db/ui/captures.ts';
import { hostName } from '../../../db/ui/names.ts';
import { DETECTIONS, type DetectionId, type Handlers } from '../contract.ts';
import type { HandlerDeps } from '../deps.ts';
import { sensitiveReasons } from '../present/exposed.ts';
import { toCaptureRow } from './captures-map.ts';
import { currentSettings } from './settings-model.ts';
import { json } from './util.ts';

/** How many of the last captures the Overview lists. */
export const RECENT_CAPTURES = 5;
const HOUR = 3_600_000_000;
const DAY = 24 * HOUR;
/** Bucket sizes that read well on an axis: minutes to weeks. */
const STEPS = [60e6, 5 * 60e6, 15 * 60e6, HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 7 * DAY];

export function bucketFor(spanUs: number, maxBars = 200): number {
  return STEPS.find((s) => spanUs / s <= maxBars) ?? Math.ceil(spanUs / maxBars / DAY) * DAY;
}

export function overviewHandlers(deps: HandlerDeps): Pick<Handlers, 'overview.get'> {
  const { db } = deps;
  /** The first alert of each detection among the sample's (badged) alerts. */
  const sampleAlerts = (): Partial<Record<DetectionId, number>> => {
    const rows = db.prepare<[], { detection: string; id: number }>('SELECT detection, min(id) AS id FROM alerts WHERE sample = 1 GROUP BY detection').all();
    return Object.fromEntries(rows.filter((r) => (DETECTIONS as readonly string[]).includes(r.detection)).map((r) => [r.detection, r.id]));
  };
  return {
    'overview.get': async ({ from, to }) => {
      const byDetection = Object.fromEntries(DETECTIONS.map((d) => [d, { open: 0, closed: 0, reopened: 0 }])) as Record<DetectionId, { open: number; closed: number; reopened: number }>;
      let total = 0;
      for (const r of countsByDetection(db, from, to)) {
        const e = byDetection[r.detection as DetectionId];
        if (e && (r.status === 'open' || r.status === 'closed' || r.status === 'reopened')) e[r.status] += r.n;
        total += r.n;
      }
      const open = DETECTIONS.reduce((n, d) => n + byDetection[d].open + byDetection[d].reopened, 0);
      const facts = accountFacts(db);
      const exposed = exposedOfOpenAlerts(db);
      const blind = { smb3EncryptedFrames: 0, rpcEncryptedPdus: 0, tcpGaps: 0, total: 0 };
      for (const col of blindSpotColumns(db)) {
        const b = json<Record<string, unknown>>(col, {});
        for (const k of ['smb3EncryptedFrames', 'rpcEncryptedPdus', 'tcpGaps'] as const) {
          const v = b[k];
          if (typeof v === 'number') {
            blind[k] += v;
            blind.total += v;
          }
        }
      }
      const span = alertSpan(db);
      const lo = from ?? span?.from;
      const hi = to ?? span?.to;
      const bucketUs = lo !== undefined && hi !== undefined ? bucketFor(Math.max(hi - lo, 1)) : HOUR;
      const buckets = new Map<number, Record<DetectionId, number>>();
      for (const r of alertBuckets(db, bucketUs, from, to)) {
        const t = r.b * bucketUs;
        const e = buckets.get(t) ?? { '2003': 0, '2007': 0, '2012': 0, '2021': 0 };
        if (r.detection in e) e[r.detection as DetectionId] += r.n;
        buckets.set(t, e);
      }
      const learningDays = currentSettings(deps).samrLearningDays;
      return {
        byDetection,
        open,
        total,
        exposed: { total: exposed.length, sensitive: exposed.filter((n) => sensitiveReasons(n, facts).length > 0).length },
        blindSpots: blind,
        timeline: { bucketUs, buckets: [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([t, counts]) => ({ t, counts })) },
        span,
        samrLearning: samrLearning(db).map((l) => {
          const day = Math.floor(((l.last_ts ?? l.start_ts) - l.start_ts) / DAY) + 1;
          return { dc: l.dc, name: hostName(db, l.dc), day, days: learningDays, done: learningDays === 0 || day > learningDays };
        }),
        recentCaptures: recentCaptures(db, RECENT_CAPTURES).map(toCaptureRow),
        sample: sampleCaptureIds(db).length > 0 ? { alerts: sampleAlerts() } : null,
        captures: captureCount(db),
        activities: activityCount(db),
      };
    },
  };
}
