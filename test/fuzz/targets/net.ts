/**
 * Packet decode (link -> IP -> TCP/UDP), IPv4/IPv6 fragment reassembly under floods, and TCP
 * reassembly under overlapping, duplicated and endlessly out-of-order segments, each checked
 * against its caps after every packet.
 */
import { PacketDecoder } from '../../../main/net/decode.ts';
import { MAX_BYTES, MAX_DATAGRAMS } from '../../../main/net/fragments.ts';
import { SkipCounter } from '../../../main/capture/types.ts';
import { TcpConnection } from '../../../main/flow/tcp-connection.ts';
import { newBudget } from '../../../main/flow/limits.ts';
import { PROTOCOL_MODULES } from '../../../main/protocols/index.ts';
import { packetOf, ipv4, ipv6, tcpSegment, udpDatagram } from '../../helpers/packets.ts';
import { havoc } from '../mutate.ts';
import type { Rng } from '../rng.ts';
import { decodeSeq, encodeSeq, type Message } from '../sequence.ts';
import { PropertyFailure, checkContext, newContext, type Outcome, type Target } from './common.ts';

const LINK_TYPES = [0, 1, 12, 101, 108, 113, 228, 229, 276, 147];

/** Re-frame an Ethernet frame's IP packet under another link header. */
function relink(r: Rng, eth: Buffer): { lt: number; data: Buffer } {
  const type = eth.length >= 14 ? eth.readUInt16BE(12) : 0x0800;
  const ip = eth.subarray(14);
  const lt = r.pick(LINK_TYPES);
  const et = Buffer.alloc(2);
  et.writeUInt16BE(type);
  switch (lt) {
    case 1: {
      const tags = r.int(12);
      const vlan = Buffer.alloc(4 * tags);
      for (let i = 0; i < tags; i++) vlan.writeUInt32BE(((r.pick([0x8100, 0x88a8, 0x9100]) << 16) | r.int(4096)) >>> 0, 4 * i);
      return { lt, data: Buffer.concat([eth.subarray(0, 12), vlan, et, ip]) };
    }
    case 113:
      return { lt, data: Buffer.concat([Buffer.alloc(14), et, ip]) };
    case 276:
      return { lt, data: Buffer.concat([et, Buffer.alloc(18), ip]) };
    case 0:
    case 108: {
      const fam = Buffer.alloc(4);
      fam.writeUInt32LE(type === 0x86dd ? 24 : 2);
      return { lt, data: Buffer.concat([fam, ip]) };
    }
    default:
      return { lt, data: ip };
  }
}

export const linkIpTarget: Target = {
  name: 'link-ip-tcp-udp',
  generate(r, s) {
    const f = r.pick(s.frames);
    const { lt, data } = f.linkType === 1 && r.bool(0.6) ? relink(r, f.data) : { lt: f.linkType, data: f.data };
    return Buffer.concat([Buffer.from([LINK_TYPES.indexOf(lt) & 0xff]), r.bool(0.9) ? havoc(data, r, 4) : data]);
  },
  run(input) {
    if (input.length === 0) return 'ok';
    const skips = new SkipCounter();
    const d = new PacketDecoder(skips);
    const out = d.decode(packetOf(input.subarray(1), LINK_TYPES[input[0]! % LINK_TYPES.length]!));
    if (out && (out.payloadStart > out.payloadEnd || out.payloadEnd > out.payloadBuf.length)) throw new PropertyFailure('payload range outside the buffer');
    return out ? 'ok' : 'counted';
  },
};

/** Split an IP payload into fragments (offsets in 8-byte units) as raw IPv4 or IPv6 packets. */
function fragment(r: Rng, v6: boolean, proto: number, body: Buffer, id: number, maxPieces = Infinity): Buffer[] {
  const out: Buffer[] = [];
  let off = 0;
  while (off < body.length && out.length < maxPieces) {
    const size = Math.min(body.length - off, 8 * r.range(1, 40));
    const more = off + size < body.length;
    const piece = body.subarray(off, off + size);
    if (v6) {
      const fh = Buffer.alloc(8);
      fh[0] = proto;
      fh.writeUInt16BE((off & 0xfff8) | (more ? 1 : 0), 2);
      fh.writeUInt32BE(id >>> 0, 4);
      out.push(ipv6('fe80::1', 'fe80::2', 44, Buffer.concat([fh, piece])));
    } else out.push(ipv4('10.0.0.1', '10.0.0.2', proto, piece, { id, fragOffset: off, moreFragments: more }));
    off += size;
  }
  return out;
}

