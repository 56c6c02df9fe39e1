/** Alerts filters <-> the hash query (#/alerts?status=open&det=2012&sens=1&q=..&from=..&to=..&sort=..). */
import { DETECTIONS, type AlertSortKey, type Args, type DetectionId } from '../../main/api/contract.ts';

export interface AlertFilters {
  status: 'open' | 'closed' | 'reopened' | 'all';
  det: DetectionId[];
  sens: boolean;
  q: string;
  from: number | null;
  to: number | null;
  sort: AlertSortKey;
  dir: 'asc' | 'desc';
}

const SORTS: AlertSortKey[] = ['lastSeen', 'firstSeen', 'id', 'detection', 'exposed', 'status', 'source', 'target'];
const num = (s: string | null) => (s && /^\d+$/.test(s) ? Number(s) : null);

export function readFilters(q: URLSearchParams): AlertFilters {
  const status = q.get('status');
  const sort = q.get('sort') as AlertSortKey | null;
  return {
    status: status === 'closed' || status === 'reopened' || status === 'all' ? status : status === 'open' || status === null ? 'open' : 'open',
    det: (q.get('det') ?? '').split(',').filter((d): d is DetectionId => (DETECTIONS as readonly string[]).includes(d)),
    sens: q.get('sens') === '1',
    q: q.get('q') ?? '',
    from: num(q.get('from')),
    to: num(q.get('to')),
    sort: sort && SORTS.includes(sort) ? sort : 'lastSeen',
    dir: q.get('dir') === 'asc' ? 'asc' : 'desc',
  };
}

export function writeFilters(f: AlertFilters): URLSearchParams {
  const q = new URLSearchParams();
  q.set('status', f.status);
  if (f.det.length) q.set('det', f.det.join(','));
  if (f.sens) q.set('sens', '1');
  if (f.q) q.set('q', f.q);
  if (f.from !== null) q.set('from', String(f.from));
  if (f.to !== null) q.set('to', String(f.to));
  if (f.sort !== 'lastSeen') q.set('sort', f.sort);
  if (f.dir !== 'desc') q.set('dir', f.dir);
  return q;
}

/** "Open" shows what needs work: open and reopened alerts. */
export function listArgs(f: AlertFilters): Omit<Args<'alerts.list'>, 'offset' | 'limit'> {
  return {
    ...(f.status === 'all' ? {} : { statuses: f.status === 'open' ? ['open', 'reopened'] : [f.status] }),
    ...(f.det.length ? { detections: f.det } : {}),
    ...(f.sens ? { sensitiveOnly: true } : {}),
    ...(f.q.trim() ? { text: f.q.trim() } : {}),
    ...(f.from !== null ? { from: f.from } : {}),
    ...(f.to !== null ? { to: f.to } : {}),
    sort: f.sort,
    dir: f.dir,
  };
}

export type ExportFormat = 'cef' | 'json' | 'csv';
const REMEMBER_KEY = 'reconlens.alertsFilters';

/** The format asked for by `#/alerts?export=cef|json|csv` (File › Export alerts in the desktop menu). */
export function exportFormatOf(q: URLSearchParams): ExportFormat | null {
  const e = q.get('export');
  return e === 'cef' || e === 'json' || e === 'csv' ? e : null;
}

/** Remember the Alerts filters last shown, so that the menu's export (which carries none) exports what the analyst was looking at. */
export function rememberFilters(f: AlertFilters): void {
  try {
    sessionStorage.setItem(REMEMBER_KEY, writeFilters(f).toString());
  } catch {
    // storage refused: exports fall back to the default filters
  }
}

/** The filters an export applies to: those in the address when it has any, else the ones last shown. */
export function exportFilters(q: URLSearchParams): AlertFilters {
  if ([...q.keys()].some((k) => k !== 'export')) return readFilters(q);
  let saved = '';
  try {
    saved = sessionStorage.getItem(REMEMBER_KEY) ?? '';
  } catch {
    saved = '';
  }
  return readFilters(new URLSearchParams(saved));
}
