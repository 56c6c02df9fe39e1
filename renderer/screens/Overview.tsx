/** Overview: tiles, alerts over time per detection (stacked, with a brush), SAMR learning, the last captures with their blind spots and import reports. */
import { DETECTIONS } from '../../main/api/contract.ts';
import { DetBadge } from '../components/Detection.tsx';
import { ErrorBanner, Skeleton } from '../components/States.tsx';
import { U } from '../components/Untrusted.tsx';
import { useCall } from '../hooks/useCall.ts';
import { span } from '../format.ts';
import { FirstRun, SampleCard } from './FirstRun.tsx';
import { Tour } from './Tour.tsx';
import { setQuery } from '../router.ts';
import { Timeline } from './OverviewChart.tsx';

export function Overview({ version, query, onChanged }: { version: number; query?: URLSearchParams; onChanged?: () => void }) {
  const tourOpen = query?.get('tour') === '1';
  const closeTour = () => {
    const q = new URLSearchParams(query);
    q.delete('tour');
    setQuery('/overview', q);
  };
  return (
    <>
      <OverviewBody version={version} onChanged={onChanged} />
      <Tour open={tourOpen} onClose={closeTour} />
    </>
  );
}

function OverviewBody({ version, onChanged }: { version: number; onChanged?: (() => void) | undefined }) {
  const o = useCall('overview.get', {}, { version });
  if (o.error && !o.data) return <ErrorBanner message={`Database unreadable: ${o.error}`} onRetry={o.reload} />;
  if (!o.data) return <Skeleton />;
  const d = o.data;
  if (d.captures === 0 && d.total === 0) return <FirstRun onChanged={onChanged} />;
  const openOf = (id: (typeof DETECTIONS)[number]) => (d.byDetection[id]?.open ?? 0) + (d.byDetection[id]?.reopened ?? 0);
  return (
    <div>
      <h1 className="sr-only">Overview</h1>
      <SampleCard sampleOpen={d.sample !== null} onChanged={onChanged} />
      <div className="tiles">
        <a className="tile" href="#/alerts?status=open">
          <span className="n">{d.open}</span>
          <span className="l">Open alerts</span>
        </a>
        {DETECTIONS.map((id) => (
          <a className="tile" key={id} href={`#/alerts?status=open&det=${id}`} aria-label={`${openOf(id)} open ${id}`}>
            <span className="n">{openOf(id)}</span>
            <span className="l">
              <DetBadge id={id} />
            </span>
          </a>
        ))}
        <a className="tile" href="#/alerts?status=open&sens=1">
          <span className="n">
            {d.exposed.total} {d.exposed.sensitive > 0 && <span className="star">★{d.exposed.sensitive}</span>}
          </span>
          <span className="l">Exposed accounts</span>
        </a>
        <a className="tile" href="#/captures">
          <span className="n">{d.blindSpots.total}</span>
          <span className="l">Blind spots</span>
        </a>
      </div>
      <section className="panel">
        <h2>Alerts over time</h2>
        <Timeline overview={d} />
      </section>
      <div className="grid2" style={{ marginTop: 14 }}>
        <section className="panel" aria-labelledby="recent-captures">
          <h2 id="recent-captures">Last captures</h2>
          {d.recentCaptures.length > 0 && (
            <table className="data" aria-label="Last captures">
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Status</th>
                  <th scope="col">Span</th>
                  <th scope="col" className="num">
                    Alerts
                  </th>
                  <th scope="col" className="num">
                    Blind spots
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.recentCaptures.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <a href={`#/captures/${c.id}`} title="Import report">
                        <U value={c.name} />
                      </a>{' '}
                      {c.sample && <span className="tag sample">sample</span>}
                      {c.live && <span className="tag">live</span>}
                    </td>
                    <td>{c.status}</td>
                    <td>{span(c.firstPacket, c.lastPacket)}</td>
                    <td className="num">{c.alerts}</td>
                    <td className="num">{c.blindSpots}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="muted">
            {d.captures > d.recentCaptures.length ? <a href="#/captures">All {d.captures} captures</a> : `${d.captures} captures`}, {d.activities} activities. Blind spots:{' '}
            {d.blindSpots.smb3EncryptedFrames} SMB3-encrypted frames, {d.blindSpots.rpcEncryptedPdus} sealed RPC PDUs, {d.blindSpots.tcpGaps} TCP gaps.{' '}
            <a href="#/help">What ReconLens does not see</a>
          </p>
        </section>
        <section className="panel">
          <h2>SAMR learning</h2>
          {d.samrLearning.length === 0 ? (
            <p className="muted">No SAMR traffic to a domain controller seen yet.</p>
          ) : (
            <ul>
              {d.samrLearning.map((l) => (
                <li key={l.dc}>
                  {l.name ? <U value={l.name} /> : null} <span className="ip">{l.dc}</span>:{' '}
                  {l.done ? (l.days === 0 ? 'no learning period (alerts on any reconnaissance)' : 'done') : `day ${l.day}/${l.days}`}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}
