/** The frame -> file mapping of live captures with a ring buffer (table capture_files, db/capture-files.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureFiles, locateFrames, type BatchWithFiles, type CaptureFileRange } from '../../db/capture-files.ts';
import { deleteCapture } from '../../db/captures.ts';
import { SinkError } from '../../db/sink.ts';
import { batch, countingSummarizers, guess, stats, T0, tempStore } from './helpers.ts';

const ring: CaptureFileRange[] = [
  { path: '/r/live-0001.pcapng', firstFrame: 1, lastFrame: 40 },
  { path: '/r/live-0002.pcapng', firstFrame: 41, lastFrame: 95 },
  { path: '/r/live-0003.pcapng', firstFrame: 96, lastFrame: 120 },
];

test('frames map to the ring file that holds them, in frame order', () => {
  const r = locateFrames(ring, [96, 3, 41, 40, 1, 120, 3], () => true);
  assert.deepEqual(
    r.files.map((f) => [f.file.path, f.frames]),
    [
      ['/r/live-0001.pcapng', [1, 3, 40]],
      ['/r/live-0002.pcapng', [41]],
      ['/r/live-0003.pcapng', [96, 120]],
    ],
  );
  assert.deepEqual(r.missing, []);
});

test('frames of a file the ring deleted, or of no file, are missing; the rest still map', () => {
  const exists = (p: string) => p !== '/r/live-0001.pcapng';
  const r = locateFrames(ring, [5, 39, 50, 121, 0, -2], exists);
  assert.deepEqual(r.missing, [5, 39, 121]);
  assert.deepEqual(r.files.map((f) => [f.file.path, f.frames]), [['/r/live-0002.pcapng', [50]]]);
  // A file is checked once, however many frames it holds.
  let checks = 0;
  locateFrames(ring, [1, 2, 3, 4], () => (checks++, false));
  assert.equal(checks, 1);
  assert.deepEqual(locateFrames([], [1, 2], () => true), { files: [], missing: [1, 2] });
});

test('the sink stores the ring files a batch carries in the batch transaction; ranges grow, deleted files stay', () => {
  const t = tempStore();
  try {
    const sink = t.store.createSink(countingSummarizers());
    const { id } = sink.beginCapture({ file: 'live:veth0@2026-12-04T20:00:00Z', size: 0, sha256: null, live: true });
    const b1: BatchWithFiles = { ...batch(id, [guess('10.0.0.66', '10.0.0.10', 'bob', T0)]), captureFiles: [{ path: '/r/a-0001.pcapng', firstFrame: 1, lastFrame: 30 }] };
    sink.writeBatch(b1);
    assert.deepEqual(captureFiles(t.store.db, id), [{ path: '/r/a-0001.pcapng', firstFrame: 1, lastFrame: 30 }]);
    // The first file rotated away and is no longer listed by the ring: its row stays.
    const b2: BatchWithFiles = {
      ...batch(id, []),
      captureFiles: [
        { path: '/r/a-0002.pcapng', firstFrame: 41, lastFrame: 80 },
        { path: '/r/a-0003.pcapng', firstFrame: 81, lastFrame: 90 },
      ],
    };
    sink.writeBatch(b2);
    const b3: BatchWithFiles = { ...batch(id, []), captureFiles: [{ path: '/r/a-0003.pcapng', firstFrame: 81, lastFrame: 99 }] };
    sink.writeBatch(b3);
    assert.deepEqual(
      captureFiles(t.store.db, id).map((f) => `${f.path} ${f.firstFrame}-${f.lastFrame}`),
      ['/r/a-0001.pcapng 1-30', '/r/a-0002.pcapng 41-80', '/r/a-0003.pcapng 81-99'],
    );
    // A batch that is refused (the capture is finished) writes none of its files either.
    sink.finishCapture(id, 'complete', stats());
    const late: BatchWithFiles = { ...batch(id, []), captureFiles: [{ path: '/r/a-0004.pcapng', firstFrame: 100, lastFrame: 110 }] };
    assert.throws(() => sink.writeBatch(late), SinkError);
    assert.equal(captureFiles(t.store.db, id).length, 3);
    // A file import has no rows; deleting the live capture removes its rows.
    const other = sink.beginCapture({ file: 'c.pcap', size: 1, sha256: 'f'.repeat(64), live: false });
    assert.deepEqual(captureFiles(t.store.db, other.id), []);
    deleteCapture(t.store.db, id, countingSummarizers());
    assert.equal(t.store.db.prepare('SELECT count(*) FROM capture_files').pluck().get(), 0);
  } finally {
    t.done();
  }
});

test('deleting a live capture removes its ring files from disk; an imported file is never touched', () => {
  const t = tempStore();
  const dir = mkdtempSync(join(tmpdir(), 'reconlens-ring-'));
  try {
    const ring = [join(dir, 'live-0001.pcapng'), join(dir, 'live-0002.pcapng')];
    const imported = join(dir, 'evidence.pcap');
    for (const f of [...ring, imported]) writeFileSync(f, 'x');
    const sink = t.store.createSink(countingSummarizers());
    const live = sink.beginCapture({ file: 'live:eth1@2026-12-04T20:00:00Z', size: 0, sha256: null, live: true });
    sink.writeBatch({ ...batch(live.id, [guess('10.0.0.66', '10.0.0.10', 'bob', T0)]), captureFiles: [{ path: ring[0]!, firstFrame: 1, lastFrame: 10 }, { path: ring[1]!, firstFrame: 11, lastFrame: 20 }] } as BatchWithFiles);
    sink.finishCapture(live.id, 'complete', stats());
    const file = sink.beginCapture({ file: imported, size: 1, sha256: 'e'.repeat(64), live: false });
    sink.finishCapture(file.id, 'complete', stats());
    assert.equal(deleteCapture(t.store.db, live.id, countingSummarizers()).ringFilesRemoved, 2);
    assert.deepEqual(ring.map((f) => existsSync(f)), [false, false]);
    deleteCapture(t.store.db, file.id, countingSummarizers());
    assert.ok(existsSync(imported), 'the analyst\'s own capture file stays');
  } finally {
    t.done();
    rmSync(dir, { recursive: true, force: true });
  }
});
