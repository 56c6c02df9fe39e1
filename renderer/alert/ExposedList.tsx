/** Exposed accounts, sensitive first, each ★ with its reason (RID 512, tagged). */
import type { ExposedAccount } from '../../main/api/contract.ts';
import { U } from '../components/Untrusted.tsx';

export function ExposedList({ exposed }: { exposed: ExposedAccount[] }) {
  return (
    <section className="panel" aria-labelledby="exposed-h">
      <h2 id="exposed-h">Exposed accounts ({exposed.length})</h2>
      {exposed.length === 0 ? (
        <p className="muted">No account was exposed by this activity.</p>
      ) : (
        <table className="data" aria-label="Exposed accounts">
          <tbody>
            {exposed.map((e) => (
              <tr key={e.name} className={e.sensitive ? 'sensitive' : undefined}>
                <td>
                  <a href={`#/entities/accounts/${encodeURIComponent(e.name)}`}>
                    <U value={e.name} />
                  </a>
                  {e.clients.length > 0 && (
                    <span className="muted">
                      {' '}
                      on <U value={e.clients.join(', ')} />
                    </span>
                  )}
                </td>
                <td>
                  {e.sensitive && (
                    <span>
                      <span className="star" aria-label="sensitive">
                        ★
                      </span>{' '}
                      sensitive: {e.reasons.join('; ')}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
