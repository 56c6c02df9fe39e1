/** A live capture on a pipe: batches written on the timer before the stream ends; stop = interrupted. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { once } from 'node:events';
import { analyzeLive } from '../../main/pipeline/live.ts';
import { memorySink } from '../helpers/memory-sink.ts';
import { recordingModule } from '../helpers/recording-module.ts';
import { writePcapng } from '../helpers/pcap-writer.ts';
import { ethUdp } from '../helpers/packets.ts';
import type { KerberosAsActivity } from '../../main/engine/activity.ts';

const udp = (payload: string) => ethUdp({ src: '10.0.0.5', dst: '10.0.0.10', sport: 5000, dport: 88, payload });
const module = () =>
  recordingModule({
    udpPorts: [88],
    onData: (ctx, conv, _c, data, frame, ts) => {
      const a: KerberosAsActivity = { kind: 'krb-as', ts, frames: [frame], src: conv.clientIp, dst: conv.serverIp, transport: 'udp', cname: data.toString(), realm: 'R', sname: 'krbtgt', etypes: [], padataTypes: [], answer: { type: 'none' }, outcome: 'unknown' };
      ctx.emit(a);
    },
  });

test('activities reach the sink on the timer while the stream is still open', async () => {
  const sink = memorySink();
  const pipe = new PassThrough();
  const bytes = writePcapng([{ data: udp('first') }, { data: udp('second') }]);
  const flushed = new PassThrough({ objectMode: true });
  const run = analyzeLive(pipe, { sink, name: 'live:test', modules: [module()], detectors: [], flushEveryMs: 5, onFlush: () => flushed.write('x') });
  pipe.write(bytes.subarray(0, bytes.length - 3)); // the last block is incomplete: only "first" is whole
  for (;;) {
    await once(flushed, 'data');
    if (sink.activities.length > 0) break;
  }
  assert.deepEqual(sink.activities.map((a) => (a.kind === 'krb-as' ? a.cname : '')), ['first']);
  assert.equal(sink.captures[0]?.live, true);
  pipe.end(bytes.subarray(bytes.length - 3));
  const out = await run;
  assert.equal(out.status, 'complete');
  assert.deepEqual(sink.activities.map((a) => (a.kind === 'krb-as' ? a.cname : '')), ['first', 'second']);
  assert.equal(sink.captures[0]?.stats?.packets, 2);
});

test('stopping a live capture marks it interrupted and keeps what was read', async () => {
  const sink = memorySink();
  const pipe = new PassThrough();
  const stop = new AbortController();
  const progressed = new PassThrough({ objectMode: true });
  const run = analyzeLive(pipe, { sink, name: 'live:test', modules: [module()], detectors: [], signal: stop.signal, onProgress: (p) => progressed.write(p) });
  pipe.write(writePcapng([{ data: udp('only') }]));
  await once(progressed, 'data');
  stop.abort();
  const out = await run;
  assert.equal(out.status, 'interrupted');
  assert.equal(sink.captures[0]?.status, 'interrupted');
  assert.equal(sink.activities.length, 1);
});

test('a pipe that does not carry a capture is refused with the reason', async () => {
  const sink = memorySink();
  const pipe = new PassThrough();
  const run = analyzeLive(pipe, { sink, name: 'live:test', modules: [module()], detectors: [] });
  pipe.end('tcpdump: eth0: No such device exists\n');
  const out = await run;
  assert.equal(out.status, 'refused');
  assert.equal(out.reason, 'not a capture file (looks like text)');
  assert.equal(sink.captures[0]?.status, 'failed');
});
