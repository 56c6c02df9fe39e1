/** A short alert table for host, account and capture pages. */
import type { AlertRow } from '../../main/api/contract.ts';
import { DetBadge } from '../components/Detection.tsx';
import { U } from '../components/Untrusted.tsx';
import { dateTime, statusText } from '../format.ts';

export function AlertTable({ rows, label }: { rows: AlertRow[]; label: string }) {
  if (rows.length === 0) return <p className="muted">-</p>;
  return (
    <table className="data" aria-label={label}>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td className="num">
              <a href={`#/alerts/${r.id}`}>#{r.id}</a>
            </td>
            <td>
              <DetBadge id={r.detection} />
            </td>
            <td>
              <a href={`#/alerts/${r.id}`} className="title-link">
                <U value={r.title} />
              </a>
            </td>
            <td className={`status-${r.status}`}>{statusText(r.status, r.classification)}</td>
            <td>{dateTime(r.lastSeen)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
