/** The detection's triage guide: Yes/No questions (a Yes suggests the action), scope, do now. */
import { useState } from 'react';
import type { DetectionId } from '../../main/api/contract.ts';
import { TRIAGE_GUIDES, type Suggestion } from '../../main/api/schema/guides.ts';

export function TriageGuide({ detection, onSuggest, closed }: { detection: DetectionId; onSuggest(s: Suggestion): void; closed: boolean }) {
  const g = TRIAGE_GUIDES[detection];
  const [answers, setAnswers] = useState<Record<number, 'yes' | 'no'>>({});
  const label: Record<Suggestion, string> = { 'close-and-exclude': 'Close and exclude', 'close-btp': 'Close as B-TP…', 'close-fp': 'Close as FP…', investigate: 'Investigate' };
  return (
    <section className="panel guide" aria-labelledby="guide-h">
      <h2 id="guide-h">Triage guide ({detection})</h2>
      <details open>
        <summary>Is it benign? ({g.questions.length} questions)</summary>
        <p className="muted">{g.benign}</p>
        {g.questions.map((q, i) => (
          <div className="q" key={i} role="group" aria-label={q.question}>
            <span>{q.question}</span>
            <span className="answers">
              <button type="button" aria-pressed={answers[i] === 'yes'} onClick={() => setAnswers((a) => ({ ...a, [i]: 'yes' }))}>
                Yes
              </button>
              <button type="button" aria-pressed={answers[i] === 'no'} onClick={() => setAnswers((a) => ({ ...a, [i]: 'no' }))}>
                No
              </button>
            </span>
            {answers[i] === 'yes' && (
              <div className="suggest">
                {q.ifYes}{' '}
                {!closed && q.suggest !== 'investigate' && (
                  <button type="button" onClick={() => onSuggest(q.suggest)}>
                    {label[q.suggest]}
                  </button>
                )}
              </div>
            )}
          </div>
        ))}
        {Object.keys(answers).length === g.questions.length && Object.values(answers).every((a) => a === 'no') && (
          <div className="suggest">No benign explanation: treat it as a true positive and follow "Do now".</div>
        )}
      </details>
      <details>
        <summary>Scope</summary>
        <p>{g.scope}</p>
      </details>
      <details open>
        <summary>Do now</summary>
        <ol>
          {g.doNow.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ol>
      </details>
    </section>
  );
}
