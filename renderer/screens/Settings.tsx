/** Settings: each field validated by the API; invalid fields are marked inline and nothing is saved. */
import { useEffect, useState } from 'react';
import type { Settings } from '../../main/api/contract.ts';
import { api } from '../api.ts';
import { applyLook } from '../App.tsx';
import { ErrorBanner, Skeleton } from '../components/States.tsx';
import { useToasts } from '../components/Toasts.tsx';
import { useCall } from '../hooks/useCall.ts';
import { setTimeZone } from '../format.ts';
import { DatabaseSection } from './DatabaseSection.tsx';

type Draft = Record<keyof Settings, string>;
const toDraft = (s: Settings): Draft => ({
  analyst: s.analyst,
  dcs: s.dcs.join(', '),
  dnsServers: s.dnsServers.join(', '),
  enumUnknownNames: String(s.enumUnknownNames),
  enumWindowMin: String(s.enumWindowMin),
  mergeWindowH: String(s.mergeWindowH),
  samrLearningDays: String(s.samrLearningDays),
  wiresharkPath: s.wiresharkPath,
  timeZone: s.timeZone,
  theme: s.theme,
  density: s.density,
});
const list = (s: string) => s.split(/[\s,]+/).filter(Boolean);
const numOr = (s: string) => (s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : s);

/** The saved learning period in words (a forensic import may have set it to 0 since the page opened). */
export function learningNow(days: number): string {
  if (days === 0) return 'Now: 0 days, no learning period. Every SAMR reconnaissance class alerts, and the alert says that no baseline existed.';
  return `Now: ${days} day${days === 1 ? '' : 's'}. Per domain controller, SAMR queries seen during its first ${days} day${days === 1 ? '' : 's'} (packet time) are the baseline; later new ones alert.`;
}

