/** Flow table: client/server, dispatch per port, dynamic RPC ports, ends, eviction, errors contained. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FlowTable } from '../../main/flow/flow-table.ts';
import { FLOW_LIMITS } from '../../main/flow/limits.ts';
import { PacketDecoder } from '../../main/net/decode.ts';
import { SkipCounter } from '../../main/capture/types.ts';
import { EngineContext } from '../../main/pipeline/context.ts';
import { DecodeError } from '../../main/util/cursor.ts';
import type { ProtocolModule } from '../../main/engine/dissector.ts';
import { ethTcp, ethUdp, packetOf, type TcpSpec } from '../helpers/packets.ts';
import { recordingModule } from '../helpers/recording-module.ts';

function setup(modules: ProtocolModule[]) {
  const ctx = new EngineContext({ roles: [], names: [] });
  const flows = new FlowTable(modules, ctx);
  ctx.onRpcPort = (ip, port) => flows.learnRpcPort(ip, port);
  const dec = new PacketDecoder(new SkipCounter());
  let frame = 0;
  const feed = (data: Buffer, ts = frame * 1000) => {
    frame++;
    const p = dec.decode(packetOf(data, 1, frame, ts));
    if (p) flows.handle(p, frame, ts);
  };
  return { ctx, flows, feed };
}

const C = '10.0.0.5';
const S = '10.0.0.10';
const t = (s: Partial<TcpSpec>): Buffer => ethTcp({ src: C, dst: S, sport: 50000, dport: 445, ...s });
const r = (s: Partial<TcpSpec>): Buffer => ethTcp({ src: S, dst: C, sport: 445, dport: 50000, ...s });

test('a full connection: SYN decides the client, bytes per direction, FIN from both ends it', () => {
  const m = recordingModule({ tcpPorts: [445] });
  const { feed, flows } = setup([m]);
  feed(t({ flags: 'S', seq: 100 }));
  feed(r({ flags: 'SA', seq: 500, ack: 101 }));
  feed(t({ seq: 101, ack: 501, payload: 'hello' }));
  feed(r({ seq: 501, ack: 106, payload: 'world' }));
  feed(t({ flags: 'FA', seq: 106, ack: 506 }));
  feed(r({ flags: 'FA', seq: 506, ack: 107 }));
  assert.equal(m.opened.length, 1);
  assert.deepEqual(m.opened[0]!.conv, { transport: 'tcp', clientIp: C, clientPort: 50000, serverIp: S, serverPort: 445 });
  assert.deepEqual(m.opened[0]!.events, ['open', 'c:hello@3', 's:world@4', 'end@6']);
  assert.equal(flows.liveFlows, 0);
  assert.equal(flows.protocols['test'], 6);
});

test('mid-stream start, server speaks first: the well-known port decides the roles', () => {
  const m = recordingModule({ tcpPorts: [445] });
  const { feed } = setup([m]);
  feed(r({ seq: 9000, payload: 'late' }));
  feed(t({ seq: 7000, payload: 'req' }));
  feed(r({ flags: 'R', seq: 9004 }));
  assert.equal(m.opened[0]!.conv.clientIp, C);
  assert.deepEqual(m.opened[0]!.events, ['open', 's:late@1', 'c:req@2', 'end@3']);
});

test('ports nobody wants are counted and dropped; pure ACKs of unknown connections open nothing', () => {
  const m = recordingModule({ tcpPorts: [445] });
  const { feed, flows } = setup([m]);
  feed(ethTcp({ src: C, dst: S, sport: 40000, dport: 443, payload: 'tls' }));
  feed(ethUdp({ src: C, dst: S, sport: 40000, dport: 123, payload: 'ntp' }));
  feed(t({ flags: 'A', seq: 1 }));
  assert.equal(flows.counters.ignored, 2);
  assert.equal(m.opened.length, 0);
});

test('a gap is told to the dissector and counted as a tcpGap blind spot for the pair', () => {
  const m = recordingModule({ tcpPorts: [445] });
  const { feed, ctx } = setup([m]);
  feed(t({ flags: 'S', seq: 0 }));
  feed(t({ seq: 1, payload: 'ab' }));
  feed(t({ seq: 10, payload: 'xy' }));
  feed(r({ flags: 'A', seq: 1, ack: 12 }));
  assert.deepEqual(m.opened[0]!.events, ['open', 'c:ab@2', 'c:gap 7', 'c:xy@4']);
  assert.equal(ctx.blindSpots.tcpGaps, 1);
  assert.deepEqual(ctx.blindSpotPairs[`${C}>${S}`], { tcpGap: 1 });
});

test('dynamic RPC ports learned from the endpoint mapper go to the dcerpc module, for that server only', () => {
  const epm = recordingModule({ name: 'epm', tcpPorts: [135], onData: (ctx, conv, fromClient) => !fromClient && ctx.learnRpcPort(conv.serverIp, 49667) });
  const rpc = recordingModule({ name: 'dcerpc', dynamicTcp: 'dcerpc' });
  const { feed } = setup([epm, rpc]);
  feed(ethTcp({ src: C, dst: S, sport: 50001, dport: 49667, payload: 'early' }));
  feed(ethTcp({ src: C, dst: S, sport: 50002, dport: 135, payload: 'map?' }));
  feed(ethTcp({ src: S, dst: C, sport: 135, dport: 50002, payload: 'port 49667' }));
  feed(ethTcp({ src: C, dst: S, sport: 50003, dport: 49667, payload: 'bind' }));
  feed(ethTcp({ src: C, dst: '10.0.0.99', sport: 50004, dport: 49667, payload: 'other host' }));
  assert.equal(rpc.opened.length, 1);
  assert.equal(rpc.opened[0]!.conv.serverPort, 49667);
  assert.deepEqual(rpc.opened[0]!.events, ['open', 'c:bind@4']);
});

test('UDP: one dissector per 4-tuple, direction by the well-known port, idle ones end', () => {
  const m = recordingModule({ udpPorts: [53] });
  const { feed, flows } = setup([m]);
  feed(ethUdp({ src: S, dst: C, sport: 53, dport: 5000, payload: 'answer-first' }), 0);
  feed(ethUdp({ src: C, dst: S, sport: 5000, dport: 53, payload: 'q' }), 1);
  feed(ethUdp({ src: C, dst: S, sport: 5001, dport: 53, payload: 'q2' }), 2);
  assert.equal(m.opened.length, 2);
  assert.deepEqual(m.opened[0]!.events, ['open', 's:answer-first@1', 'c:q@2']);
  assert.equal(m.opened[0]!.conv.clientPort, 5000);
  feed(ethUdp({ src: C, dst: S, sport: 5002, dport: 53, payload: 'much later' }), FLOW_LIMITS.udpIdleUs + 10);
  assert.equal(m.opened[0]!.events.at(-1), 'end@4');
  assert.equal(flows.liveFlows, 1);
});

test('idle TCP connections are ended in packet time, holes flushed', () => {
  const m = recordingModule({ tcpPorts: [88] });
  const { feed } = setup([m]);
  feed(ethTcp({ src: C, dst: S, sport: 40000, dport: 88, seq: 1, payload: 'a' }), 0);
  feed(ethTcp({ src: C, dst: S, sport: 40000, dport: 88, seq: 5, payload: 'e' }), 1);
  feed(ethTcp({ src: C, dst: S, sport: 40001, dport: 88, seq: 1, payload: 'new' }), FLOW_LIMITS.tcpIdleUs + 10);
  assert.deepEqual(m.opened[0]!.events, ['open', 'c:a@1', 'c:gap 3', 'c:e@3', 'end@3']);
});

test('a new SYN on the same 4-tuple ends the old connection (port reuse)', () => {
  const m = recordingModule({ tcpPorts: [445] });
  const { feed } = setup([m]);
  feed(t({ flags: 'S', seq: 100 }));
  feed(t({ seq: 101, payload: 'one' }));
  feed(t({ flags: 'S', seq: 90000 }));
  feed(t({ seq: 90001, payload: 'two' }));
  assert.equal(m.opened.length, 2);
  assert.deepEqual(m.opened[0]!.events, ['open', 'c:one@2', 'end@3']);
  assert.deepEqual(m.opened[1]!.events, ['open', 'c:two@4']);
});

test('dissector errors are contained: DecodeError counted, a bug drops only that conversation', () => {
  const m = recordingModule({
    tcpPorts: [445],
    udpPorts: [53],
    throwOn: { text: 'boom', error: () => new Error('bug') },
  });
  const d = recordingModule({ name: 'dec', tcpPorts: [88], throwOn: { text: 'bad', error: () => new DecodeError(3, 'bad length') } });
  const { feed, ctx } = setup([m, d]);
  feed(t({ seq: 1, payload: 'boom' }));
  feed(t({ seq: 5, payload: 'after' }));
  feed(ethTcp({ src: C, dst: S, sport: 40000, dport: 88, seq: 1, payload: 'bad' }));
  feed(ethTcp({ src: C, dst: S, sport: 40000, dport: 88, seq: 4, payload: 'good' }));
  feed(ethTcp({ src: C, dst: S, sport: 50001, dport: 445, seq: 1, payload: 'fine' }));
  assert.deepEqual(ctx.decodeErrors, { 'test: internal error: bug': 1, 'dec: bad length': 1 });
  assert.deepEqual(m.opened[0]!.events, ['open']);
  assert.deepEqual(d.opened[0]!.events, ['open', 'c:good@4']);
  assert.deepEqual(m.opened[1]!.events, ['open', 'c:fine@5']);
});

test('endAll ends every conversation once', () => {
  const m = recordingModule({ tcpPorts: [445], udpPorts: [53] });
  const { feed, flows } = setup([m]);
  feed(t({ seq: 1, payload: 'x' }));
  feed(ethUdp({ src: C, dst: S, sport: 5000, dport: 53, payload: 'q' }));
  flows.endAll({ frame: 9, ts: 9 });
  flows.endAll(null);
  assert.deepEqual(
    m.opened.map((o) => o.events.at(-1)),
    ['end@9', 'end@9'],
  );
});
