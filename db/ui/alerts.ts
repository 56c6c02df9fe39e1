/** The Alerts screen's queries: filtered, sorted, offset-paged list and the filter chips' counts. */
import { ALERT_COLUMNS, likeText, nameOf, type AlertRowDb, type Db } from './names.ts';

export interface AlertQuery {
  statuses?: string[] | undefined;
  detections?: string[] | undefined;
  sensitiveOnly?: boolean | undefined;
  from?: number | undefined;
  to?: number | undefined;
  text?: string | undefined;
  captureId?: number | undefined;
  host?: string | undefined;
  ids?: number[] | undefined;
}

const SORT_SQL: Record<string, string> = {
  lastSeen: 'a.last_seen',
  firstSeen: 'a.first_seen',
  id: 'a.id',
  detection: 'a.detection',
  exposed: 'a.exposed_count',
  status: 'a.status',
  source: 'a.source',
  target: 'a.target',
};

type Param = string | number;

/** WHERE clause for a filter; `skip` leaves one dimension out (chips count across it). */
export function alertWhere(q: AlertQuery, skip?: 'status' | 'detection'): { sql: string; params: Param[] } {
  const parts: string[] = [];
  const params: Param[] = [];
  if (skip !== 'status' && q.statuses?.length) {
    parts.push(`a.status IN (${q.statuses.map(() => '?').join(',')})`);
    params.push(...q.statuses);
  }
  if (skip !== 'detection' && q.detections?.length) {
    parts.push(`a.detection IN (${q.detections.map(() => '?').join(',')})`);
    params.push(...q.detections);
  }
  if (q.sensitiveOnly) parts.push('a.sensitive_count > 0');
  // An alert overlaps [from, to] when it was active at some point in that range.
  if (q.from !== undefined) {
    parts.push('a.last_seen >= ?');
    params.push(q.from);
  }
  if (q.to !== undefined) {
    parts.push('a.first_seen <= ?');
    params.push(q.to);
  }
  if (q.captureId !== undefined) {
    parts.push('a.id IN (SELECT aa.alert_id FROM alert_activities aa JOIN activities t ON t.id = aa.activity_id WHERE t.capture_id = ?)');
    params.push(q.captureId);
  }
  if (q.host) {
    parts.push('(a.source = ? OR a.target = ?)');
    params.push(q.host, q.host);
  }
  if (q.ids?.length) parts.push(`a.id IN (${q.ids.map((n) => Number(n)).join(',')})`);
  const text = q.text?.trim();
  if (text) {
    const num = /^#?(\d+)$/.exec(text);
    const like = likeText(text);
    parts.push(`(a.title LIKE ? ESCAPE '\\' OR a.source LIKE ? ESCAPE '\\' OR a.target LIKE ? ESCAPE '\\'
      OR ${nameOf('a.source')} LIKE ? ESCAPE '\\' OR ${nameOf('a.target')} LIKE ? ESCAPE '\\' OR a.exposed LIKE ? ESCAPE '\\'${num ? ' OR a.id = ?' : ''})`);
    params.push(like, like, like, like, like, like);
    if (num?.[1]) params.push(Number(num[1]));
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export function listAlerts(db: Db, q: AlertQuery, sort: string, dir: 'asc' | 'desc', offset: number, limit: number) {
  const w = alertWhere(q);
  const order = SORT_SQL[sort] ?? 'a.last_seen';
  const d = dir === 'asc' ? 'ASC' : 'DESC';
  const rows = db
    .prepare<Param[], AlertRowDb>(`SELECT ${ALERT_COLUMNS} FROM alerts a ${w.sql} ORDER BY ${order} ${d}, a.id ${d} LIMIT ? OFFSET ?`)
    .all(...w.params, limit, offset);
  const total = db.prepare<Param[], { n: number }>(`SELECT count(*) AS n FROM alerts a ${w.sql}`).get(...w.params)?.n ?? 0;
  return { rows, total };
}

export function alertChips(db: Db, q: AlertQuery) {
  const ws = alertWhere(q, 'status');
  const byStatus = db.prepare<Param[], { status: string; n: number }>(`SELECT a.status, count(*) AS n FROM alerts a ${ws.sql} GROUP BY a.status`).all(...ws.params);
  const wd = alertWhere(q, 'detection');
  const byDet = db.prepare<Param[], { detection: string; n: number }>(`SELECT a.detection, count(*) AS n FROM alerts a ${wd.sql} GROUP BY a.detection`).all(...wd.params);
  return { byStatus, byDet };
}

export function alertById(db: Db, id: number): (AlertRowDb & { exposed: string; details: string; notes: string }) | undefined {
  return db
    .prepare<[number], AlertRowDb & { exposed: string; details: string; notes: string }>(`SELECT ${ALERT_COLUMNS}, a.exposed, a.details, a.notes FROM alerts a WHERE a.id = ?`)
    .get(id);
}

/** Neighbours in the default order (last seen desc, id desc). */
export function alertNeighbours(db: Db, id: number, lastSeen: number): { prev: number | null; next: number | null } {
  const prev = db
    .prepare<[number, number, number], { id: number }>('SELECT id FROM alerts WHERE (last_seen > ?) OR (last_seen = ? AND id > ?) ORDER BY last_seen ASC, id ASC LIMIT 1')
    .get(lastSeen, lastSeen, id);
  const next = db
    .prepare<[number, number, number], { id: number }>('SELECT id FROM alerts WHERE (last_seen < ?) OR (last_seen = ? AND id < ?) ORDER BY last_seen DESC, id DESC LIMIT 1')
    .get(lastSeen, lastSeen, id);
  return { prev: prev?.id ?? null, next: next?.id ?? null };
}

export function captureCount(db: Db): number {
  return db.prepare<[], { n: number }>("SELECT count(*) AS n FROM captures WHERE status != 'importing' OR packets > 0").get()?.n ?? 0;
}
