/** The per-detection details table (guesses, zone transfers, session lists, SAMR calls). */
import type { DetailsTable as T } from '../../main/api/contract.ts';
import { U } from '../components/Untrusted.tsx';

export function DetailsTable({ t }: { t: T }) {
  return (
    <section className="panel" aria-labelledby="details-h">
      <h2 id="details-h">Details</h2>
      <p>
        {t.totals.map((x) => (
          <span key={x.label} style={{ marginRight: 14 }}>
            {x.label}: <b>{x.value}</b>
          </span>
        ))}
        {t.truncated && <span className="muted">(first activities shown)</span>}
      </p>
      <div style={{ maxHeight: 360, overflow: 'auto' }}>
        <table className="data" aria-label="Details">
          <thead>
            <tr>
              {t.columns.map((c) => (
                <th key={c}>{c}</th>
              ))}
              <th>Frames</th>
            </tr>
          </thead>
          <tbody>
            {t.rows.map((r, i) => (
              <tr key={i} className={r.sensitive ? 'sensitive' : undefined}>
                {r.cells.map((c, j) => (
                  <td key={j}>{c === '★' ? <span className="star">★</span> : <U value={c} />}</td>
                ))}
                <td className="ip">{r.frames.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
