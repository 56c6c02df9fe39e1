/**
 * A bug in link/IP/TCP decoding must cost one counted, skipped packet, never the import: the engine
 * guards the per-packet decode (dissectors are guarded inside the flow table). Simulated by making
 * the decoder throw on one frame of a real capture.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PacketDecoder } from '../../main/net/decode.ts';
import { analyzeFiles } from '../../main/pipeline/analyze.ts';
import { corpusPath } from '../helpers/paths.ts';
import { memorySink } from '../helpers/memory-sink.ts';

test('an exception while decoding one packet is counted as internal-decode-error and the import completes', async () => {
  const original = PacketDecoder.prototype.decode;
  PacketDecoder.prototype.decode = function (this: PacketDecoder, pkt: Parameters<typeof original>[0]) {
    if (pkt.frame === 3) throw new RangeError('simulated decoder bug');
    return original.call(this, pkt);
  };
  try {
    const sink = memorySink();
    await analyzeFiles([corpusPath('zeek/kinit.pcap')], { sink });
    const capture = sink.captures[0]!;
    assert.equal(capture.status, 'complete');
    assert.equal(capture.stats?.skipped['internal-decode-error'], 1);
    assert.deepEqual(capture.stats?.skippedFrames['internal-decode-error'], [3]);
    assert.ok((capture.stats?.packets ?? 0) > 3, 'the packets after the bad one were read');
  } finally {
    PacketDecoder.prototype.decode = original;
  }
});
