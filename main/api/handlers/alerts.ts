/** alerts.*: the list with chips, the alert page, CSV/JSON export and the one-alert HTML report. */
import { alertById, alertChips, alertNeighbours, captureCount, listAlerts } from '../../../db/ui/alerts.ts';
import { accountFacts, alertAudit, alertEvidence, alertFrames, alertNotes, sourceExcluded } from '../../../db/ui/alert-detail.ts';
import { accountByName } from '../../../db/ui/entities.ts';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toCef } from '../../../db/export/cef.ts';
import { exportAlerts } from '../../../db/export/rows.ts';
import { ApiError, DETECTION_NAMES, DETECTIONS, DetectionId, type Handlers } from '../contract.ts';
import type { HandlerDeps } from '../deps.ts';
import { activityLine, parseActivity } from '../present/activity-text.ts';
import { detailsTable } from '../present/details-table.ts';
import { exposedAccounts } from '../present/exposed.ts';
import { alertReportHtml } from '../present/report-html.ts';
import { alertsCsv } from '../present/export.ts';
import { titleUser } from '../present/title-links.ts';
import type { Activity } from '../../engine/activity.ts';
import { auditEntry } from './audit-text.ts';
import { json, toAlertRow } from './util.ts';

const EVIDENCE_LIMIT = 2000;

type AlertHandlers = Pick<Handlers, 'alerts.list' | 'alerts.get' | 'alerts.export' | 'alerts.exportFile' | 'alerts.report'>;

const EXT = { csv: 'csv', json: 'json', cef: 'cef' } as const;

export function alertHandlers(deps: HandlerDeps): AlertHandlers {
  const { db } = deps;
  const detail: AlertHandlers['alerts.get'] = async ({ id }) => {
    const a = alertById(db, id);
    if (!a) throw new ApiError(404, `Alert #${id} not found`);
    const ev = alertEvidence(db, id, EVIDENCE_LIMIT);
    const acts: Activity[] = [];
    const evidence = ev.rows.map((r) => {
      const act = parseActivity(r.data);
      if (act) acts.push(act);
      return {
        activityId: r.id,
        kind: r.kind,
        ts: r.ts,
        text: act ? activityLine(act) : 'unreadable activity',
        captureId: r.capture_id,
        captureFile: r.file,
        frames: json<number[]>(r.frames, []),
        excluded: r.suppressed_by !== null,
      };
    });
    const detection = DetectionId.parse(a.detection);
    const nb = alertNeighbours(db, id, a.last_seen);
    const notes = json<{ noBaseline?: boolean; newClasses?: string[] }[]>(a.notes, []);
    return {
      ...toAlertRow(a),
      detectionName: DETECTION_NAMES[detection],
      titleUser: detection === '2012' || detection === '2021' ? titleUser(a.title, (name) => accountByName(db, name) !== undefined) : null,
      exposed: exposedAccounts(json<unknown[]>(a.exposed, []).filter((x): x is string => typeof x === 'string'), acts, accountFacts(db)),
      // The title sentence may already carry the no-baseline remark (2021 summarizer); do not repeat it.
      notes: notes.some((n) => n?.noBaseline) && !a.title.includes('No baseline') ? ['No baseline (learning period off).'] : [],
      evidence,
      evidenceTotal: ev.total,
      details: detailsTable(detection, acts, ev.total),
      frames: alertFrames(db, id).map((f) => ({ ...f, available: existsSync(f.file) })),
      audit: alertAudit(db, id).map(auditEntry),
      analystNotes: alertNotes(db, id),
      prevId: nb.prev,
      nextId: nb.next,
      sourceExcluded: sourceExcluded(db, detection, a.source, a.source_name),
    };
  };
  /** The filtered alerts (or the selected ids) as CSV, JSON (the grid's rows) or CEF (the CLI's SIEM lines). */
  const exportContent: AlertHandlers['alerts.export'] = async (q) => {
    const { rows } = listAlerts(db, q, 'lastSeen', 'desc', 0, 100_000);
    const alerts = rows.map(toAlertRow);
    const count = alerts.length;
    if (q.format === 'json') return { filename: 'reconlens-alerts.json', mime: 'application/json', content: JSON.stringify({ alerts }, null, 2), count };
    if (q.format === 'cef') {
      const order = new Map(alerts.map((a, i) => [a.id, i]));
      const lines = exportAlerts(db)
        .filter((a) => order.has(a.id))
        .sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
      return { filename: 'reconlens-alerts.cef', mime: 'text/plain', content: toCef(lines, deps.version), count: lines.length };
    }
    return { filename: 'reconlens-alerts.csv', mime: 'text/csv', content: alertsCsv(alerts), count };
  };
  return {
    'alerts.list': async (q) => {
      const { rows, total } = listAlerts(db, q, q.sort, q.dir, q.offset, q.limit);
      const chips = alertChips(db, q);
      const status = { open: 0, closed: 0, reopened: 0, all: 0 };
      for (const s of chips.byStatus) {
        if (s.status === 'open' || s.status === 'closed' || s.status === 'reopened') status[s.status] = s.n;
        status.all += s.n;
      }
      const detection = Object.fromEntries(DETECTIONS.map((d) => [d, chips.byDet.find((x) => x.detection === d)?.n ?? 0]));
      return { total, rows: rows.map(toAlertRow), chips: { status, detection }, captures: captureCount(db) };
    },
    'alerts.get': detail,
    'alerts.export': exportContent,
    'alerts.exportFile': async (q) => {
      const file = await exportContent(q);
      const dir = join(deps.dataDir, 'exports');
      mkdirSync(dir, { recursive: true });
      // A new name per export (never overwrite an earlier one), written beside and renamed: never half a file.
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      let path = join(dir, `reconlens-alerts-${stamp}.${EXT[q.format]}`);
      for (let i = 2; existsSync(path); i++) path = join(dir, `reconlens-alerts-${stamp}-${i}.${EXT[q.format]}`);
      const tmp = `${path}.partial`;
      writeFileSync(tmp, file.content);
      renameSync(tmp, path);
      return { path, count: file.count ?? 0, format: q.format };
    },
    'alerts.report': async ({ id }) => {
      const d = await detail({ id });
      return { filename: `reconlens-alert-${id}.html`, mime: 'text/html', content: alertReportHtml(d, deps.version) };
    },
  };
}
