/** Host page: names and roles (how learned), alerts as source and target, exclusions, accounts, activity over time. */
import { Bar, BarChart, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ErrorBanner, Skeleton } from '../components/States.tsx';
import { U } from '../components/Untrusted.tsx';
import { useCall } from '../hooks/useCall.ts';
import { shortDateTime } from '../format.ts';
import { AlertTable } from './AlertTable.tsx';

const KIND_COLOR: Record<string, string> = { 'krb-as': '#7b61ff', 'krb-tgs': '#9b8cff', 'dns-xfer': '#0e9aa7', 'srvsvc-sessenum': '#d48806', samr: '#d4477a' };

export function HostPage({ ip, version }: { ip: string; version: number }) {
  const q = useCall('entities.host', { ip }, { version });
  if (q.error) return <ErrorBanner message={q.error} onRetry={q.reload} />;
  if (!q.data) return <Skeleton />;
  const d = q.data;
  const kinds = [...new Set(d.activity.buckets.flatMap((b) => Object.keys(b.counts)))];
  const rows = d.activity.buckets.map((b) => ({ label: shortDateTime(b.t), ...b.counts }));
  return (
    <article>
      <nav className="crumbs" aria-label="Breadcrumb">
        <a href="#/entities/hosts">Hosts</a> › <span>{ip}</span>
      </nav>
      <h1>
        Host {d.host.name ? <U value={d.host.name} /> : null} <span className="ip">({ip})</span>
      </h1>
      <dl className="kv panel">
        <dt>Roles</dt>
        <dd>{d.host.roles.length ? d.host.roles.map((r) => `${r.role} (learned from ${r.source}${r.detail ? `: ${r.detail}` : ''})`).join(', ') : 'workstation or server (no DC or DNS role seen)'}</dd>
        <dt>Names learned</dt>
        <dd>
          {d.namesLearned.length === 0
            ? '-'
            : d.namesLearned.map((n, i) => (
                <span key={i} style={{ marginRight: 10 }}>
                  <U value={n.name} /> <span className="muted">({n.source})</span>
                </span>
              ))}
        </dd>
        <dt>Exclusions</dt>
        <dd>{d.exclusions.length ? d.exclusions.map((e) => `${e.detection}${e.fromAlert ? ` (from #${e.fromAlert})` : ''}`).join(', ') : '-'}</dd>
        <dt>Accounts seen here</dt>
        <dd>
          {d.accounts.length
            ? d.accounts.map((a) => (
                <a key={a} href={`#/entities/accounts/${encodeURIComponent(a)}`} style={{ marginRight: 8 }}>
                  <U value={a} />
                </a>
              ))
            : '-'}
        </dd>
      </dl>
      <h2>As source</h2>
      <AlertTable rows={d.alertsAsSource} label="Alerts as source" />
      <h2>As target</h2>
      <AlertTable rows={d.alertsAsTarget} label="Alerts as target" />
      <h2>Activity over time</h2>
      {rows.length === 0 ? (
        <p className="muted">No activities.</p>
      ) : (
        <div className="chart panel" role="img" aria-label={`Activities by protocol: ${kinds.map((k) => `${k} ${d.activity.buckets.reduce((n, b) => n + (b.counts[k] ?? 0), 0)}`).join(', ')}`}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rows}>
              <XAxis dataKey="label" tick={{ fontSize: 11, fill: 'var(--muted)' }} />
              <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: 'var(--muted)' }} />
              <Tooltip contentStyle={{ background: 'var(--panel)', border: '1px solid var(--line)', fontSize: 12 }} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              {kinds.map((k) => (
                <Bar key={k} dataKey={k} stackId="k" fill={KIND_COLOR[k] ?? '#888'} maxBarSize={48} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </article>
  );
}
