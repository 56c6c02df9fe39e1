/**
 * A deterministic stand-in for the engine: batches of activities and alert updates as a pipeline
 * would hand them to the sink, including evidence emitted in earlier batches, names, roles and SAMR
 * learning. Fresh objects on every call, like a new engine run.
 */
import type { Activity } from '../../main/engine/activity.ts';
import type { AlertUpdate } from '../../main/engine/detector.ts';
import type { Batch, Sink } from '../../main/engine/sink.ts';
import { guess, resetFrames, samrCall, sessionEnum, stats, update, zoneTransfer, S, T0 } from './helpers.ts';

const HOUR = 3600 * S;

/** `offset` shifts all packet times (a second file of the same story). */
export function scenarioBatches(captureId: number, batches = 12, offset = 0): Batch[] {
  resetFrames(1);
  const out: Batch[] = [];
  let carried: Activity[] = [];
  for (let b = 0; b < batches; b++) {
    // Every third batch jumps beyond the merge window: a new alert for the same key.
    const base = T0 + offset + b * 10 * 60 * S + Math.floor(b / 3) * 30 * HOUR;
    const src = `10.0.1.${(b % 4) + 1}`;
    const acts: Activity[] = [];
    const updates: AlertUpdate[] = [];
    const guesses = Array.from({ length: 6 }, (_, i) => guess(src, '10.0.0.10', `user${b}_${i}`, base + i * S, i === 0 ? 'exists' : 'unknown'));
    acts.push(...guesses);
    // A 2003 update whose evidence spans this batch and the previous one (linked across batches).
    updates.push(update('2003', [...carried, ...guesses]));
    carried = guesses;
    const sess = sessionEnum(src, '10.0.0.10', `admin${b % 2}`, base + 20 * S, [{ client: '10.0.2.9', user: `victim${b}` }]);
    acts.push(sess);
    updates.push(update('2012', [sess]));
    if (b % 5 === 0) {
      const x = zoneTransfer(src, '10.0.0.53', 'corp.local', base + 30 * S);
      acts.push(x);
      updates.push(update('2007', [x]));
    }
    const s = samrCall(src, '10.0.0.10', 'admin0', base + 40 * S);
    acts.push(s);
    if (b >= 6) updates.push({ ...update('2021', [s]), note: { newClasses: ['members-sensitive-group'] } });
    out.push({
      captureId,
      activities: acts,
      alertUpdates: updates,
      names: [{ ip: src, name: `WS-${(b % 4) + 1}`, source: 'dns', ts: base }],
      roles: b === 0 ? [{ ip: '10.0.0.10', role: 'dc', source: 'kerberos-answer', ts: base }] : [],
      samrLearningStarts: b === 0 ? [{ dc: '10.0.0.10', ts: base }] : [],
      samrBaseline: b < 6 ? [{ dc: '10.0.0.10', source: src, cls: 'members-sensitive-group', ts: base + 40 * S }] : [],
      progress: { packets: (b + 1) * 100, bytes: (b + 1) * 10_000, lastFrame: (b + 1) * 100 },
    });
  }
  return out;
}

/** Imports the scenario through a sink; `stopAfter` batches simulates a process killed mid-import. */
export function importScenario(sink: Sink, sha256: string | null, opts: { stopAfter?: number; offset?: number; file?: string; hashAtEnd?: string } = {}) {
  const begun = sink.beginCapture({ file: opts.file ?? 'scenario.pcapng', size: 123_456, sha256, live: false });
  if (begun.alreadyComplete) return { ...begun, finished: false, result: undefined };
  const batches = scenarioBatches(begun.id, 12, opts.offset ?? 0);
  for (const [i, b] of batches.entries()) {
    if (opts.stopAfter !== undefined && i >= opts.stopAfter) return { ...begun, finished: false, result: undefined };
    sink.writeBatch(b);
  }
  if (opts.hashAtEnd) sink.setCaptureHash(begun.id, opts.hashAtEnd);
  const result = sink.finishCapture(begun.id, 'complete', stats(1200));
  return { ...begun, finished: true, result };
}
