/** The Overview's queries: counts by detection and status, exposure, blind spots, the timeline. */
import type { Db } from './names.ts';

type Param = number;

export function countsByDetection(db: Db, from?: number, to?: number) {
  const { sql, params } = range(from, to);
  return db.prepare<Param[], { detection: string; status: string; n: number }>(`SELECT detection, status, count(*) AS n FROM alerts ${sql} GROUP BY detection, status`).all(...params);
}

function range(from?: number, to?: number): { sql: string; params: Param[] } {
  const parts: string[] = [];
  const params: Param[] = [];
  if (from !== undefined) {
    parts.push('last_seen >= ?');
    params.push(from);
  }
  if (to !== undefined) {
    parts.push('first_seen <= ?');
    params.push(to);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** Exposed accounts over open alerts (distinct names), and how many of those alerts name sensitive ones. */
export function exposedOfOpenAlerts(db: Db): string[] {
  const rows = db.prepare<[], { exposed: string }>("SELECT exposed FROM alerts WHERE status != 'closed'").all();
  const names = new Set<string>();
  for (const r of rows) {
    try {
      const v: unknown = JSON.parse(r.exposed);
      if (Array.isArray(v)) for (const n of v) if (typeof n === 'string') names.add(n);
    } catch {
      // a damaged exposed column counts as no names
    }
  }
  return [...names];
}

export function blindSpotColumns(db: Db): string[] {
  return db.prepare<[], { blind_spots: string }>('SELECT blind_spots FROM captures').all().map((r) => r.blind_spots);
}

export function alertSpan(db: Db): { from: number; to: number } | null {
  const r = db.prepare<[], { lo: number | null; hi: number | null }>('SELECT min(first_seen) AS lo, max(last_seen) AS hi FROM alerts').get();
  return r && r.lo !== null && r.hi !== null ? { from: r.lo, to: r.hi } : null;
}

/** Alerts by first-seen bucket (integer division of packet time) and detection. */
export function alertBuckets(db: Db, bucketUs: number, from?: number, to?: number) {
  const { sql, params } = range(from, to);
  return db
    .prepare<Param[], { b: number; detection: string; n: number }>(`SELECT (first_seen / CAST(? AS INTEGER)) AS b, detection, count(*) AS n FROM alerts ${sql} GROUP BY b, detection ORDER BY b`)
    .all(bucketUs, ...params);
}

/** Per DC: when SAMR learning started and the latest SAMR activity seen against it (packet time). */
export function samrLearning(db: Db) {
  return db
    .prepare<[], { dc: string; start_ts: number; last_ts: number | null }>(
      "SELECT l.dc, l.start_ts, (SELECT max(ts) FROM activities t WHERE t.kind = 'samr' AND t.dst = l.dc) AS last_ts FROM samr_learning l ORDER BY l.dc",
    )
    .all();
}

export function activityCount(db: Db): number {
  return db.prepare<[], { n: number }>('SELECT count(*) AS n FROM activities').get()?.n ?? 0;
}
