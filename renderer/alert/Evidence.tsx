/** Evidence timeline (one line per activity) and evidence frames with Open in Wireshark / Save pcap slice. */
import { useState } from 'react';
import type { AlertDetail } from '../../main/api/contract.ts';
import { api } from '../api.ts';
import { U } from '../components/Untrusted.tsx';
import { useToasts } from '../components/Toasts.tsx';
import { plural, time } from '../format.ts';
import { LocateDialog } from './LocateDialog.tsx';

/** 1201-1240, 1302 */
export function frameRanges(frames: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < frames.length; ) {
    const lo = frames[i] as number;
    let hi = lo;
    while (i + 1 < frames.length && frames[i + 1] === hi + 1) hi = frames[++i] as number;
    out.push(lo === hi ? String(lo) : `${lo}-${hi}`);
    i++;
  }
  return out.join(', ');
}

export function EvidenceTimeline({ a }: { a: AlertDetail }) {
  return (
    <section className="panel" aria-labelledby="evidence-h">
      <h2 id="evidence-h">
        Evidence timeline <span className="muted">({plural(a.evidenceTotal, 'activity', 'activities')})</span>
      </h2>
      <ul className="timeline">
        {a.evidence.map((e) => (
          <li key={e.activityId}>
            <span className="t">{time(e.ts)}</span>
            <span>
              <U value={e.text} /> {e.excluded && <span className="tag">excluded</span>}
            </span>
            <span className="ip" title={e.captureFile}>
              #{frameRanges(e.frames)}
            </span>
          </li>
        ))}
      </ul>
      {a.evidenceTotal > a.evidence.length && <p className="muted">First {a.evidence.length} of {a.evidenceTotal} shown; the report and the pcap slice hold all frames.</p>}
    </section>
  );
}

export function EvidenceFrames({ a, wiresharkRef, onChanged }: { a: AlertDetail; wiresharkRef: { current: (() => void) | null }; onChanged(): void }) {
  const toasts = useToasts();
  const [notFound, setNotFound] = useState<string | null>(null);
  const [locating, setLocating] = useState<{ captureId: number; file: string } | null>(null);
  const open = async () => {
    try {
      const r = await api.call('evidence.openWireshark', { id: a.id });
      if (r.ok) toasts.show('Opened in Wireshark');
      else setNotFound(r.message);
    } catch (e) {
      toasts.error(e instanceof Error ? e.message : String(e));
    }
  };
  wiresharkRef.current = () => void open();
  const slice = async () => {
    try {
      const r = await api.call('evidence.savePcapSlice', { id: a.id });
      toasts.show(`Saved ${r.frames} frames to ${r.path}` + (r.missing > 0 ? ` (${r.missing} not found: a live capture's ring buffer had already deleted them, or the file lacks them)` : ''));
    } catch (e) {
      toasts.error(e instanceof Error ? e.message : String(e));
    }
  };
  const total = a.frames.reduce((n, f) => n + f.frames.length, 0);
  return (
    <section className="panel" aria-labelledby="frames-h">
      <h2 id="frames-h">Evidence frames</h2>
      {a.frames.map((f) => (
        <p key={f.captureId}>
          <a href={`#/captures/${f.captureId}`}>
            <U value={f.file.split(/[\\/]/).pop() ?? f.file} />
          </a>{' '}
          <span className="ip">{frameRanges(f.frames)}</span> <span className="muted">({f.frames.length})</span>
          {!f.available && (
            <>
              <span className="amber"> Capture file moved</span>{' '}
              <button type="button" onClick={() => setLocating({ captureId: f.captureId, file: f.file })}>
                Locate…
              </button>
            </>
          )}
        </p>
      ))}
      <div className="toolbar">
        <button type="button" onClick={() => void open()} disabled={total === 0}>
          Open in Wireshark
        </button>
        <button type="button" onClick={() => void slice()} disabled={total === 0 || a.frames.some((f) => !f.available)}>
          Save pcap slice
        </button>
        <a className="link" href="#/alerts" onClick={(e) => (e.preventDefault(), void downloadReport(a.id))}>
          One-alert report (HTML)
        </a>
      </div>
      <LocateDialog
        capture={locating}
        onClose={() => setLocating(null)}
        onDone={(m) => {
          setLocating(null);
          toasts.show(m);
          onChanged();
        }}
      />
      {notFound && (
        <div className="banner warn" role="alert">
          {notFound}. <a href="#/settings">Set the Wireshark path in Settings</a>
        </div>
      )}
    </section>
  );
}

export async function downloadReport(id: number) {
  const file = await api.call('alerts.report', { id });
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.click();
  URL.revokeObjectURL(url);
}
