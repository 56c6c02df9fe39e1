/**
 * The alert page, top to bottom: what happened (h1 title sentence), status and actions, evidence,
 * who is exposed, details, is it benign (guide), what to do now, evidence frames.
 */
import { useRef, useState } from 'react';
import type { AlertDetail, Classification } from '../../main/api/contract.ts';
import { api } from '../api.ts';
import { ComputerLink } from '../components/Computer.tsx';
import { DetBadge } from '../components/Detection.tsx';
import { Dialog } from '../components/Dialog.tsx';
import { ErrorBanner, Skeleton } from '../components/States.tsx';
import { useToasts } from '../components/Toasts.tsx';
import { escapeInvisible } from '../../main/api/present/escape.ts';
import { titlePieces } from '../../main/api/present/title-links.ts';
import { useCall } from '../hooks/useCall.ts';
import { useKeys } from '../keyboard.ts';
import { navigate } from '../router.ts';
import { span, statusText } from '../format.ts';
import { CloseDialog } from './CloseDialog.tsx';
import { DetailsTable } from './DetailsTable.tsx';
import { EvidenceFrames, EvidenceTimeline } from './Evidence.tsx';
import { ExposedList } from './ExposedList.tsx';
import { TriageGuide } from './TriageGuide.tsx';

export function AlertPage({ id, version, onChanged }: { id: number; version: number; onChanged: () => void }) {
  const q = useCall('alerts.get', { id }, { version });
  const [dialog, setDialog] = useState<Classification | null>(null);
  const [audit, setAudit] = useState(false);
  const wireshark = useRef<(() => void) | null>(null);
  const toasts = useToasts();
  const a = q.data;
  const act = async (fn: () => Promise<{ message: string; undoToken: number | null }>) => {
    try {
      const r = await fn();
      toasts.show(r.message, r.undoToken);
      onChanged();
    } catch (e) {
      toasts.error(e instanceof Error ? e.message : String(e));
    }
  };
  const closeAndExclude = () => a && a.status !== 'closed' && void act(() => api.call('triage.closeAndExclude', { id }));
  const reopen = () => a && a.status === 'closed' && void act(() => api.call('triage.reopen', { id }));
  useKeys({
    e: closeAndExclude,
    c: () => a && a.status !== 'closed' && setDialog('btp'),
    r: reopen,
    w: () => wireshark.current?.(),
    '[': () => a?.prevId && navigate(`#/alerts/${a.prevId}`),
    ']': () => a?.nextId && navigate(`#/alerts/${a.nextId}`),
    Escape: () => navigate('#/alerts'),
  });
  if (q.error && !a) return q.error.includes('not found') ? <ErrorBanner message={`Alert #${id} not found`} /> : <ErrorBanner message={q.error} onRetry={q.reload} />;
  if (!a) return <Skeleton rows={10} />;
  const source = a.source.name ?? a.source.ip;
  return (
    <article>
      <nav className="crumbs" aria-label="Breadcrumb">
        <a href="#/alerts">Alerts</a> › <span>#{a.id}</span>
        <DetBadge id={a.detection} long />
        {a.sample && <span className="tag sample">sample</span>}
        <span className="spacer" />
        <button type="button" aria-label="Previous alert" disabled={!a.prevId} onClick={() => a.prevId && navigate(`#/alerts/${a.prevId}`)}>
          ‹
        </button>
        <button type="button" aria-label="Next alert" disabled={!a.nextId} onClick={() => a.nextId && navigate(`#/alerts/${a.nextId}`)}>
          ›
        </button>
      </nav>
      <h1>
        {titlePieces(a.title, a.source, a.target, a.titleUser).map((p, i) =>
          p.href ? (
            <a key={i} className={p.role === 'user' ? 'account' : 'computer'} href={p.href} title={p.role === 'user' ? 'User: account page' : p.role === 'source' ? 'Source: host page' : 'Target: host page'}>
              {escapeInvisible(p.text)}
            </a>
          ) : (
            <span key={i}>{escapeInvisible(p.text)}</span>
          ),
        )}
      </h1>
      {a.notes.map((n) => (
        <p key={n} className="amber">
          {n}
        </p>
      ))}
      <p className="muted">
        Source <ComputerLink c={a.source} /> · target <ComputerLink c={a.target} /> · severity {a.severity}
      </p>
      <div className="statusbar" role="region" aria-label="Status">
        <span>
          <span className={`dot ${a.status}`} aria-hidden="true" />
          <b>{statusText(a.status, a.classification)}</b>
        </span>
        <span className="muted">{span(a.firstSeen, a.lastSeen)} UTC</span>
        {a.capture && <span className="muted">{a.capture}</span>}
        {a.sourceExcluded && <span className="tag">source excluded</span>}
        <span className="spacer" />
        {a.status !== 'closed' ? (
          <>
            <button type="button" className="primary" onClick={closeAndExclude} title="e">
              Close and exclude {source}
            </button>
            <button type="button" onClick={() => setDialog('btp')} title="c">
              Close…
            </button>
          </>
        ) : (
          <button type="button" onClick={reopen} title="r">
            Reopen
          </button>
        )}
        <button type="button" onClick={() => setAudit(true)}>
          Audit {a.audit.length}
        </button>
      </div>
      <div className="grid2">
        <div>
          <EvidenceTimeline a={a} />
          <div style={{ height: 14 }} />
          <ExposedList exposed={a.exposed} />
        </div>
        <TriageGuide
          detection={a.detection}
          closed={a.status === 'closed'}
          onSuggest={(s) => (s === 'close-and-exclude' ? closeAndExclude() : setDialog(s === 'close-fp' ? 'fp' : 'btp'))}
        />
      </div>
      <div style={{ height: 14 }} />
      <DetailsTable t={a.details} />
      <div style={{ height: 14 }} />
      <EvidenceFrames a={a} wiresharkRef={wireshark} onChanged={onChanged} />
      {a.analystNotes.length > 0 && (
        <section className="panel" style={{ marginTop: 14 }}>
          <h2>Notes</h2>
          {a.analystNotes.map((n, i) => (
            <p key={i}>
              <b>{n.author}</b> <span className="muted">{n.at}</span>: {n.text}
            </p>
          ))}
        </section>
      )}
      <CloseDialog
        open={dialog !== null}
        initial={dialog ?? 'btp'}
        title="Close alert"
        sourceLabel={source}
        onClose={() => setDialog(null)}
        onSubmit={async (classification, note, alsoExclude) => {
          const r = await api.call('triage.close', { id, classification, alsoExclude, ...(note ? { note } : {}) });
          setDialog(null);
          toasts.show(r.message, r.undoToken);
          onChanged();
        }}
      />
      <AuditDialog open={audit} onClose={() => setAudit(false)} a={a} />
    </article>
  );
}

function AuditDialog({ open, onClose, a }: { open: boolean; onClose: () => void; a: AlertDetail }) {
  return (
    <Dialog title="Audit" open={open} onClose={onClose}>
      {a.audit.length === 0 ? (
        <p className="muted">No changes yet.</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>What</th>
              <th>From → to</th>
            </tr>
          </thead>
          <tbody>
            {a.audit.map((x) => (
              <tr key={x.id}>
                <td>{x.at.replace('T', ' ').slice(0, 19)}</td>
                <td>{x.author}</td>
                <td>
                  {x.action}
                  {x.reason && <span className="muted"> ({x.reason})</span>}
                </td>
                <td>
                  {x.from ?? '-'} → {x.to ?? '-'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
