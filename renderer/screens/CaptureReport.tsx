/** Import report: packets, skipped by reason (with frames), blind spots, DCs and DNS servers found, alerts. */
import { ErrorBanner, Skeleton } from '../components/States.tsx';
import { U } from '../components/Untrusted.tsx';
import { useCall } from '../hooks/useCall.ts';
import { bytes, count, span } from '../format.ts';

const LINK_TYPES: Record<number, string> = { 0: 'loopback', 1: 'Ethernet', 101: 'raw IP', 113: 'Linux SLL', 276: 'Linux SLL2' };

export function CaptureReportPage({ id }: { id: number }) {
  const q = useCall('captures.report', { id });
  if (q.error) return <ErrorBanner message={q.error} onRetry={q.reload} />;
  if (!q.data) return <Skeleton />;
  const r = q.data;
  const c = r.capture;
  return (
    <article>
      <nav className="crumbs" aria-label="Breadcrumb">
        <a href="#/captures">Captures</a> › <U value={c.name} />
      </nav>
      <h1>
        Import report: <U value={c.name} /> {c.sample && <span className="tag sample">sample</span>}
      </h1>
      {r.noDcSeen && (
        <div className="banner warn" role="note">
          No domain controller seen: declare DCs in <a href="#/settings">Settings</a> if this capture was taken away from them.
        </div>
      )}
      <dl className="kv panel">
        <dt>File</dt>
        <dd>
          <U value={c.file} />
        </dd>
        <dt>Status</dt>
        <dd>
          {c.status}
          {c.message ? ` · ${c.message}` : ''}
        </dd>
        <dt>Packets read</dt>
        <dd>
          {count(c.packets)} ({bytes(r.bytes)}), {c.format ?? '?'}, link types {r.linkTypes.map((l) => LINK_TYPES[l] ?? `#${l}`).join(', ') || '-'}
        </dd>
        <dt>Span (UTC)</dt>
        <dd>{span(c.firstPacket, c.lastPacket)}</dd>
        <dt>Duration</dt>
        <dd>{c.durationMs !== null ? `${(c.durationMs / 1000).toFixed(1)} s` : '-'}</dd>
        <dt>Skipped</dt>
        <dd>{r.skipped.length ? r.skipped.map((s) => `${s.reason}: ${s.count}${s.frames.length ? ` (frames ${s.frames.slice(0, 10).join(', ')})` : ''}`).join('; ') : 'none'}</dd>
        <dt>Blind spots</dt>
        <dd>{r.blindSpots.map((b) => `${b.kind} ${b.count}`).join(', ') || 'none'}</dd>
        <dt>Protocols</dt>
        <dd>{r.protocols.map((p) => `${p.protocol} ${count(p.packets)}`).join(', ') || '-'}</dd>
        <dt>Activities</dt>
        <dd>{Object.entries(r.activities).map(([k, n]) => `${k} ${n}`).join(', ') || '-'}</dd>
        <dt>Hosts</dt>
        <dd>{r.hosts}</dd>
        <dt>DCs</dt>
        <dd>{r.dcs.map((d) => `${d.name ? `${d.name} ` : ''}${d.ip} (${d.source})`).join(', ') || '-'}</dd>
        <dt>DNS servers</dt>
        <dd>{r.dnsServers.map((d) => `${d.name ? `${d.name} ` : ''}${d.ip} (${d.source})`).join(', ') || '-'}</dd>
        <dt>Decode errors</dt>
        <dd>{r.decodeErrors.map((d) => `${d.reason}: ${d.count}`).join('; ') || 'none'}</dd>
        <dt>Alerts</dt>
        <dd>
          {r.alertIds.length
            ? r.alertIds.map((a) => (
                <a key={a} href={`#/alerts/${a}`} style={{ marginRight: 8 }}>
                  #{a}
                </a>
              ))
            : 'none'}
        </dd>
      </dl>
      {r.blindPairs.length > 0 && (
        <>
          <h2>Blind spots by host pair</h2>
          <table className="data">
            <tbody>
              {r.blindPairs.map((p) => (
                <tr key={p.pair}>
                  <td className="ip">{p.pair.replace('>', ' → ')}</td>
                  <td>{Object.entries(p.counts).map(([k, n]) => `${k} ${n}`).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </article>
  );
}
