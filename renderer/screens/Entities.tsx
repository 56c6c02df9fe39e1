/** Entities: Hosts | Accounts tabs, each a virtualized grid with a filter. */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState, type ReactNode } from 'react';
import { ComputerLink } from '../components/Computer.tsx';
import { Empty, ErrorBanner, Skeleton } from '../components/States.tsx';
import { U } from '../components/Untrusted.tsx';
import { useCall } from '../hooks/useCall.ts';
import { dateTime } from '../format.ts';
import { navigate } from '../router.ts';

export function Entities({ tab }: { tab: 'hosts' | 'accounts'; query: URLSearchParams }) {
  const [text, setText] = useState('');
  return (
    <div>
      <h1 className="sr-only">Entities</h1>
      <div className="tabs" role="tablist" aria-label="Entities">
        <a role="tab" aria-selected={tab === 'hosts'} href="#/entities/hosts">
          Hosts
        </a>
        <a role="tab" aria-selected={tab === 'accounts'} href="#/entities/accounts">
          Accounts
        </a>
      </div>
      <div className="toolbar">
        <input data-filter type="search" aria-label={`Filter ${tab}`} placeholder={tab === 'hosts' ? '/ filter by ip or name' : '/ filter by account'} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      {tab === 'hosts' ? <Hosts text={text} /> : <Accounts text={text} />}
    </div>
  );
}

function Hosts({ text }: { text: string }) {
  const q = useCall('entities.hosts', { offset: 0, limit: 1000, ...(text.trim() ? { text: text.trim() } : {}) });
  if (q.error) return <ErrorBanner message={q.error} onRetry={q.reload} />;
  if (!q.data) return <Skeleton />;
  if (q.data.total === 0) return <Empty>{text ? 'No host matches.' : 'Import a capture to learn hosts.'}</Empty>;
  return (
    <VGrid
      label="Hosts"
      total={q.data.total}
      columns="minmax(220px, 1fr) 200px 90px 90px 170px"
      head={['Host', 'Roles', 'As source', 'As target', 'Last seen']}
      rows={q.data.rows.map((h) => ({
        key: h.ip,
        href: `#/entities/hosts/${encodeURIComponent(h.ip)}`,
        cells: [
          <ComputerLink key="c" c={{ ip: h.ip, name: h.name }} />,
          h.roles.map((r) => `${r.role} (${r.source})`).join(', ') || <span className="muted">-</span>,
          <span key="s" className="num">{h.alertsAsSource}</span>,
          <span key="t" className="num">{h.alertsAsTarget}</span>,
          dateTime(h.lastSeen),
        ],
      }))}
    />
  );
}

function Accounts({ text }: { text: string }) {
  const [sens, setSens] = useState(false);
  const q = useCall('entities.accounts', { offset: 0, limit: 1000, ...(text.trim() ? { text: text.trim() } : {}), ...(sens ? { sensitiveOnly: true } : {}) });
  return (
    <>
      <button type="button" className="chip" aria-pressed={sens} onClick={() => setSens((s) => !s)} style={{ marginBottom: 8 }}>
        <span className="star">★</span> sensitive only
      </button>
      {q.error ? (
        <ErrorBanner message={q.error} onRetry={q.reload} />
      ) : !q.data ? (
        <Skeleton />
      ) : q.data.total === 0 ? (
        <Empty>{text || sens ? 'No account matches.' : 'Import a capture to learn accounts.'}</Empty>
      ) : (
        <VGrid
          label="Accounts"
          total={q.data.total}
          columns="minmax(200px, 1fr) 140px minmax(160px, 1fr) 100px 170px"
          head={['Account', 'Domain', 'Sensitive', 'Exposed in', 'Last seen']}
          rows={q.data.rows.map((a) => ({
            key: a.name,
            href: `#/entities/accounts/${encodeURIComponent(a.name)}`,
            cells: [
              <U key="n" value={a.name} />,
              a.domain ? <U key="d" value={a.domain} /> : '-',
              a.sensitive ? <span key="s"><span className="star">★</span> {a.reasons.join('; ')}</span> : '',
              <span key="e" className="num">{a.exposedIn}</span>,
              dateTime(a.lastSeen),
            ],
          }))}
        />
      )}
    </>
  );
}

/** A small virtualized grid for entity lists (rows are links to their pages). */
function VGrid({ label, total, columns, head, rows }: { label: string; total: number; columns: string; head: string[]; rows: { key: string; href: string; cells: ReactNode[] }[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: rows.length, getScrollElement: () => ref.current, estimateSize: () => 32, overscan: 10 });
  return (
    <div className="grid" role="grid" aria-label={label} aria-rowcount={total + 1}>
      <div className="grid-head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: columns }}>
        {head.map((h) => (
          <div key={h} role="columnheader" className="cell">
            {h}
          </div>
        ))}
      </div>
      <div className="grid-body" ref={ref} style={{ height: `min(${rows.length * 32 + 2}px, calc(100vh - 230px))` }}>
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {v.getVirtualItems().map((it) => {
            const r = rows[it.index];
            if (!r) return null;
            return (
              <div
                key={r.key}
                role="row"
                aria-rowindex={it.index + 2}
                className="grid-row"
                tabIndex={0}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${it.start}px)`, gridTemplateColumns: columns, cursor: 'pointer' }}
                onClick={() => navigate(r.href)}
                onKeyDown={(e) => e.key === 'Enter' && navigate(r.href)}
              >
                {r.cells.map((c, i) => (
                  <div key={i} role="gridcell" className="cell">
                    {c}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
