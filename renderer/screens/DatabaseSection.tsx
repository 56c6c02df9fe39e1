/**
 * Settings › Database: the file in use (path, size, what it holds), backup, restore, compaction,
 * integrity check, live-data retention, and opening or creating another database (one per case or
 * client). Paths are on the machine that runs the engine (in browser mode: the server); a relative
 * path lands in the data folder. After a switch or a restore the page reloads, so that every screen
 * reads the new data; the result is shown in a toast after the reload.
 */
import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import { Dialog } from '../components/Dialog.tsx';
import { useToasts } from '../components/Toasts.tsx';
import { useCall, usePoll } from '../hooks/useCall.ts';
import { bytes, count } from '../format.ts';

const FLASH_KEY = 'reconlens.flash';

/** Shows the message a database switch left before the page reloaded. Render inside ToastProvider. */
export function DatabaseFlash() {
  const toasts = useToasts();
  useEffect(() => {
    const msg = sessionStorage.getItem(FLASH_KEY);
    if (!msg) return;
    sessionStorage.removeItem(FLASH_KEY);
    toasts.show(msg);
  }, []);
  return null;
}

/** Another database (or a restored one) is in place: reload every screen on it. */
function reloadOn(message: string, hash: string) {
  sessionStorage.setItem(FLASH_KEY, message);
  if (window.location.hash !== hash) window.location.hash = hash;
  window.location.reload();
}

const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;
const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));

interface PathAction {
  label: string;
  primary?: boolean;
  run: (path: string) => Promise<void>;
}

