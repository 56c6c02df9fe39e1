/**
 * Import by file dialog or drop. In Electron the preload gives each File's path; in browser mode the
 * file is uploaded to the data folder first (POST upload?name=F), then imported from there.
 * Progress is polled from captures.importStatus; Cancel keeps what was stored.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportJob } from '../../main/api/contract.ts';
import { api, uploadFile } from '../api.ts';
import { useToasts } from '../components/Toasts.tsx';
import { usePoll } from '../hooks/useCall.ts';
import { bytes, count, plural } from '../format.ts';

export function ImportPanel({ autoOpen, onChanged }: { autoOpen: boolean; onChanged: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [forensic, setForensic] = useState(false);
  const [over, setOver] = useState(false);
  const [jobs, setJobs] = useState<ImportJob[]>([]);
  const [uploading, setUploading] = useState<{ name: string; loaded: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const toasts = useToasts();
  const refresh = useCallback(() => {
    api
      .call('captures.importStatus', {})
      .then((r) => {
        setJobs((prev) => {
          const finished = r.jobs.filter((j) => j.state !== 'running' && prev.some((p) => p.jobId === j.jobId && p.state === 'running'));
          for (const j of finished) {
            if (j.state === 'error') setError(j.error ?? 'Import failed');
            else if (j.alreadyImported.length) toasts.show(`Already imported: ${j.alreadyImported.map((f) => f.split(/[\\/]/).pop()).join(', ')}`);
            else toasts.show(j.state === 'cancelled' ? 'Import cancelled: what was read is kept' : `Import done: ${plural(j.alerts, 'alert')} raised or updated`);
          }
          if (finished.length) onChanged();
          return r.jobs;
        });
      })
      .catch(() => undefined);
  }, [onChanged, toasts]);
  useEffect(refresh, [refresh]);
  const running = jobs.filter((j) => j.state === 'running');
  usePoll(refresh, 500, running.length > 0);
  useEffect(() => {
    if (autoOpen) input.current?.click();
  }, [autoOpen]);

  const importFiles = async (files: File[]) => {
    setError(null);
    try {
      const paths: string[] = [];
      for (const f of files) {
        const local = window.reconlens?.pathForFile?.(f);
        if (local) paths.push(local);
        else {
          setUploading({ name: f.name, loaded: 0, total: f.size });
          paths.push(await uploadFile(f, (loaded) => setUploading({ name: f.name, loaded, total: f.size })));
        }
      }
      setUploading(null);
      await api.call('captures.importStart', { paths, forensic });
      refresh();
      onChanged();
    } catch (e) {
      setUploading(null);
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <section aria-label="Import">
      <div
        className={`dropzone${over ? ' over' : ''}`}
        onDragOver={(e) => (e.preventDefault(), setOver(true))}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          void importFiles([...e.dataTransfer.files]);
        }}
      >
        <button type="button" className="primary" onClick={() => input.current?.click()}>
          Import capture…
        </button>{' '}
        or drop pcap / pcapng files here{' '}
        <label style={{ marginLeft: 16 }}>
          <input type="checkbox" checked={forensic} onChange={(e) => setForensic(e.target.checked)} aria-describedby="forensic-hint" /> Forensic import: alert on any SAMR
          reconnaissance (sets the learning period to 0 for this database)
        </label>
        <div id="forensic-hint" className="muted hint">
          The SAMR learning period is a setting of the whole database, not of one file: after a forensic import it stays at 0 days (no baseline) for later imports and live
          capture too, until you change it in Settings.
        </div>
        <input
          ref={input}
          type="file"
          multiple
          accept=".pcap,.pcapng,.cap,.gz"
          aria-label="Capture files"
          style={{ display: 'none' }}
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            if (files.length) void importFiles(files);
          }}
        />
      </div>
      {uploading && (
        <div className="progress">
          Uploading {uploading.name}
          <progress aria-label="Upload progress" max={uploading.total || 1} value={uploading.loaded} />
          {bytes(uploading.loaded)} / {bytes(uploading.total)}
        </div>
      )}
      {running.map((j) => (
        <div className="progress" key={j.jobId}>
          <span className="untrusted">{(j.currentFile ?? j.files[0] ?? '').split(/[\\/]/).pop()}</span>
          <progress aria-label="Import progress" max={j.totalBytes || 1} value={j.bytes} />
          <span>
            {bytes(j.bytes)} / {bytes(j.totalBytes)}, {count(j.packets)} packets, {j.alerts} alerts so far
          </span>
          <button type="button" onClick={() => void api.call('captures.importCancel', { jobId: j.jobId }).then(refresh)}>
            Cancel
          </button>
        </div>
      ))}
      {error && (
        <div className="banner error" role="alert">
          {error}
        </div>
      )}
    </section>
  );
}
