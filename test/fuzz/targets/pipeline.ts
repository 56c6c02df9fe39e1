/**
 * Whole files through the whole pipeline (reader -> decode -> flow table -> dissectors ->
 * detectors) into the in-memory sink, read from a stream in chunks. The capture must finish
 * (complete) or be refused with a CaptureFormatError; no dissector or detector may hit an
 * internal error; the damage shows in the capture's stats.
 */
import { Readable } from 'node:stream';
import { Engine } from '../../../main/pipeline/engine.ts';
import { PROTOCOL_MODULES } from '../../../main/protocols/index.ts';
import { createDetectors } from '../../../main/detectors/index.ts';
import { memorySink } from '../../helpers/memory-sink.ts';
import { havoc } from '../mutate.ts';
import { hashString } from '../rng.ts';
import { PropertyFailure, isTyped, type Target } from './common.ts';
import { recordMutation } from './records.ts';

export const pipelineTarget: Target = {
  name: 'pipeline-whole-file',
  generate(r, s) {
    const seed = r.pick([...s.pcap, ...s.pcapng]);
    let out = seed;
    const k = r.range(1, 3);
    for (let i = 0; i < k; i++) out = r.bool(0.85) ? recordMutation(out, r) : havoc(out, r, 3);
    return out;
  },
  async run(input) {
    const sink = memorySink();
    const engine = new Engine({ sink, modules: PROTOCOL_MODULES, detectors: createDetectors(), batchPackets: 500 });
    const begun = sink.beginCapture({ file: 'fuzz', size: input.length, sha256: null, live: false });
    const step = 512 + (hashString(`p${input.length}`) % 70_000);
    const parts: Buffer[] = [];
    for (let p = 0; p < input.length; p += step) parts.push(input.subarray(p, p + step));
    try {
      const { stats } = await engine.runCapture({ captureId: begun.id, resumeFromFrame: 0, source: Readable.from(parts), hash: false });
      for (const k of Object.keys(stats.decodeErrors)) if (k.includes('internal error')) throw new PropertyFailure(`internal error counted: ${k}`);
      const damaged = Object.keys(stats.skipped).length + Object.keys(stats.decodeErrors).length + stats.blindSpots.tcpGaps;
      return damaged > 0 ? 'counted' : 'ok';
    } catch (err) {
      if (isTyped(err)) return 'typed';
      throw err;
    }
  },
};
