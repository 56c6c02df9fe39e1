/**
 * The guided tour of the four detections (Help › Tour opens #/overview?tour=1): a dialog "Tour",
 * one step per detection with what it means in plain words, the sample's alert for it, the triage
 * guide's first question and what Close and exclude does. Next / Back / Close; Esc closes.
 */
import { useEffect, useRef, useState } from 'react';
import { TRIAGE_GUIDES } from '../../main/api/schema/guides.ts';
import { DetBadge } from '../components/Detection.tsx';
import { Dialog } from '../components/Dialog.tsx';
import { useCall } from '../hooks/useCall.ts';
import { markTourSeen, TOUR_STEPS } from './tour.ts';

export function Tour({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [step, setStep] = useState(0);
  const overview = useCall('overview.get', {}, { skip: !open });
  const next = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) setStep(0);
  }, [open]);
  const close = () => {
    markTourSeen();
    onClose();
  };
  const s = TOUR_STEPS[step] ?? TOUR_STEPS[0];
  if (!s) return null;
  const last = step === TOUR_STEPS.length - 1;
  const sample = overview.data?.sample ?? null;
  const alertId = sample?.alerts[s.id];
  const guide = TRIAGE_GUIDES[s.id];
  return (
    <Dialog title="Tour" open={open} onClose={close} className="tour">
      <div aria-live="polite" aria-atomic="true">
        <p className="muted tour-step">
          Step {step + 1} of {TOUR_STEPS.length}
        </p>
        <h3 id="tour-step-h">
          <DetBadge id={s.id} /> {s.title}
        </h3>
        <p>{s.plain}</p>
        <p>
          {alertId !== undefined ? (
            <a href={`#/alerts/${alertId}`} onClick={markTourSeen}>
              Open the sample&apos;s {s.id} alert (#{alertId})
            </a>
          ) : sample ? (
            <span className="muted">The sample has no {s.id} alert any more (closed alerts stay listed under Alerts › All).</span>
          ) : (
            <span className="muted">Open the sample capture from the Overview to see a {s.id} alert here.</span>
          )}
        </p>
        <p>
          <b>Is it benign?</b> The triage guide&apos;s first question: <i>{guide.questions[0]?.question}</i>
        </p>
        <p className="muted">
          When it is benign, <b>Close and exclude</b> closes the alert as B-TP and stops new {s.id} alerts from that source, in one step; the toast offers Undo.
        </p>
      </div>
      <div className="dialog-actions">
        <button type="button" className="ghost" onClick={close}>
          Close
        </button>
        <span className="spacer" />
        <button
          type="button"
          disabled={step === 0}
          onClick={() => {
            setStep((n) => Math.max(0, n - 1));
            if (step === 1) next.current?.focus(); // Back turns disabled on the first step: keep focus in the dialog
          }}
        >
          Back
        </button>
        <button ref={next} type="button" className="primary" onClick={() => (last ? close() : setStep((n) => n + 1))}>
          {last ? 'Done' : 'Next'}
        </button>
      </div>
    </Dialog>
  );
}