export const fragmentsTarget: Target = {
  name: 'ip-fragments',
  generate(r, s) {
    const f = r.pick(s.frames);
    const body = r.bool() ? udpDatagram({ src: '10.0.0.1', dst: '10.0.0.2', sport: 5000, dport: 88, payload: f.data }) : tcpSegment({ src: '10.0.0.1', dst: '10.0.0.2', sport: 5000, dport: 445, payload: f.data });
    const proto = body.length >= 20 && body[12] === 0x50 ? 6 : 17;
    const v6 = r.bool(0.3);
    let pkts: Buffer[] = [];
    const mode = r.int(5);
    if (mode === 0) {
      // Flood: many datagrams that never complete, each with a different id.
      const n = r.pick([500, 1100, 3000]);
      for (let i = 0; i < n; i++) pkts.push(...fragment(r, v6, proto, body, i, 1));
    } else if (mode === 1) {
      // Endless zero-length or repeated fragments of one datagram.
      const first = fragment(r, v6, proto, body, 7);
      const repeat = r.bool() ? first[0]! : (v6 ? ipv6('fe80::1', 'fe80::2', 44, Buffer.from([proto, 0, 0, 9, 0, 0, 0, 7])) : ipv4('10.0.0.1', '10.0.0.2', proto, Buffer.alloc(0), { id: 7, fragOffset: 8, moreFragments: true }));
      pkts = [first.at(-1)!, ...Array<Buffer>(r.pick([1000, 4000])).fill(repeat)];
    } else {
      pkts = fragment(r, v6, proto, body, r.int(65536));
      if (mode === 2) pkts.reverse();
      if (mode === 3) pkts = pkts.concat(pkts.map((p) => havoc(p, r, 2)));
      if (mode === 4) pkts = pkts.map((p) => (r.bool(0.3) ? havoc(p, r, 2) : p));
    }
    return encodeSeq(pkts.map((data) => ({ flags: 0, data })));
  },
  run(input) {
    const d = new PacketDecoder(new SkipCounter());
    let frame = 0;
    for (const m of decodeSeq(input)) {
      d.decode(packetOf(m.data, 101, ++frame, 1_000_000 + frame));
      const bytes = (d.fragments as unknown as { bytes: number }).bytes;
      if (d.fragments.size > MAX_DATAGRAMS) throw new PropertyFailure(`${d.fragments.size} datagrams pending`);
      if (bytes > MAX_BYTES) throw new PropertyFailure(`${bytes} fragment bytes pending`);
    }
    return 'ok';
  },
};

/**
 * One TCP connection into a real protocol dissector. Message flags: bit 0 from client, bits 1..5
 * SYN/FIN/RST/ACK/gap-claim; data = seq (4) | ack (4) | extra wire bytes (2) | payload.
 */
const STREAM_MODULES = ['kerberos', 'dns', 'smb', 'dcerpc'];

