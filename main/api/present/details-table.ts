/** The per-detection details table of the alert page, built from the alert's evidence activities. */
import type { Activity } from '../../engine/activity.ts';
import type { DetailsTable } from '../schema/alerts.ts';
import type { DetectionId } from '../schema/common.ts';
import { dnsAnswer, krbAnswer, samrObject, status } from './activity-text.ts';

const MAX_ROWS = 2000;

type Row = DetailsTable['rows'][number];

export function detailsTable(detection: DetectionId, acts: Activity[], totalEvidence: number): DetailsTable {
  const rows: Row[] = [];
  const push = (cells: string[], frames: number[], sensitive = false) => {
    if (rows.length < MAX_ROWS) rows.push({ cells, frames: frames.slice(0, 8), sensitive });
  };
  const truncated = totalEvidence > acts.length;
  switch (detection) {
    case '2003': {
      let unknown = 0;
      let matched = 0;
      for (const a of acts) {
        if (a.kind !== 'krb-as') continue;
        if (a.outcome === 'unknown') unknown++;
        if (a.outcome === 'exists') matched++;
        push([a.cname, a.realm, krbAnswer(a), a.outcome === 'exists' ? 'exists' : a.outcome], a.frames, a.outcome === 'exists');
      }
      return {
        columns: ['Name', 'Realm', 'Answer', 'Means'],
        rows,
        totals: [
          { label: 'Guesses', value: String(unknown + matched + rows.filter((r) => r.cells[3] !== 'unknown' && r.cells[3] !== 'exists').length) },
          { label: 'Unknown', value: String(unknown) },
          { label: 'Matched', value: String(matched) },
        ],
        truncated,
      };
    }
    case '2007':
      for (const a of acts) if (a.kind === 'dns-xfer') push([a.zone, a.qtype, a.dst, dnsAnswer(a)], a.frames);
      return { columns: ['Zone', 'Type', 'Server', 'Answer'], rows, totals: [{ label: 'Requests', value: String(rows.length) }], truncated };
    case '2012': {
      let calls = 0;
      for (const a of acts) {
        if (a.kind !== 'srvsvc-sessenum') continue;
        calls++;
        const caller = a.user.name ? `${a.user.domain ? `${a.user.domain}\\` : ''}${a.user.name}` : 'unknown user';
        if (a.sessions.length === 0) push([caller, `L${a.level}`, a.sealed ? '(sealed)' : status(a.status, a.statusName), ''], a.frames);
        for (const s of a.sessions) push([caller, `L${a.level}`, s.user, s.client], a.frames);
      }
      return { columns: ['Caller', 'Info level', 'Returned user', 'Client'], rows, totals: [{ label: 'Calls', value: String(calls) }], truncated };
    }
    case '2021': {
      let calls = 0;
      for (const a of acts) {
        if (a.kind !== 'samr') continue;
        calls++;
        const members = a.members.map((m) => m.name ?? (m.rid !== null ? `RID-${m.rid}` : (m.sid ?? '?')));
        const returned = members.length ? members : a.names;
        const shown = returned.slice(0, 20).join(', ') + (returned.length > 20 ? ` … (+${returned.length - 20})` : '');
        push([a.operation, samrObject(a.object, a.sealed), a.sensitive ? '★' : '', status(a.status, a.statusName), shown], a.frames, a.sensitive);
      }
      return { columns: ['Operation', 'Object', '★', 'Status', 'Returned'], rows, totals: [{ label: 'Calls', value: String(calls) }], truncated };
    }
  }
}
