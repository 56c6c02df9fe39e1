/**
 * First run without data: import a capture, open the bundled sample, or start a live capture.
 * Opening the sample stays here: the card shows its import, then offers the tour of the four
 * detections (opened once by itself when the sample is ready, unless the tour was closed before).
 */
import { useCallback, useEffect, useState } from 'react';
import type { ImportJob } from '../../main/api/contract.ts';
import { api } from '../api.ts';
import { navigate } from '../router.ts';
import { useToasts } from '../components/Toasts.tsx';
import { useCall, usePoll } from '../hooks/useCall.ts';
import { bytes, plural } from '../format.ts';
import { markTourSeen, tourSeen } from './tour.ts';

const SAMPLE_JOB = 'reconlens.sampleJob';
const storedJob = (): number | null => {
  const v = Number(sessionStorage.getItem(SAMPLE_JOB));
  return Number.isInteger(v) && v > 0 ? v : null;
};

/** The sample's import while it runs; when it ends: a toast, and the tour if it was never closed. */
export function SampleProgress({ onChanged }: { onChanged?: () => void }) {
  const [job, setJob] = useState<ImportJob | null>(null);
  const [jobId, setJobId] = useState(storedJob);
  const toasts = useToasts();
  const refresh = useCallback(() => {
    const id = storedJob();
    setJobId(id);
    if (id === null) return setJob(null);
    api
      .call('captures.importStatus', {})
      .then((r) => {
        // Polls overlap (and the card may have remounted): whoever sees the end first handles it, once.
        if (storedJob() !== id) return;
        const j = r.jobs.find((x) => x.jobId === id) ?? null;
        if (!j || j.state !== 'running') {
          sessionStorage.removeItem(SAMPLE_JOB);
          setJobId(null);
          setJob(null);
          if (j?.state === 'done') {
            toasts.show(j.alreadyImported.length ? 'The sample capture was already open' : `Import done: ${plural(j.alerts, 'alert')} from the sample capture`);
            onChanged?.();
            if (!tourSeen()) navigate('#/overview?tour=1');
          } else if (j) toasts.error(j.error ?? 'The sample capture could not be imported');
          return;
        }
        setJob(j);
      })
      .catch(() => undefined);
  }, [toasts, onChanged]);
  useEffect(refresh, [refresh]);
  useEffect(() => {
    const on = () => refresh();
    window.addEventListener('reconlens:sample-started', on);
    return () => window.removeEventListener('reconlens:sample-started', on);
  }, [refresh]);
  usePoll(refresh, 500, jobId !== null);
  if (jobId === null) return null;
  return (
    <div className="progress">
      Opening the sample capture…
      <progress aria-label="Import progress" max={job?.totalBytes || 1} value={job?.bytes ?? 0} />
      {job ? `${bytes(job.bytes)} / ${bytes(job.totalBytes)}, ${plural(job.alerts, 'alert')} so far` : null}
    </div>
  );
}

export function FirstRun({ onChanged }: { onChanged?: () => void }) {
  const info = useCall('app.info', {});
  const [error, setError] = useState<string | null>(null);
  const openSample = async () => {
    try {
      const { jobId } = await api.call('sample.open', {});
      sessionStorage.setItem(SAMPLE_JOB, String(jobId));
      window.dispatchEvent(new Event('reconlens:sample-started'));
      onChanged?.();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <section className="first-run panel" aria-label="Get started">
      <h1>Find Active Directory reconnaissance in your traffic</h1>
      <p className="muted">
        ReconLens reads pcap and pcapng captures (or a live interface) and flags account enumeration over Kerberos (2003), DNS zone transfers (2007), SMB session
        enumeration (2012) and SAMR user and group queries (2021). Everything stays on this machine.
      </p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => navigate('#/captures?import=1')}>
          Import capture…
        </button>
        <button type="button" onClick={() => void openSample()} disabled={info.data ? !info.data.sampleAvailable : false}>
          Open sample capture
        </button>
        <button type="button" onClick={() => navigate('#/live')}>
          Start live capture
        </button>
      </div>
      <SampleProgress onChanged={onChanged} />
      {info.data && !info.data.sampleAvailable && <p className="muted">The sample capture is not bundled with this build.</p>}
      {error && <p className="field-error">{error}</p>}
    </section>
  );
}

/** After the sample is opened: the first-run card, now offering the tour until it is taken or skipped. */
export function SampleCard({ sampleOpen, onChanged }: { sampleOpen: boolean; onChanged?: () => void }) {
  const [, rerender] = useState(0);
  const hidden = tourSeen(); // read on each render: closing the tour hides this offer too
  const importing = storedJob() !== null;
  if (!importing && (hidden || !sampleOpen)) return null;
  return (
    <section className="panel first-run-offer" aria-label="Get started">
      <SampleProgress onChanged={onChanged} />
      {sampleOpen && !hidden && (
        <>
          <p>
            <b>The sample capture is open:</b> its alerts, badged <span className="tag sample">sample</span>, cover all four detections. A short tour explains each of them.
          </p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => navigate('#/overview?tour=1')}>
              Take the tour
            </button>
            <button
              type="button"
              onClick={() => {
                markTourSeen();
                rerender((n) => n + 1);
              }}
            >
              Not now
            </button>
          </div>
        </>
      )}
    </section>
  );
}
