/** "Close alert": TP / B-TP / FP, a note, and "also exclude source". */
import { useEffect, useState } from 'react';
import type { Classification } from '../../main/api/contract.ts';
import { Dialog } from '../components/Dialog.tsx';

interface Props {
  open: boolean;
  title: string;
  sourceLabel: string;
  initial?: Classification;
  onClose(): void;
  onSubmit(c: Classification, note: string, alsoExclude: boolean): Promise<void>;
}

const CHOICES: { value: Classification; label: string; hint: string }[] = [
  { value: 'tp', label: 'TP', hint: 'true positive: reconnaissance that should not happen' },
  { value: 'btp', label: 'B-TP', hint: 'benign true positive: real, but expected (scanner, admin tool)' },
  { value: 'fp', label: 'FP', hint: 'false positive: not what it looks like' },
];

export function CloseDialog({ open, title, sourceLabel, initial = 'btp', onClose, onSubmit }: Props) {
  const [cls, setCls] = useState<Classification>(initial);
  const [note, setNote] = useState('');
  const [exclude, setExclude] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) {
      setCls(initial);
      setNote('');
      setExclude(false);
      setError(null);
    }
  }, [open, initial]);
  return (
    <Dialog title={title} open={open} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          onSubmit(cls, note.trim(), exclude)
            .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)))
            .finally(() => setBusy(false));
        }}
      >
        <fieldset>
          <legend>Classification</legend>
          {CHOICES.map((c) => (
            <label key={c.value} style={{ display: 'block', margin: '3px 0' }}>
              <input type="radio" name="classification" value={c.value} checked={cls === c.value} onChange={() => setCls(c.value)} /> <b>{c.label}</b>{' '}
              <span className="muted">{c.hint}</span>
            </label>
          ))}
        </fieldset>
        <label className="block" htmlFor="close-note">
          Note
        </label>
        <textarea id="close-note" rows={3} style={{ width: '100%' }} value={note} onChange={(e) => setNote(e.target.value)} maxLength={4000} />
        <label style={{ display: 'block', marginTop: 8 }}>
          <input type="checkbox" checked={exclude} onChange={(e) => setExclude(e.target.checked)} /> Also exclude source ({sourceLabel}) for this detection
        </label>
        {error && <p className="field-error">{error}</p>}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            Close alert
          </button>
        </div>
      </form>
    </Dialog>
  );
}