export function SettingsScreen({ onChanged, version = 0 }: { onChanged: () => void; version?: number }) {
  const q = useCall('settings.get', {}, { version });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [base, setBase] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const toasts = useToasts();
  useEffect(() => {
    if (!q.data) return;
    const saved = toDraft(q.data.settings);
    // Follow changes made elsewhere (an import, another window) unless the analyst is editing.
    if (!draft || (base && JSON.stringify(draft) === JSON.stringify(base))) setDraft(saved);
    setBase(saved);
  }, [q.data]);
  if (q.error) return <ErrorBanner message={q.error} onRetry={q.reload} />;
  if (!q.data || !draft) return <Skeleton />;
  const v = q.data;
  const save = async () => {
    const patch: Record<string, unknown> = {
      analyst: draft.analyst,
      dcs: list(draft.dcs),
      dnsServers: list(draft.dnsServers),
      enumUnknownNames: numOr(draft.enumUnknownNames),
      enumWindowMin: numOr(draft.enumWindowMin),
      mergeWindowH: numOr(draft.mergeWindowH),
      samrLearningDays: numOr(draft.samrLearningDays),
      wiresharkPath: draft.wiresharkPath,
      timeZone: draft.timeZone,
      theme: draft.theme,
      density: draft.density,
    };
    const r = await api.call('settings.set', { patch });
    if (!r.ok) return setErrors(r.errors);
    setErrors({});
    applyLook(r.view.settings.theme, r.view.settings.density);
    setTimeZone(r.view.settings.timeZone);
    toasts.show('Settings saved');
    q.reload();
    onChanged();
  };
  const field = (key: keyof Settings, label: string, hint?: string, input?: JSX.Element) => (
    <div className="setting">
      <label className="block" htmlFor={`set-${key}`}>
        {label}
      </label>
      {input ?? <input id={`set-${key}`} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} aria-invalid={errors[key] ? true : undefined} aria-describedby={errors[key] ? `err-${key}` : undefined} style={{ width: 'min(480px, 100%)' }} />}
      {hint && <div className="muted">{hint}</div>}
      {errors[key] && (
        <div id={`err-${key}`} className="field-error">
          {errors[key]}
        </div>
      )}
    </div>
  );
  const select = (key: 'timeZone' | 'theme' | 'density', options: [string, string][]) => (
    <select id={`set-${key}`} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}>
      {options.map(([val, text]) => (
        <option key={val} value={val}>
          {text}
        </option>
      ))}
    </select>
  );
  return (
    <>
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      style={{ maxWidth: 900 }}
    >
      <h1>Settings</h1>
      <section className="panel">
        <h2>Domain controllers and DNS servers</h2>
        {field('dcs', 'Domain controllers (declared)', `Learned from traffic: ${v.learnedDcs.map((d) => `${d.name ? `${d.name} ` : ''}${d.ip} (${d.source})`).join(', ') || 'none yet'}`)}
        {field('dnsServers', 'DNS servers (declared)', `Learned from traffic: ${v.learnedDnsServers.map((d) => `${d.name ? `${d.name} ` : ''}${d.ip} (${d.source})`).join(', ') || 'none yet'}`)}
        <h3>Sensitive accounts</h3>
        <p className="muted">
          Well-known admin RIDs are always sensitive. Tagged: {v.taggedAccounts.map((t) => t.name).join(', ') || 'none'} (tag from an account page).
        </p>
      </section>
      <section className="panel" style={{ marginTop: 12 }}>
        <h2>Detections</h2>
        {field('enumUnknownNames', '2003: unknown names that raise an alert', 'Distinct names the KDC did not know, within the window below (default 10).')}
        {field('enumWindowMin', '2003: window, minutes', 'Default 10 minutes.')}
        {field('mergeWindowH', 'Alert merge window, hours', 'New activity within this many hours of an open alert updates it (default 24).')}
        {field('samrLearningDays', '2021: SAMR learning period, days', '0 alerts on any reconnaissance (no baseline). Default 28. A forensic import sets it to 0 for this database.')}
        <p className="current-learning" role="note" aria-label="Current SAMR learning period">
          {learningNow(v.settings.samrLearningDays)}
        </p>
        {v.samrLearning.length > 0 && (
          <p className="muted">
            Per DC:{' '}
            {v.samrLearning
              .map((l) => `${l.name ? `${l.name} ` : ''}${l.dc} ${v.settings.samrLearningDays === 0 ? 'no baseline' : l.done ? 'done' : `day ${Math.floor(l.days) + 1}/${v.settings.samrLearningDays}`}`)
              .join(', ')}
          </p>
        )}
      </section>
      <section className="panel" style={{ marginTop: 12 }}>
        <h2>This workstation</h2>
        {field('analyst', 'Analyst name', 'Written in the audit trail.')}
        {field('wiresharkPath', 'Wireshark path', 'Empty: look for wireshark on the PATH.')}
        {field('timeZone', 'Time zone', undefined, select('timeZone', [['utc', 'UTC'], ['local', 'Local time']]))}
        {field('theme', 'Theme', undefined, select('theme', [['system', 'Follow the system'], ['light', 'Light'], ['dark', 'Dark']]))}
        {field('density', 'Density', undefined, select('density', [['comfortable', 'Comfortable (32 px rows)'], ['compact', 'Compact (24 px rows)']]))}
        <dl className="kv" style={{ marginTop: 10 }}>
          <dt>Data folder</dt>
          <dd className="untrusted">{v.dataDir}</dd>
          <dt>Database</dt>
          <dd className="untrusted">{v.dbPath}</dd>
        </dl>
      </section>
      <div className="toolbar" style={{ marginTop: 12 }}>
        <button type="submit" className="primary">
          Save settings
        </button>
        <button type="button" onClick={() => (setDraft(toDraft(v.settings)), setErrors({}))}>
          Revert
        </button>
        {v.hasSampleData && (
          <button
            type="button"
            className="danger"
            onClick={() =>
              void api.call('sample.remove', {}).then((r) => {
                toasts.show(r.message);
                q.reload();
                onChanged();
              })
            }
          >
            Remove sample data
          </button>
        )}
      </div>
    </form>
    <div style={{ maxWidth: 900 }}>
      <DatabaseSection version={version} onChanged={onChanged} />
    </div>
    </>
  );
}
