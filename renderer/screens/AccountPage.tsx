/** Account page: name, realm, ★ (why), exposed in, activities by kind, hosts; [Tag as sensitive]. */
import { api } from '../api.ts';
import { ErrorBanner, Skeleton } from '../components/States.tsx';
import { useToasts } from '../components/Toasts.tsx';
import { U } from '../components/Untrusted.tsx';
import { useCall } from '../hooks/useCall.ts';
import { AlertTable } from './AlertTable.tsx';

const KIND_WORDS: Record<string, string> = { 'krb-as': 'Kerberos AS guesses', 'krb-tgs': 'Kerberos service tickets', 'srvsvc-sessenum': 'SMB session listings made', samr: 'SAMR queries made', 'dns-xfer': 'zone transfers' };

export function AccountPage({ name, version, onChanged }: { name: string; version: number; onChanged: () => void }) {
  const q = useCall('entities.account', { name }, { version });
  const toasts = useToasts();
  if (q.error) return <ErrorBanner message={q.error} onRetry={q.reload} />;
  if (!q.data) return <Skeleton />;
  const { account: a } = q.data;
  const tag = async (tagged: boolean) => {
    const r = await api.call('entities.tagSensitive', { name: a.name, tagged });
    toasts.show(r.message);
    onChanged();
  };
  return (
    <article>
      <nav className="crumbs" aria-label="Breadcrumb">
        <a href="#/entities/accounts">Accounts</a> › <U value={a.name} />
      </nav>
      <h1>
        Account <U value={a.name} /> {a.sensitive && <span className="star">★</span>}
      </h1>
      <dl className="kv panel">
        <dt>Realm / domain</dt>
        <dd>{a.domain ? <U value={a.domain} /> : '-'}</dd>
        <dt>RID</dt>
        <dd>{a.rid ?? '-'}</dd>
        <dt>Sensitive</dt>
        <dd>{a.sensitive ? a.reasons.join('; ') : 'no'}</dd>
        <dt>Activities</dt>
        <dd>{Object.entries(q.data.activityByKind).map(([k, n]) => `${n} ${KIND_WORDS[k] ?? k}`).join(', ') || '-'}</dd>
        <dt>Seen from</dt>
        <dd>
          {q.data.hosts.map((h) => (
            <a key={h} href={`#/entities/hosts/${encodeURIComponent(h)}`} style={{ marginRight: 8 }}>
              {h}
            </a>
          ))}
        </dd>
      </dl>
      <div className="toolbar" style={{ marginTop: 10 }}>
        <button type="button" onClick={() => void tag(!a.tagged)}>
          {a.tagged ? 'Remove sensitive tag' : 'Tag as sensitive'}
        </button>
      </div>
      <h2>Exposed in</h2>
      <AlertTable rows={q.data.exposedIn} label="Exposed in" />
    </article>
  );
}
