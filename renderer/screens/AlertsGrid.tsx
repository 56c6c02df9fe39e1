/**
 * The "Alerts" grid: TanStack Virtual rows with aria-rowcount / aria-rowindex; ↑↓ or j k move,
 * Enter opens, Space selects; sortable column headers.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { AlertRow, AlertSortKey } from '../../main/api/contract.ts';
import { ComputerLink } from '../components/Computer.tsx';
import { DetBadge } from '../components/Detection.tsx';
import { U } from '../components/Untrusted.tsx';
import { dateTime, statusText } from '../format.ts';
import { navigate } from '../router.ts';
import type { AlertPages } from './useAlertPages.ts';

export type Column = 'firstSeen' | 'target' | 'capture';

interface Props {
  pages: AlertPages;
  hidden: Set<Column>;
  selected: Set<number>;
  onSelect(id: number, on: boolean): void;
  onSelectAll(rows: AlertRow[], on: boolean): void;
  sort: AlertSortKey;
  dir: 'asc' | 'desc';
  onSort(key: AlertSortKey): void;
}

export function AlertsGrid({ pages, hidden, selected, onSelect, onSelectAll, sort, dir, onSort }: Props) {
  const total = pages.meta?.total ?? 0;
  const body = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const rowPx = Number.parseInt(getComputedStyle(document.documentElement).getPropertyValue('--row'), 10) || 32;
  const v = useVirtualizer({ count: total, getScrollElement: () => body.current, estimateSize: () => rowPx, overscan: 12 });
  const items = v.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (total) pages.ensure(first, last);
  }, [first, last, total, pages]);
  const cols = ['28px', '52px', '64px', 'minmax(240px, 1fr)', 'minmax(140px, 220px)', ...(hidden.has('target') ? [] : ['minmax(120px, 200px)']), '40px', '86px', ...(hidden.has('firstSeen') ? [] : ['140px']), '140px', ...(hidden.has('capture') ? [] : ['140px'])].join(' ');
  const header = (key: AlertSortKey | null, label: string, className?: string) => (
    <div role="columnheader" className={`cell ${className ?? ''}`} aria-sort={key && sort === key ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      {key ? (
        <button type="button" onClick={() => onSort(key)}>
          {label}
          {sort === key ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}
        </button>
      ) : (
        label
      )}
    </div>
  );
  const move = (to: number) => {
    const i = Math.max(0, Math.min(total - 1, to));
    setActive(i);
    v.scrollToIndex(i);
  };
  const loaded = pages.loaded();
  return (
    <div
      className="grid"
      role="grid"
      aria-label="Alerts"
      aria-rowcount={total + 1}
      aria-multiselectable="true"
      tabIndex={0}
      aria-activedescendant={total ? `alert-row-${active}` : undefined}
      onKeyDown={(e) => {
        const row = pages.row(active);
        if (e.key === 'ArrowDown' || e.key === 'j') {
          e.preventDefault();
          move(active + 1);
        } else if (e.key === 'ArrowUp' || e.key === 'k') {
          e.preventDefault();
          move(active - 1);
        } else if (e.key === 'Enter' && row) navigate(`#/alerts/${row.id}`);
        else if (e.key === ' ' && row) {
          e.preventDefault();
          onSelect(row.id, !selected.has(row.id));
        }
      }}
    >
      <div className="grid-head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: cols }}>
        <div role="columnheader" className="cell">
          <input type="checkbox" aria-label="Select all loaded" checked={loaded.length > 0 && loaded.every((r) => selected.has(r.id))} onChange={(e) => onSelectAll(loaded, e.target.checked)} />
        </div>
        {header('id', '#')}
        {header('detection', 'Det')}
        {header(null, 'Title')}
        {header('source', 'Source')}
        {!hidden.has('target') && header('target', 'Target')}
        {header('exposed', 'Exp', 'num')}
        {header('status', 'Status')}
        {!hidden.has('firstSeen') && header('firstSeen', 'First seen')}
        {header('lastSeen', 'Last seen')}
        {!hidden.has('capture') && header(null, 'Capture')}
      </div>
      <div className="grid-body" ref={body} style={{ height: `min(${Math.max(total, 1) * rowPx + 2}px, calc(100vh - 230px))` }}>
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {items.map((it) => {
            const r = pages.row(it.index);
            return (
              <div
                key={it.key}
                id={`alert-row-${it.index}`}
                role="row"
                aria-rowindex={it.index + 2}
                aria-selected={r ? selected.has(r.id) : false}
                className={`grid-row${it.index === active ? ' active' : ''}`}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${it.start}px)`, gridTemplateColumns: cols }}
                onClick={() => setActive(it.index)}
                onDoubleClick={() => r && navigate(`#/alerts/${r.id}`)}
              >
                {r ? (
                  <>
                    <div role="gridcell" className="cell">
                      <input type="checkbox" aria-label={`Select alert ${r.id}`} checked={selected.has(r.id)} onChange={(e) => onSelect(r.id, e.target.checked)} />
                    </div>
                    <div role="gridcell" className="cell num">
                      <a href={`#/alerts/${r.id}`}>{r.id}</a>
                    </div>
                    <div role="gridcell" className="cell">
                      <DetBadge id={r.detection} />
                    </div>
                    <div role="gridcell" className="cell">
                      {r.sample && <span className="tag sample">sample</span>}
                      <a href={`#/alerts/${r.id}`} className="title-link">
                        <U value={r.title} />
                      </a>
                    </div>
                    <div role="gridcell" className="cell">
                      <ComputerLink c={r.source} />
                    </div>
                    {!hidden.has('target') && (
                      <div role="gridcell" className="cell">
                        <ComputerLink c={r.target} />
                      </div>
                    )}
                    <div role="gridcell" className="cell num">
                      {r.exposedCount}
                      {r.sensitiveCount > 0 && <span className="star" title={`${r.sensitiveCount} sensitive`}>★</span>}
                    </div>
                    <div role="gridcell" className={`cell status-${r.status}`}>
                      {statusText(r.status, r.classification)}
                    </div>
                    {!hidden.has('firstSeen') && (
                      <div role="gridcell" className="cell">
                        {dateTime(r.firstSeen)}
                      </div>
                    )}
                    <div role="gridcell" className="cell">
                      {dateTime(r.lastSeen)}
                    </div>
                    {!hidden.has('capture') && (
                      <div role="gridcell" className="cell">
                        {r.capture ? <U value={r.capture} /> : '-'}
                      </div>
                    )}
                  </>
                ) : (
                  <div role="gridcell" className="cell muted" style={{ gridColumn: '1 / -1' }}>
                    Loading…
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
