/**
 * The SAMR learning state (DetectorEnv.samrBaseline) over what the store loaded, recording every
 * new learning start and baseline row so that the next batch persists it (runs continue each other).
 */
import type { SamrQueryClass } from '../engine/activity.ts';
import type { SamrBaseline } from '../engine/detector.ts';
import type { Batch, EngineState } from '../engine/sink.ts';

export class StoredSamrBaseline implements SamrBaseline {
  private readonly starts = new Map<string, number>();
  private readonly rows = new Set<string>();
  newStarts: Batch['samrLearningStarts'] = [];
  newRows: Batch['samrBaseline'] = [];

  constructor(state: Pick<EngineState, 'samrLearningStarts' | 'samrBaseline'>) {
    for (const s of state.samrLearningStarts) this.starts.set(s.dc, s.ts);
    for (const r of state.samrBaseline) this.rows.add(`${r.dc}|${r.source}|${r.cls}`);
  }

  learningStart(dc: string): number | undefined {
    return this.starts.get(dc);
  }

  setLearningStart(dc: string, ts: number): void {
    if (this.starts.has(dc)) return;
    this.starts.set(dc, ts);
    this.newStarts.push({ dc, ts });
  }

  has(dc: string, source: string, cls: SamrQueryClass): boolean {
    return this.rows.has(`${dc}|${source}|${cls}`);
  }

  add(dc: string, source: string, cls: SamrQueryClass, ts: number): void {
    const k = `${dc}|${source}|${cls}`;
    if (this.rows.has(k)) return;
    this.rows.add(k);
    this.newRows.push({ dc, source, cls, ts });
  }

  /** Hand the new rows to a batch and start collecting afresh. */
  take(): Pick<Batch, 'samrLearningStarts' | 'samrBaseline'> {
    const out = { samrLearningStarts: this.newStarts, samrBaseline: this.newRows };
    this.newStarts = [];
    this.newRows = [];
    return out;
  }
}
