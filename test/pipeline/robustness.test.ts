/**
 * Damaged captures through the whole engine with the real dissectors and detectors: corpus files
 * with flipped bytes, cut short, or with bytes inserted. Every run ends (no crash, no hang): the
 * file is analysed with counted damage, or refused with a reason.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { analyzeFiles } from '../../main/pipeline/analyze.ts';
import { memorySink } from '../helpers/memory-sink.ts';
import { corpusPath } from '../helpers/paths.ts';
import { writeCaptureFile } from '../helpers/pcap-writer.ts';

const FILES = ['zeek/kinit.pcap', 'samr-enum-lab/rpcclient_querygroupmem.pcapng', 'suricata-verify/20171220_smb_net_user.pcap', 'zeek/smb3.pcap', 'suricata-verify/krb5-frag.pcap'];

type Mutation = { kind: 'flip'; at: number; xor: number }[] | { kind: 'cut'; at: number } | { kind: 'insert'; at: number; bytes: number[] };

function mutate(b: Buffer, m: Mutation): Buffer {
  if (Array.isArray(m)) {
    const out = Buffer.from(b);
    for (const f of m) {
      const i = f.at % out.length;
      out[i] = (out[i] ?? 0) ^ f.xor;
    }
    return out;
  }
  if (m.kind === 'cut') return b.subarray(0, m.at % b.length);
  const at = m.at % b.length;
  return Buffer.concat([b.subarray(0, at), Buffer.from(m.bytes), b.subarray(at)]);
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.array(fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }), { minLength: 1, maxLength: 40 }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 64 }) }),
);

for (const rel of FILES) {
  test(`damaged ${rel}: analysed or refused, never a crash`, async () => {
    const original = readFileSync(corpusPath(rel));
    const internal: string[] = [];
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const file = writeCaptureFile('damaged.pcap', mutate(original, m));
        const sink = memorySink();
        const r = await analyzeFiles([file], { sink, hooks: { onInternalError: (p, e) => internal.push(`${p}: ${e instanceof Error ? e.stack : String(e)}`) } });
        const c = r.captures[0]!;
        assert.ok(c.status === 'complete' || (c.status === 'refused' && typeof c.reason === 'string'), JSON.stringify(c));
      }),
      { numRuns: 25, seed: 20261204 },
    );
    if (internal.length) console.log(`# dissector bugs caught and contained (${internal.length}):\n# ${internal.slice(0, 3).join('\n# ')}`);
  });
}