export const tcpTarget: Target = {
  name: 'tcp-reassembly',
  generate(r, s) {
    const mod = r.pick(STREAM_MODULES.filter((m) => s.streams.get(m)?.length));
    const conv = r.pick(s.streams.get(mod)!);
    const seqs = [r.int(0x1_0000_0000), r.int(0x1_0000_0000)];
    const segs: Message[] = [];
    const seg = (client: boolean, seq: number, ack: number, payload: Buffer, extra = 0, flags = 0x10): Message => {
      const h = Buffer.alloc(10);
      h.writeUInt32BE(seq >>> 0, 0);
      h.writeUInt32BE(ack >>> 0, 4);
      h.writeUInt16BE(extra, 8);
      return { flags: (client ? 1 : 0) | flags, data: Buffer.concat([h, payload]) };
    };
    for (const m of conv) {
      const c = (m.flags & 1) === 1;
      const i = c ? 0 : 1;
      for (let p = 0; p < m.data.length; ) {
        const n = Math.min(m.data.length - p, r.range(1, 1460));
        segs.push(seg(c, seqs[i]!, seqs[1 - i]!, m.data.subarray(p, p + n)));
        seqs[i] = (seqs[i]! + n) >>> 0;
        p += n;
      }
    }
    let out = segs;
    switch (r.int(6)) {
      case 0: // shuffled
        out = [...segs].sort(() => r.next() - 0.5);
        break;
      case 1: // overlapping re-sends with other bytes
        out = segs.flatMap((x) => (r.bool(0.3) ? [x, { flags: x.flags, data: Buffer.concat([x.data.subarray(0, 10), havoc(x.data.subarray(10), r, 2)]) }] : [x]));
        break;
      case 2: { // endless out-of-order: every segment ahead of the hole, never filled
        const base = r.int(0x1_0000_0000);
        out = [segs[0] ?? seg(true, base, 0, Buffer.from('x'))];
        for (let i = 0; i < 3000; i++) out.push(seg(true, base + 10 + i * 7 + r.int(5), 0, Buffer.alloc(r.range(1, 700), 0x41), 0, 0));
        break;
      }
      case 3: // sequence jumps and snaplen-cut tails
        out = segs.map((x) => (r.bool(0.2) ? seg((x.flags & 1) === 1, r.int(0x1_0000_0000), r.int(0x1_0000_0000), x.data.subarray(10), r.int(65536)) : x));
        break;
      case 4: // payload havoc
        out = segs.map((x) => (r.bool(0.2) ? { flags: x.flags, data: Buffer.concat([x.data.subarray(0, 10), havoc(x.data.subarray(10), r, 3)]) } : x));
        break;
      default: // flags chaos
        out = segs.map((x) => ({ flags: (x.flags & 1) | (r.int(32) << 1), data: x.data }));
    }
    return encodeSeq([{ flags: STREAM_MODULES.indexOf(mod), data: Buffer.alloc(0) }, ...out]);
  },
  run(input) {
    const msgs = decodeSeq(input);
    const head = msgs.shift();
    const name = STREAM_MODULES[(head?.flags ?? 0) % STREAM_MODULES.length]!;
    const module = PROTOCOL_MODULES.find((m) => m.name === name)!;
    const ctx = newContext();
    const budget = newBudget();
    const counters = { retransmitted: 0, outOfOrder: 0, gaps: 0, gapBytes: 0 };
    const conv = { transport: 'tcp' as const, clientIp: '10.0.0.1', clientPort: 50000, serverIp: '10.0.0.2', serverPort: module.tcpPorts[0] ?? 135 };
    const c = new TcpConnection(conv, module, ctx, budget, counters, {}, { frame: 1, ts: 1 });
    let frame = 1;
    for (const m of msgs) {
      if (m.data.length < 10) continue;
      const f = m.flags >> 1;
      const tcpFlags = (f & 1 ? 0x02 : 0) | (f & 2 ? 0x01 : 0) | (f & 4 ? 0x04 : 0) | (f & 8 ? 0x10 : 0);
      const payload = m.data.subarray(10);
      c.handle((m.flags & 1) === 1, m.data.readUInt32BE(0), m.data.readUInt32BE(4), tcpFlags, payload, payload.length + m.data.readUInt16BE(8), { frame: ++frame, ts: frame });
      if (budget.used > budget.total || c.fromClient.buffered > budget.perDirection || c.fromServer.buffered > budget.perDirection) throw new PropertyFailure(`buffered ${budget.used}`);
      if (c.ended) break;
    }
    c.end({ frame, ts: frame });
    if (budget.used !== 0) throw new PropertyFailure(`${budget.used} bytes still counted after end`);
    const out: Outcome = checkContext(ctx);
    return out;
  },
};
