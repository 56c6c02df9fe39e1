/** Captures: import (dialog or drop, progress, cancel) and the list with status, alerts, skipped, blind spots. */
import { api } from '../api.ts';
import { ErrorBanner, Skeleton } from '../components/States.tsx';
import { useToasts } from '../components/Toasts.tsx';
import { U } from '../components/Untrusted.tsx';
import { useCall } from '../hooks/useCall.ts';
import { useRoute, navigate } from '../router.ts';
import { bytes, count, span } from '../format.ts';
import { ImportPanel } from './ImportPanel.tsx';

export function Captures({ version, onChanged }: { version: number; onChanged: () => void }) {
  const route = useRoute();
  const list = useCall('captures.list', {}, { version });
  const toasts = useToasts();
  const act = async (p: Promise<{ message?: string; jobId?: number }>, done: string) => {
    try {
      const r = await p;
      toasts.show(r.message ?? done);
      onChanged();
    } catch (e) {
      toasts.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div>
      <h1 className="sr-only">Captures</h1>
      <ImportPanel autoOpen={route.query.get('import') === '1'} onChanged={onChanged} />
      {list.error && <ErrorBanner message={list.error} onRetry={list.reload} />}
      {!list.data ? (
        <Skeleton />
      ) : list.data.length === 0 ? (
        <p className="muted">No captures yet: import one above.</p>
      ) : (
        <table className="data" aria-label="Captures">
          <thead>
            <tr>
              <th>File</th>
              <th className="num">Size</th>
              <th className="num">Packets</th>
              <th>Span (UTC)</th>
              <th>Status</th>
              <th className="num">Alerts</th>
              <th className="num">Skipped</th>
              <th className="num">Blind spots</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.data.map((c) => (
              <tr key={c.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`#/captures/${c.id}`)}>
                <td>
                  <a href={`#/captures/${c.id}`} onClick={(e) => e.stopPropagation()}>
                    <U value={c.name} />
                  </a>{' '}
                  {c.sample && <span className="tag sample">sample</span>}
                  {c.live && <span className="tag">live</span>}
                </td>
                <td className="num">{bytes(c.size)}</td>
                <td className="num">{count(c.packets)}</td>
                <td>{span(c.firstPacket, c.lastPacket)}</td>
                <td>
                  {c.status}
                  {c.message && <span className="muted"> · {c.message}</span>}
                </td>
                <td className="num">{c.alerts}</td>
                <td className="num">{c.skipped}</td>
                <td className="num">{c.blindSpots}</td>
                <td onClick={(e) => e.stopPropagation()}>
                  {(c.status === 'interrupted' || c.status === 'failed') && (
                    <button type="button" onClick={() => void act(api.call('captures.rerun', { id: c.id }), 'Re-run started')}>
                      Re-run
                    </button>
                  )}{' '}
                  <button
                    type="button"
                    className="danger"
                    aria-label={`Delete ${c.name}`}
                    onClick={() => window.confirm(`Delete ${c.name} and its activities? Alerts with no other evidence go too.`) && void act(api.call('captures.delete', { id: c.id }), 'Deleted')}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
