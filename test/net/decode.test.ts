/**
 * Packet decode: link types, VLAN tags, IPv4/IPv6 (extension headers), TCP/UDP fields, snaplen
 * cuts, malformed and truncated packets (every offset), bad checksums never dropping a packet.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PacketDecoder } from '../../main/net/decode.ts';
import { ipString } from '../../main/net/address.ts';
import { SkipCounter } from '../../main/capture/types.ts';
import { ethernet, ethTcp, ethUdp, ipv4, ipv6, packetOf, tcpSegment, udpDatagram } from '../helpers/packets.ts';

function decode(data: Buffer, linkType = 1, skips = new SkipCounter()) {
  const dec = new PacketDecoder(skips);
  const p = dec.decode(packetOf(data, linkType));
  if (!p) return { p: null, dec, skips };
  return {
    p: { src: ipString(p.ipVersion, p.addrBuf, p.srcOff), dst: ipString(p.ipVersion, p.addrBuf, p.dstOff), proto: p.proto, sport: p.srcPort, dport: p.dstPort, seq: p.seq, ack: p.ack, flags: p.flags, payload: p.payload.toString(), wireLen: p.wireLen },
    dec,
    skips,
  };
}

const tcp = { src: '10.0.0.1', dst: '10.0.0.2', sport: 50000, dport: 445, seq: 1000, ack: 2000, flags: 'PA', payload: 'hello' };

test('Ethernet / IPv4 / TCP fields', () => {
  const { p } = decode(ethTcp(tcp));
  assert.deepEqual(p, { src: '10.0.0.1', dst: '10.0.0.2', proto: 6, sport: 50000, dport: 445, seq: 1000, ack: 2000, flags: 0x18, payload: 'hello', wireLen: 5 });
});

test('UDP over IPv6, and IPv6 addresses written as tshark writes them', () => {
  const { p } = decode(ethUdp({ src: 'fe80::8c36:6ff:fe44:acaf', dst: '2001:db8:0:0:1:0:0:1', sport: 5353, dport: 53, payload: 'q' }));
  assert.equal(p?.src, 'fe80::8c36:6ff:fe44:acaf');
  assert.equal(p?.dst, '2001:db8::1:0:0:1');
  assert.equal(p?.payload, 'q');
  assert.equal(decode(ethUdp({ src: '::ffff:a01:203', dst: '::1', sport: 1, dport: 2 })).p?.src, '::ffff:10.1.2.3');
});

test('802.1Q and QinQ tags', () => {
  const ip = ipv4('10.0.0.1', '10.0.0.2', 6, tcpSegment(tcp));
  for (const vlans of [[{ id: 5 }], [{ tpid: 0x88a8, id: 100 }, { id: 5 }], [{ tpid: 0x9100, id: 1 }, { id: 2 }]]) {
    assert.equal(decode(ethernet(ip, 0x0800, vlans)).p?.payload, 'hello');
  }
});

test('Linux SLL, SLL2, raw IP, IPv4/IPv6 link types, BSD null and loop', () => {
  const ip4 = ipv4('10.0.0.1', '10.0.0.2', 6, tcpSegment(tcp));
  const ip6 = ipv6('2001:db8::1', '2001:db8::2', 6, tcpSegment(tcp));
  const sll = Buffer.concat([Buffer.from('0000000100060001020304050000', 'hex'), Buffer.from('0800', 'hex'), ip4]);
  const sll2 = Buffer.concat([Buffer.from('86dd0000000000020001040600010203040506070000', 'hex').subarray(0, 20), ip6]);
  const nullLe = Buffer.concat([Buffer.from('02000000', 'hex'), ip4]);
  const nullBe = Buffer.concat([Buffer.from('0000001e', 'hex'), ip6]);
  const loop = Buffer.concat([Buffer.from('00000002', 'hex'), ip4]);
  const cases: [number, Buffer][] = [
    [113, sll],
    [276, sll2],
    [101, ip4],
    [101, ip6],
    [12, ip4],
    [14, ip6],
    [228, ip4],
    [229, ip6],
    [0, nullLe],
    [0, nullBe],
    [108, loop],
  ];
  for (const [lt, data] of cases) assert.equal(decode(data, lt).p?.payload, 'hello', `link type ${lt}`);
});

test('unknown link types and non-IP frames are counted, not fatal', () => {
  const skips = new SkipCounter();
  assert.equal(decode(Buffer.alloc(40), 147, skips).p, null);
  assert.equal(decode(Buffer.alloc(40), 147, skips).p, null);
  assert.deepEqual(skips.counts, { 'unknown-link-type-147': 2 });
  const arp = decode(ethernet(Buffer.alloc(28), 0x0806));
  assert.equal(arp.p, null);
  assert.equal(arp.dec.counters.nonIp, 1);
  assert.deepEqual(arp.skips.counts, {});
});

test('IPv6 extension headers (hop-by-hop, routing, destination options, AH) are walked', () => {
  const seg = tcpSegment(tcp);
  const ext = (next: number, len8: number) => Buffer.concat([Buffer.from([next, len8]), Buffer.alloc(6 + len8 * 8)]);
  const ah = Buffer.concat([Buffer.from([60, 4]), Buffer.alloc(22)]); // (4 + 2) * 4 = 24 bytes
  const body = Buffer.concat([ext(43, 0), ext(51, 1), ah, ext(6, 0), seg]);
  const { p } = decode(ethernet(ipv6('2001:db8::1', '2001:db8::2', 0, body), 0x86dd));
  assert.equal(p?.payload, 'hello');
  assert.equal(p?.dport, 445);
});

test('bad checksums never drop a packet (they are not even read)', () => {
  const frame = ethTcp(tcp);
  frame.writeUInt16BE(0xdead, 14 + 10); // IP header checksum
  frame.writeUInt16BE(0xbeef, 14 + 20 + 16); // TCP checksum
  assert.equal(decode(frame).p?.payload, 'hello');
});

test('snaplen cut: captured payload shorter than what the IP header says was sent', () => {
  const frame = ethTcp({ ...tcp, payload: 'x'.repeat(100) });
  const { p } = decode(frame.subarray(0, 14 + 20 + 20 + 30));
  assert.equal(p?.payload.length, 30);
  assert.equal(p?.wireLen, 100);
});

test('Ethernet padding is not payload; IP total length 0 (segmentation offload) uses the frame', () => {
  const padded = Buffer.concat([ethTcp({ ...tcp, payload: '' }), Buffer.alloc(6)]);
  assert.equal(decode(padded).p?.payload, '');
  const tso = ethTcp(tcp);
  tso.writeUInt16BE(0, 14 + 2);
  assert.equal(decode(tso).p?.payload, 'hello');
});

test('every truncation of a TCP and a UDP frame decodes or is counted, never throws', () => {
  for (const frame of [ethTcp(tcp), ethUdp({ src: '10.0.0.1', dst: '10.0.0.2', sport: 1, dport: 53, payload: 'abc' }), ethTcp({ ...tcp, src: '2001:db8::1', dst: '2001:db8::2' })]) {
    for (let cut = 0; cut <= frame.length; cut++) {
      const skips = new SkipCounter();
      const { p } = decode(frame.subarray(0, cut), 1, skips);
      if (p === null) assert.equal(Object.values(skips.counts).reduce((a, b) => a + b, 0), 1, `cut ${cut}`);
    }
  }
});

test('malformed headers: IHL below 5, TCP data offset below 5 or past the end, absurd lengths', () => {
  const frame = ethTcp(tcp);
  const ihl = Buffer.from(frame);
  ihl[14] = 0x43;
  assert.deepEqual(decode(ihl).skips.counts, { 'malformed-ip-header': 1 });
  const doff = Buffer.from(frame);
  doff[14 + 20 + 12] = 0x20;
  assert.deepEqual(decode(doff).skips.counts, { 'truncated-tcp-header': 1 });
  const big = Buffer.from(frame);
  big[14 + 20 + 12] = 0xf0; // 60-byte header in a 25-byte segment
  assert.deepEqual(decode(big).skips.counts, { 'truncated-tcp-header': 1 });
  const len = Buffer.from(frame);
  len.writeUInt16BE(65535, 14 + 2);
  assert.equal(decode(len).p?.payload, 'hello');
  const udp = ethUdp({ src: '10.0.0.1', dst: '10.0.0.2', sport: 1, dport: 53, payload: 'abc' });
  udp.writeUInt16BE(60000, 14 + 20 + 4);
  assert.equal(decode(udp).p?.payload, 'abc');
  void udpDatagram;
});
