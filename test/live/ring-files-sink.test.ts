/** A live capture with a ring buffer hands the ring's files and frame ranges to the store with each batch. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CaptureFileRange, BatchWithFiles } from '../../db/capture-files.ts';
import type { Batch, Sink } from '../../main/engine/sink.ts';
import { withRingFiles } from '../../main/live/live-capture.ts';

const batch = (): Batch => ({ captureId: 1, activities: [], alertUpdates: [], names: [], roles: [], samrLearningStarts: [], samrBaseline: [], progress: { packets: 0, bytes: 0, lastFrame: 0 } });

test('each batch carries the ring files that are new or grew; a refused batch sends them again', () => {
  let ranges: CaptureFileRange[] = [{ path: 'a', firstFrame: 1, lastFrame: 10 }];
  const seen: (readonly CaptureFileRange[] | undefined)[] = [];
  let refuse = false;
  const inner = {
    writeBatch: (b: Batch) => {
      seen.push((b as BatchWithFiles).captureFiles);
      if (refuse) throw new Error('refused');
      return [];
    },
  } as unknown as Sink;
  const sink = withRingFiles(inner, { ranges: () => ranges.map((r) => ({ ...r })) });
  sink.writeBatch(batch());
  sink.writeBatch(batch()); // nothing changed
  ranges = [{ path: 'a', firstFrame: 1, lastFrame: 12 }, { path: 'b', firstFrame: 13, lastFrame: 15 }];
  refuse = true;
  assert.throws(() => sink.writeBatch(batch()));
  refuse = false;
  ranges = [{ path: 'b', firstFrame: 13, lastFrame: 15 }]; // 'a' rotated away: its stored row stays as it was
  sink.writeBatch(batch());
  assert.deepEqual(seen, [
    [{ path: 'a', firstFrame: 1, lastFrame: 10 }],
    [],
    [{ path: 'a', firstFrame: 1, lastFrame: 12 }, { path: 'b', firstFrame: 13, lastFrame: 15 }],
    [{ path: 'b', firstFrame: 13, lastFrame: 15 }],
  ]);
});
