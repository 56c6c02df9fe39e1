/**
 * Capture readers: pcap, pcapng (fed in chunks of varying size through the RecordFeeder, as the
 * file reader does), gzip through the stream reader, and truncation of small files at every offset.
 */
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { RecordFeeder } from '../../../main/capture/feeder.ts';
import { readCapture } from '../../../main/capture/reader.ts';
import { SkipCounter } from '../../../main/capture/types.ts';
import { havoc, truncate } from '../mutate.ts';
import { hashString } from '../rng.ts';
import type { Seeds } from '../seeds.ts';
import { PropertyFailure, isTyped, typed, type Outcome, type Target } from './common.ts';
import { recordMutation } from './records.ts';

/**
 * Feed bytes in chunks whose sizes follow from the input (deterministic; at least 512 bytes, as no
 * reader hands out less: files are read 4 MiB at a time, streams and gzip in chunks), then end.
 * `whole` feeds one chunk.
 */
export function feedAll(b: Buffer, whole = false): { frames: number; skipped: number } {
  const skips = new SkipCounter();
  let frames = 0;
  const f = new RecordFeeder(() => void frames++, skips);
  const step = whole ? Math.max(1, b.length) : 512 + (hashString(String(b.length)) % 6000);
  for (let p = 0; p < b.length; p += step) f.feed(b.subarray(p, p + step));
  f.end();
  const skipped = Object.values(skips.counts).reduce((a, n) => a + n, 0);
  if (f.parser && frames > f.parser.frames) throw new PropertyFailure(`delivered ${frames} > numbered ${f.parser.frames}`);
  return { frames, skipped };
}

function fileTarget(name: string, list: (s: Seeds) => Buffer[]): Target {
  return {
    name,
    generate(r, s) {
      const seed = r.pick(list(s));
      return r.bool(0.5) ? recordMutation(seed, r) : havoc(seed, r, 6);
    },
    run(input) {
      let out: Outcome = 'ok';
      out = typed(() => {
        const { skipped } = feedAll(input);
        if (skipped > 0) out = 'counted';
      }) === 'typed' ? 'typed' : out;
      return out;
    },
  };
}

export const pcapTarget = fileTarget('pcap', (s) => s.pcap);
export const pcapngTarget = fileTarget('pcapng', (s) => s.pcapng);

export const gzipTarget: Target = {
  name: 'gzip',
  generate(r, s) {
    const inner = r.pick([...s.pcap.slice(0, 6), ...s.pcapng.slice(0, 3)]);
    const z = r.bool(0.3) ? r.pick(s.gzip) : gzipSync(r.bool() ? recordMutation(inner, r) : inner);
    return r.bool(0.7) ? havoc(z, r, 3) : truncate(z, r.int(z.length));
  },
  async run(input) {
    try {
      const res = await readCapture(Readable.from(chunks(input)), { onPacket: () => undefined });
      return Object.keys(res.skips.counts).length ? 'counted' : 'ok';
    } catch (err) {
      if (isTyped(err)) return 'typed';
      throw err;
    }
  },
};

function chunks(b: Buffer): Buffer[] {
  const out: Buffer[] = [];
  const step = 512 + (hashString(`z${b.length}`) % 9000);
  for (let p = 0; p < b.length; p += step) out.push(b.subarray(p, p + step));
  return out;
}

/** One small capture file, read truncated at every offset (the input is the whole file). */
export const truncatedFileTarget: Target = {
  name: 'capture-truncate-every-offset',
  generate(r, s) {
    const small = [...s.pcap, ...s.pcapng].filter((b) => b.length <= 24 * 1024);
    const seed = r.pick(small.length ? small : s.pcap);
    // Every offset of the file is a case of its own: keep the file small (a mutation may grow it).
    return truncate(r.bool(0.3) ? recordMutation(seed, r) : seed, 24 * 1024);
  },
  run(input) {
    let out: Outcome = 'ok';
    for (let at = 0; at <= input.length; at++) if (typed(() => feedAll(truncate(input, at), true)) === 'typed') out = 'typed';
    return out;
  },
};
