/**
 * Alerts per time bucket, stacked by detection (recharts), with a brush that sets the time range
 * shared with Alerts; a bar opens that bucket's alerts. "Show as table" gives the same numbers.
 */
import { useMemo, useState } from 'react';
import { Bar, BarChart, Brush, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { DETECTIONS, type Overview } from '../../main/api/contract.ts';
import { DET_COLOR } from '../components/Detection.tsx';
import { navigate } from '../router.ts';
import { shortDateTime, zoneLabel } from '../format.ts';

export function Timeline({ overview }: { overview: Overview }) {
  const [asTable, setAsTable] = useState(false);
  const [range, setRange] = useState<{ start: number; end: number } | null>(null);
  const rows = useMemo(() => overview.timeline.buckets.map((b) => ({ t: b.t, label: shortDateTime(b.t), ...b.counts })), [overview]);
  const total = rows.reduce((n, r) => n + DETECTIONS.reduce((m, d) => m + (r[d] ?? 0), 0), 0);
  const bucketMin = Math.round(overview.timeline.bucketUs / 60e6);
  const summary = `${total} alerts in ${rows.length} buckets of ${bucketMin >= 60 ? `${bucketMin / 60} h` : `${bucketMin} min`}: ${DETECTIONS.map((d) => `${d} ${rows.reduce((n, r) => n + (r[d] ?? 0), 0)}`).join(', ')}`;
  const selected = range && rows[range.start] && rows[range.end] ? { from: rows[range.start]?.t ?? 0, to: (rows[range.end]?.t ?? 0) + overview.timeline.bucketUs - 1 } : null;
  if (rows.length === 0) return <p className="muted">No alerts yet.</p>;
  return (
    <div>
      <div className="toolbar">
        <span className="muted">Alerts by first seen, {zoneLabel()}</span>
        <span className="spacer" />
        {selected && (
          <button type="button" onClick={() => navigate(`#/alerts?status=all&from=${selected.from}&to=${selected.to}`)}>
            Open alerts in selected range
          </button>
        )}
        <button type="button" aria-pressed={asTable} onClick={() => setAsTable((s) => !s)}>
          {asTable ? 'Show as chart' : 'Show as table'}
        </button>
      </div>
      {asTable ? (
        <table className="data" aria-label="Alerts over time">
          <thead>
            <tr>
              <th>Bucket start ({zoneLabel()})</th>
              {DETECTIONS.map((d) => (
                <th key={d} className="num">
                  {d}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.t}>
                <td>{r.label}</td>
                {DETECTIONS.map((d) => (
                  <td key={d} className="num">
                    {r[d] ?? 0}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <div className="chart" role="img" aria-label={summary}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rows} margin={{ top: 6, right: 10, left: -18, bottom: 0 }}>
              <CartesianGrid strokeDasharray="2 4" vertical={false} stroke="var(--line)" />
              <XAxis dataKey="label" tick={{ fontSize: 11, fill: 'var(--muted)' }} minTickGap={24} />
              <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: 'var(--muted)' }} />
              <Tooltip contentStyle={{ background: 'var(--panel)', border: '1px solid var(--line)', fontSize: 12 }} />
              {DETECTIONS.map((d) => (
                <Bar
                  key={d}
                  dataKey={d}
                  stackId="a"
                  fill={DET_COLOR[d]}
                  maxBarSize={48}
                  isAnimationActive={false}
                  cursor="pointer"
                  onClick={(p: { payload?: { t: number } }) => {
                    const t = p.payload?.t;
                    if (t !== undefined) navigate(`#/alerts?status=all&from=${t}&to=${t + overview.timeline.bucketUs - 1}`);
                  }}
                />
              ))}
              {rows.length > 1 && (
                <Brush dataKey="label" height={20} stroke="var(--accent)" travellerWidth={8} onChange={(r: { startIndex?: number; endIndex?: number }) => setRange({ start: r.startIndex ?? 0, end: r.endIndex ?? rows.length - 1 })} />
              )}
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </div>
  );
}