function PathDialog({ title, label, hint, initial, actions, onClose }: { title: string; label: string; hint: string; initial: string; actions: PathAction[]; onClose: () => void }) {
  const [path, setPath] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const go = async (a: PathAction) => {
    setWorking(true);
    setError(null);
    try {
      await a.run(path.trim());
    } catch (e) {
      setError(errText(e));
    } finally {
      setWorking(false);
    }
  };
  return (
    <Dialog title={title} open onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const first = actions.find((a) => a.primary) ?? actions[0];
          if (first) void go(first);
        }}
      >
        <label className="block" htmlFor="db-path">
          {label}
        </label>
        <input id="db-path" value={path} onChange={(e) => setPath(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby="db-path-hint" style={{ width: '100%' }} autoFocus spellCheck={false} />
        <div id="db-path-hint" className="muted">
          {hint}
        </div>
        {error && (
          <div className="field-error" role="alert">
            {error}
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          {actions.map((a) => (
            <button key={a.label} type={a.primary ? 'submit' : 'button'} className={a.primary ? 'primary' : undefined} disabled={working || !path.trim()} onClick={a.primary ? undefined : () => void go(a)}>
              {a.label}
            </button>
          ))}
        </div>
      </form>
    </Dialog>
  );
}

type Open = null | 'backup' | 'restore' | 'open';

export function DatabaseSection({ version = 0, onChanged }: { version?: number; onChanged: () => void }) {
  const info = useCall('database.info', {}, { version });
  const recent = useCall('database.recent', {}, { version });
  const toasts = useToasts();
  const [dialog, setDialog] = useState<Open>(null);
  const [error, setError] = useState<string | null>(null);
  const [working, setWorking] = useState<string | null>(null);
  const [integrity, setIntegrity] = useState<{ ok: boolean; problems: string[] } | null>(null);
  const [days, setDays] = useState<string | null>(null);
  const [daysError, setDaysError] = useState<string | null>(null);
  usePoll(info.reload, 2000, Boolean(info.data?.busy));
  if (info.error && !info.data) {
    return (
      <section className="panel" aria-labelledby="db-heading" style={{ marginTop: 12 }}>
        <h2 id="db-heading">Database</h2>
        <div className="field-error" role="alert">
          Database unreadable: {info.error}
        </div>
      </section>
    );
  }
  const d = info.data;
  const busy = d?.busy ?? null;
  const act = async (name: string, fn: () => Promise<string>) => {
    setWorking(name);
    setError(null);
    try {
      toasts.show(await fn());
      info.reload();
      recent.reload();
    } catch (e) {
      setError(errText(e));
    } finally {
      setWorking(null);
    }
  };
  const switchTo = async (path: string, create: boolean) => {
    const r = await api.call('database.open', { path, create });
    setDialog(null);
    reloadOn(r.message, '#/');
  };
  const blocked = (needsIdle: boolean) => !d || working !== null || (needsIdle && busy !== null);
  const reasonProps = (needsIdle: boolean) => (needsIdle && busy ? { title: `Unavailable: ${busy}`, 'aria-describedby': 'db-busy' } : {});
  const daysValue = days ?? String(d?.liveRetentionDays ?? 0);

  return (
    <section className="panel db-section" aria-labelledby="db-heading" style={{ marginTop: 12 }}>
      <h2 id="db-heading">Database</h2>
      <p className="muted">One database per case or client: open or create another one here, or start with --db FILE. The app reopens the last one you opened.</p>
      {d ? (
        <dl className="kv" aria-label="Current database">
          <dt>File</dt>
          <dd className="untrusted">{d.path}</dd>
          <dt>Size</dt>
          <dd>
            {bytes(d.size)} <span className="muted">(schema version {d.schemaVersion})</span>
          </dd>
          <dt>Holds</dt>
          <dd>
            {plural(d.counts.captures, 'capture')}, {plural(d.counts.activities, 'activity', 'activities')}, {plural(d.counts.alerts, 'alert')}
          </dd>
          <dt>Data folder</dt>
          <dd className="untrusted">{d.dataDir}</dd>
          {integrity && (
            <>
              <dt>Integrity</dt>
              <dd className={integrity.ok ? undefined : 'field-error'}>{integrity.ok ? 'ok (quick check, foreign keys)' : `${integrity.problems.length} problem(s): ${integrity.problems.slice(0, 3).join('; ')}`}</dd>
            </>
          )}
        </dl>
      ) : (
        <p className="muted">Loading…</p>
      )}
      {busy && (
        <p id="db-busy" className="db-busy" role="note">
          Restore, compaction and opening another database are unavailable: {busy}.
        </p>
      )}
      <div className="toolbar" style={{ marginTop: 10 }}>
        <button type="button" disabled={blocked(false)} onClick={() => setDialog('backup')}>
          Back up…
        </button>
        <button type="button" disabled={blocked(true)} {...reasonProps(true)} onClick={() => setDialog('restore')}>
          Restore…
        </button>
        <button type="button" disabled={blocked(true)} {...reasonProps(true)} onClick={() => void act('vacuum', async () => (await api.call('database.vacuum', {})).message)}>
          {working === 'vacuum' ? 'Compacting…' : 'Compact (VACUUM)'}
        </button>
        <button type="button" disabled={blocked(true)} {...reasonProps(true)} onClick={() => setDialog('open')}>
          Open or create another database…
        </button>
        <button
          type="button"
          disabled={blocked(false)}
          onClick={() =>
            void act('check', async () => {
              const r = await api.call('database.info', { check: true });
              setIntegrity(r.integrity);
              return r.integrity?.ok ? 'Integrity check: ok' : `Integrity check: ${r.integrity?.problems.length ?? 0} problem(s)`;
            })
          }
        >
          {working === 'check' ? 'Checking…' : 'Check integrity'}
        </button>
      </div>
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}

      <div className="setting" style={{ marginTop: 10 }}>
        <label className="block" htmlFor="db-retention">
          Live-data retention, days
        </label>
        <div className="toolbar">
          <input
            id="db-retention"
            type="number"
            min={0}
            max={36500}
            value={daysValue}
            onChange={(e) => setDays(e.target.value)}
            aria-invalid={daysError ? true : undefined}
            aria-describedby={daysError ? 'db-retention-error' : 'db-retention-hint'}
            style={{ width: 100 }}
          />
          <button
            type="button"
            disabled={blocked(false)}
            onClick={() => {
              const n = Number(daysValue);
              if (daysValue.trim() === '' || !Number.isInteger(n) || n < 0 || n > 36500) return setDaysError('A whole number of days, 0 to 36500 (0 keeps everything)');
              setDaysError(null);
              void act('retention', async () => {
                const r = await api.call('database.retention', { days: n });
                setDays(null);
                if (r.removedCaptures) onChanged();
                return r.message;
              });
            }}
          >
            Save and apply now
          </button>
        </div>
        <div id="db-retention-hint" className="muted">
          Live captures (and what only they produced) older than this are deleted; imported files are never touched. 0 keeps everything.
        </div>
        {daysError && (
          <div id="db-retention-error" className="field-error">
            {daysError}
          </div>
        )}
      </div>

      <h3>Recent databases</h3>
      {recent.data && recent.data.length > 0 ? (
        <ul className="db-recent" aria-label="Recent databases">
          {recent.data.map((r) => (
            <li key={r.path}>
              <span className="untrusted">{r.path}</span>{' '}
              {r.current ? (
                <span className="chip">open now</span>
              ) : !r.exists ? (
                <span className="muted">(missing)</span>
              ) : (
                <button
                  type="button"
                  className="link"
                  disabled={blocked(true)}
                  {...reasonProps(true)}
                  aria-label={`Open ${r.path}`}
                  onClick={() => {
                    setError(null);
                    setWorking('open');
                    switchTo(r.path, false).catch((e: unknown) => {
                      setError(errText(e));
                      setWorking(null);
                    });
                  }}
                >
                  Open
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">None yet.</p>
      )}

      {dialog === 'backup' && d && (
        <PathDialog
          title="Back up the database"
          label="Backup file"
          hint="A consistent copy, taken while the app keeps running. The file must not exist yet; a relative path lands in the data folder."
          initial={d.defaultBackupPath}
          onClose={() => setDialog(null)}
          actions={[
            {
              label: 'Back up',
              primary: true,
              run: async (path) => {
                const r = await api.call('database.backup', { path });
                setDialog(null);
                toasts.show(r.message);
                info.reload();
              },
            },
          ]}
        />
      )}
      {dialog === 'restore' && d && (
        <PathDialog
          title="Restore from a backup"
          label="Backup file"
          hint={`The backup is checked first. The current file is kept as ${d.path}.before-restore.`}
          initial={`${d.dataDir}/backups/`}
          onClose={() => setDialog(null)}
          actions={[
            {
              label: 'Restore',
              primary: true,
              run: async (path) => {
                const r = await api.call('database.restore', { path });
                setDialog(null);
                reloadOn(r.message, '#/settings');
              },
            },
          ]}
        />
      )}
      {dialog === 'open' && d && (
        <PathDialog
          title="Open or create another database"
          label="Database file"
          hint="Open an existing ReconLens database, or create a new empty one (one per case or client). A relative name such as case-acme.db lands in the data folder."
          initial=""
          onClose={() => setDialog(null)}
          actions={[
            { label: 'Open', primary: true, run: (path) => switchTo(path, false) },
            { label: 'Create', run: (path) => switchTo(path, true) },
          ]}
        />
      )}
    </section>
  );
}
