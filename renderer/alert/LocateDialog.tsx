/** "Capture file moved" -> Locate…: the capture's new path (checked by content on the other side). */
import { useState } from 'react';
import { api } from '../api.ts';
import { Dialog } from '../components/Dialog.tsx';

export function LocateDialog({ capture, onClose, onDone }: { capture: { captureId: number; file: string } | null; onClose(): void; onDone(message: string): void }) {
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const pick = window.reconlens?.pathForFile;
  return (
    <Dialog title="Locate capture" open={capture !== null} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!capture) return;
          api
            .call('captures.relocate', { id: capture.captureId, path: path.trim() })
            .then((r) => (setError(null), setPath(''), onDone(r.message)))
            .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
        }}
      >
        <p className="muted">
          Was: <span className="untrusted">{capture?.file}</span>
        </p>
        <label className="block" htmlFor="locate-path">
          New path of the same file
        </label>
        <input id="locate-path" required value={path} onChange={(e) => setPath(e.target.value)} aria-invalid={error ? true : undefined} style={{ width: '100%' }} />
        {pick && (
          <input type="file" aria-label="Choose the capture file" onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) setPath(pick(f));
          }} />
        )}
        {error && <p className="field-error">{error}</p>}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Locate
          </button>
        </div>
      </form>
    </Dialog>
  );
}
