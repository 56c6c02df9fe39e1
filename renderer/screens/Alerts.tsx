/** Alerts: status segments, detection chips, ★ sensitive, time range, filter; the virtualized grid; bulk actions. */
import { useEffect, useState } from 'react';
import { DETECTIONS, type AlertRow } from '../../main/api/contract.ts';
import { api } from '../api.ts';
import { DetBadge } from '../components/Detection.tsx';
import { ErrorBanner, Empty } from '../components/States.tsx';
import { useToasts } from '../components/Toasts.tsx';
import { CloseDialog } from '../alert/CloseDialog.tsx';
import { setQuery } from '../router.ts';
import { dateTime, plural } from '../format.ts';
import { AlertsGrid, type Column } from './AlertsGrid.tsx';
import { exportFilters, exportFormatOf, listArgs, readFilters, rememberFilters, writeFilters, type AlertFilters } from './alert-filters.ts';
import { useAlertPages } from './useAlertPages.ts';
import { TimeRange } from './TimeRange.tsx';

/** Browser mode: hand the content to the browser as a download. */
function download(file: { filename: string; mime: string; content: string }): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function Alerts({ query, version, onChanged }: { query: URLSearchParams; version: number; onChanged: () => void }) {
  const exportFormat = exportFormatOf(query);
  const f = exportFormat ? exportFilters(query) : readFilters(query);
  const set = (patch: Partial<AlertFilters>) => setQuery('/alerts', writeFilters({ ...f, ...patch }));
  const args = listArgs(f);
  // Exports take the filter only (their order is last seen, newest first): the strict schema refuses sort/dir.
  const { sort: _sort, dir: _dir, ...filter } = args;
  const pages = useAlertPages(args, version);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [hidden, setHidden] = useState<Set<Column>>(new Set(['firstSeen', 'target', 'capture']));
  const [dialog, setDialog] = useState(false);
  const [text, setText] = useState(f.q);
  const toasts = useToasts();
  useEffect(() => setText(f.q), [f.q]);
  const argsKey = JSON.stringify(args);
  useEffect(() => setSelected(new Set()), [argsKey]);
  const chips = pages.meta?.chips;
  const selectedRows = [...selected];
  const exportAs = async (format: 'csv' | 'json') => {
    try {
      download(await api.call('alerts.export', { ...filter, ...(selected.size ? { ids: [...selected] } : {}), format }));
    } catch (e) {
      toasts.error(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const queryKey = query.toString();
  useEffect(() => {
    if (!exportFormat) {
      rememberFilters(f);
      return;
    }
    // File › Export alerts: export what the filters show, once. The address loses `export` at once
    // (a reload or Back never exports again) and shows the filters that were exported.
    if (exportFormatOf(new URLSearchParams(window.location.hash.split('?')[1] ?? '')) !== exportFormat) return;
    setQuery('/alerts', writeFilters(f));
    const label = exportFormat.toUpperCase();
    const run = async () => {
      if (window.reconlens) {
        const r = await api.call('alerts.exportFile', { ...filter, format: exportFormat });
        toasts.show(`Exported ${plural(r.count, 'alert')} as ${label} to ${r.path}`);
      } else {
        const file = await api.call('alerts.export', { ...filter, format: exportFormat });
        download(file);
        toasts.show(`Exported ${plural(file.count ?? 0, 'alert')} as ${label}: downloaded as ${file.filename} (your browser's download folder)`);
      }
    };
    run().catch((e: unknown) => toasts.error(`Export failed: ${e instanceof Error ? e.message : String(e)}`));
  }, [queryKey]);
  const bulkExclude = async () => {
    try {
      const r = await api.call('triage.bulkClose', { ids: selectedRows, classification: 'btp', alsoExclude: true });
      toasts.show(r.message, r.undoToken);
      setSelected(new Set());
      onChanged();
    } catch (e) {
      toasts.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div>
      <h1 className="sr-only">Alerts</h1>
      <div className="chips" role="toolbar" aria-label="Alert filters">
        <span className="seg" role="group" aria-label="Status">
          {(['open', 'closed', 'reopened', 'all'] as const).map((s) => (
            <button key={s} type="button" aria-pressed={f.status === s} onClick={() => set({ status: s })}>
              {s[0]?.toUpperCase()}
              {s.slice(1)}
              {chips && <span className="c"> {s === 'open' ? chips.status.open + chips.status.reopened : chips.status[s]}</span>}
            </button>
          ))}
        </span>
        {DETECTIONS.map((d) => (
          <button key={d} type="button" className="chip" aria-pressed={f.det.includes(d)} onClick={() => set({ det: f.det.includes(d) ? f.det.filter((x) => x !== d) : [...f.det, d] })}>
            <DetBadge id={d} />
            {chips && <span className="c">{chips.detection[d] ?? 0}</span>}
          </button>
        ))}
        <button type="button" className="chip" aria-pressed={f.sens} onClick={() => set({ sens: !f.sens })}>
          <span className="star">★</span> sensitive
        </button>
        <TimeRange from={f.from} to={f.to} onChange={(from, to) => set({ from, to })} />
        {(f.from !== null || f.to !== null) && (
          <button type="button" className="chip" aria-pressed="true" onClick={() => set({ from: null, to: null })} aria-label="Clear time range">
            {f.from !== null ? dateTime(f.from) : '…'} – {f.to !== null ? dateTime(f.to) : '…'} ×
          </button>
        )}
        <input
          data-filter
          type="search"
          aria-label="Filter alerts"
          placeholder="/ filter: host, ip, account, #id"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && set({ q: text })}
          onBlur={() => text !== f.q && set({ q: text })}
        />
        <span className="spacer" />
        <details className="columns">
          <summary>Columns</summary>
          {(['firstSeen', 'target', 'capture'] as const).map((c) => (
            <label key={c} style={{ display: 'block' }}>
              <input type="checkbox" checked={!hidden.has(c)} onChange={() => setHidden((h) => (h.has(c) ? new Set([...h].filter((x) => x !== c)) : new Set([...h, c])))} />{' '}
              {c === 'firstSeen' ? 'First seen' : c === 'target' ? 'Target' : 'Capture'}
            </label>
          ))}
        </details>
      </div>
      {selected.size > 0 && (
        <div className="selection-bar" role="region" aria-label="Selection">
          <span>{selected.size} selected</span>
          <button type="button" onClick={() => setDialog(true)}>
            Close…
          </button>
          <button type="button" onClick={() => void bulkExclude()}>
            Close and exclude
          </button>
          <button type="button" onClick={() => void exportAs('csv')}>
            Export CSV
          </button>
          <button type="button" onClick={() => void exportAs('json')}>
            Export JSON
          </button>
          <button type="button" className="ghost" onClick={() => setSelected(new Set())}>
            Clear selection
          </button>
        </div>
      )}
      {pages.error && <ErrorBanner message={pages.error} onRetry={pages.reload} />}
      {pages.meta && pages.meta.total === 0 ? (
        pages.meta.chips.status.all === 0 && !f.det.length && !f.q && !f.sens && f.from === null ? (
          <Empty>No reconnaissance in {pages.meta.captures} captures.</Empty>
        ) : (
          <Empty>
            No alerts match.{' '}
            <button type="button" onClick={() => setQuery('/alerts', new URLSearchParams('status=all'))}>
              Clear filters
            </button>
          </Empty>
        )
      ) : (
        <AlertsGrid
          pages={pages}
          hidden={hidden}
          selected={selected}
          onSelect={(id, on) => setSelected((s) => (on ? new Set([...s, id]) : new Set([...s].filter((x) => x !== id))))}
          onSelectAll={(rows: AlertRow[], on) => setSelected(on ? new Set(rows.map((r) => r.id)) : new Set())}
          sort={f.sort}
          dir={f.dir}
          onSort={(sort) => set({ sort, dir: f.sort === sort && f.dir === 'desc' ? 'asc' : 'desc' })}
        />
      )}
      <CloseDialog
        open={dialog}
        onClose={() => setDialog(false)}
        title="Close alert"
        sourceLabel={`${selected.size} alert${selected.size > 1 ? 's' : ''}`}
        onSubmit={async (classification, note, alsoExclude) => {
          const r = await api.call('triage.bulkClose', { ids: selectedRows, classification, alsoExclude, ...(note ? { note } : {}) });
          toasts.show(r.message, r.undoToken);
          setSelected(new Set());
          setDialog(false);
          onChanged();
        }}
      />
    </div>
  );
}
