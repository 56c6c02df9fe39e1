/**
 * The one-alert report: a self-contained HTML page (inline CSS, no script, no remote content, a CSP
 * that forbids both) with the story, exposed accounts, details, evidence frames, triage notes and
 * the triage guide. Every string goes through html().
 */
import type { AlertDetail } from '../schema/alerts.ts';
import { TRIAGE_GUIDES } from '../schema/guides.ts';
import { html } from './escape.ts';

const iso = (us: number) => new Date(Math.floor(us / 1000)).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
const CLASS: Record<string, string> = { tp: 'TP', btp: 'B-TP', fp: 'FP' };

export function alertReportHtml(a: AlertDetail, version: string): string {
  const g = TRIAGE_GUIDES[a.detection];
  const status = a.status === 'closed' && a.classification ? `closed (${CLASS[a.classification]})` : a.status;
  const table = (cols: string[], rows: string[][]) =>
    `<table><thead><tr>${cols.map((c) => `<th>${html(c)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${html(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>ReconLens alert #${a.id}</title>
<style>body{font:14px/1.45 system-ui,sans-serif;max-width:960px;margin:2em auto;color:#1b1f24}h1{font-size:1.3em}
table{border-collapse:collapse;width:100%;margin:.5em 0 1.2em}td,th{border:1px solid #ccd;padding:3px 6px;text-align:left;font-size:13px}
td{font-family:ui-monospace,monospace}.meta{color:#555}</style></head><body>
<p class="meta">ReconLens ${html(version)} · alert #${a.id} · ${html(a.detection)} ${html(a.detectionName)} · severity ${html(a.severity)}</p>
<h1>${html(a.title)}</h1>
${a.notes.map((n) => `<p>${html(n)}</p>`).join('')}
<p>Status: <b>${html(status)}</b> · first seen ${html(iso(a.firstSeen))} · last seen ${html(iso(a.lastSeen))} · ${a.activityCount} activities</p>
<h2>Exposed accounts (${a.exposed.length})</h2>
${table(['Account', 'Sensitive', 'Clients'], a.exposed.map((e) => [e.name, e.reasons.join('; '), e.clients.join(', ')]))}
<h2>Details</h2>
${table(a.details.columns, a.details.rows.map((r) => r.cells))}
<p>${a.details.totals.map((t) => `${html(t.label)}: ${html(t.value)}`).join(' · ')}</p>
<h2>Evidence (${a.evidenceTotal} activities)</h2>
${table(['Time (UTC)', 'Activity', 'Capture', 'Frames'], a.evidence.slice(0, 500).map((e) => [iso(e.ts), e.text, e.captureFile, e.frames.join(', ')]))}
<h2>Evidence frames</h2>
${table(['Capture', 'Frames'], a.frames.map((f) => [f.file, f.frames.join(', ')]))}
<h2>Triage</h2>
${table(['When', 'Who', 'What', 'From', 'To', 'Note'], a.audit.map((x) => [x.at, x.author, x.action, x.from ?? '', x.to ?? '', x.reason ?? '']))}
${a.analystNotes.map((n) => `<p><b>${html(n.author)}</b> ${html(n.at)}: ${html(n.text)}</p>`).join('')}
<h2>Triage guide</h2>
<ol>${g.questions.map((q) => `<li>${html(q.question)} <i>Yes: ${html(q.ifYes)}</i></li>`).join('')}</ol>
<p><b>Scope.</b> ${html(g.scope)}</p>
<p><b>Do now.</b></p><ul>${g.doNow.map((d) => `<li>${html(d)}</li>`).join('')}</ul>
</body></html>
`;
}
