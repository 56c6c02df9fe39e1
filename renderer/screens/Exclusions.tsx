/** Exclusions: list with what each stopped, scope filter, add (dialog), remove (with Undo). */
import { useState } from 'react';
import { api } from '../api.ts';
import { Dialog } from '../components/Dialog.tsx';
import { Empty, ErrorBanner, Skeleton } from '../components/States.tsx';
import { useToasts } from '../components/Toasts.tsx';
import { U } from '../components/Untrusted.tsx';
import { useCall } from '../hooks/useCall.ts';
import { plural } from '../format.ts';

type Scope = 'all' | '2003' | '2007' | '2012' | '2021';
const SCOPES: Scope[] = ['all', '2003', '2007', '2012', '2021'];
const KIND_LABEL: Record<string, string> = { ip: 'IP', cidr: 'subnet', host: 'computer', account: 'account' };

export function Exclusions({ version, onChanged }: { version: number; onChanged: () => void }) {
  const [scope, setScope] = useState<Scope | null>(null);
  const [adding, setAdding] = useState(false);
  const q = useCall('exclusions.list', { ...(scope ? { detection: scope } : {}), includeRemoved: false }, { version });
  const toasts = useToasts();
  const remove = async (id: number) => {
    try {
      const r = await api.call('exclusions.remove', { id });
      toasts.show(r.message, r.undoToken);
      onChanged();
    } catch (e) {
      toasts.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div>
      <h1 className="sr-only">Exclusions</h1>
      <div className="toolbar">
        <button type="button" className="primary" onClick={() => setAdding(true)}>
          Add exclusion…
        </button>
        <span className="muted">Scope</span>
        <span className="seg" role="group" aria-label="Scope">
          <button type="button" aria-pressed={scope === null} onClick={() => setScope(null)}>
            Any
          </button>
          {SCOPES.map((s) => (
            <button key={s} type="button" aria-pressed={scope === s} onClick={() => setScope(s)}>
              {s === 'all' ? 'All' : s}
            </button>
          ))}
        </span>
      </div>
      <p className="muted">Exclusions stop new alerts; the activities are still stored and counted here, so an exclusion can be removed without losing anything.</p>
      {q.error && <ErrorBanner message={q.error} onRetry={q.reload} />}
      {!q.data ? (
        <Skeleton />
      ) : q.data.length === 0 ? (
        <Empty>No exclusions yet</Empty>
      ) : (
        <table className="data" aria-label="Exclusions">
          <thead>
            <tr>
              <th>Scope</th>
              <th>Kind</th>
              <th>Value</th>
              <th>Note</th>
              <th>Added</th>
              <th>Stopped since</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {q.data.map((e) => (
              <tr key={e.id}>
                <td>{e.detection}</td>
                <td>{KIND_LABEL[e.kind] ?? e.kind}</td>
                <td>
                  <U value={e.value} />
                </td>
                <td>{e.note ?? ''}</td>
                <td>
                  {e.author} {e.createdAt.replace('T', ' ').slice(0, 16)}
                  {e.fromAlert && (
                    <>
                      {' '}
                      from <a href={`#/alerts/${e.fromAlert}`}>#{e.fromAlert}</a>
                    </>
                  )}
                </td>
                <td>
                  {plural(e.suppressedActivities, 'activity', 'activities')}, {plural(e.suppressedTargets, 'alert')} not raised
                </td>
                <td>
                  <button type="button" onClick={() => void remove(e.id)} aria-label={`Remove exclusion ${e.value}`}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AddExclusion
        open={adding}
        onClose={() => setAdding(false)}
        onAdded={(message, token) => {
          setAdding(false);
          toasts.show(message, token);
          onChanged();
        }}
      />
    </div>
  );
}

function AddExclusion({ open, onClose, onAdded }: { open: boolean; onClose: () => void; onAdded: (m: string, t: number | null) => void }) {
  const [detection, setDetection] = useState<Scope>('all');
  const [kind, setKind] = useState<'ip' | 'cidr' | 'host' | 'account'>('ip');
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog title="Add exclusion" open={open} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          api
            .call('exclusions.add', { detection, kind, value: value.trim(), ...(note.trim() ? { note: note.trim() } : {}) })
            .then((r) => (setValue(''), setNote(''), setError(null), onAdded(r.message, r.undoToken)))
            .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
        }}
      >
        <label className="block" htmlFor="ex-scope">
          Detection
        </label>
        <select id="ex-scope" value={detection} onChange={(e) => setDetection(e.target.value as Scope)}>
          {SCOPES.map((s) => (
            <option key={s} value={s}>
              {s === 'all' ? 'All detections' : s}
            </option>
          ))}
        </select>
        <label className="block" htmlFor="ex-kind">
          Kind
        </label>
        <select id="ex-kind" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
          <option value="ip">IP address</option>
          <option value="cidr">Subnet (CIDR)</option>
          <option value="host">Computer name</option>
          <option value="account">Account</option>
        </select>
        <label className="block" htmlFor="ex-value">
          Value
        </label>
        <input id="ex-value" required value={value} onChange={(e) => setValue(e.target.value)} aria-invalid={error ? true : undefined} style={{ width: '100%' }} />
        <label className="block" htmlFor="ex-note">
          Note
        </label>
        <input id="ex-note" value={note} onChange={(e) => setNote(e.target.value)} style={{ width: '100%' }} />
        {error && <p className="field-error">{error}</p>}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Add exclusion
          </button>
        </div>
      </form>
    </Dialog>
  );
}
