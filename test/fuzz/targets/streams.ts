/**
 * Protocol modules as the flow layer drives them: a TCP conversation's bytes per direction (in any
 * chunking, with gaps) into the real StreamDissector, and UDP datagrams into the real
 * DatagramDissector, with the real EngineContext. Structure-aware attacks: a DCE/RPC fragment chain
 * that never sets LAST, Kerberos/DNS record markers of 0 / 2^31 / max, NetBIOS lengths past the end.
 */
import { PROTOCOL_MODULES } from '../../../main/protocols/index.ts';
import { havoc, lengthField } from '../mutate.ts';
import type { Rng } from '../rng.ts';
import { decodeSeq, encodeSeq, type Message } from '../sequence.ts';
import { checkContext, newContext, type Target } from './common.ts';
import { pdu, bindBody, bindAckBody, requestBody, responseBody } from '../../dcerpc/support/build.ts';
import { dhcpSeed } from './messages.ts';

/** flags bit 0: from client; bit 1: a gap of data.length bytes instead of data. */
const GAP = 2;

function rechunk(msgs: Message[], r: Rng): Message[] {
  // Concatenate runs of one direction and cut them at random points.
  const out: Message[] = [];
  for (const m of msgs) {
    let p = 0;
    while (p < m.data.length) {
      const n = r.bool(0.5) ? m.data.length - p : r.range(1, Math.max(1, m.data.length - p));
      out.push({ flags: m.flags, data: m.data.subarray(p, p + n) });
      p += n;
    }
  }
  return out;
}

function mutateConversation(conv: Message[], r: Rng): Message[] {
  let msgs = conv.map((m) => ({ ...m }));
  const k = r.range(1, 4);
  for (let i = 0; i < k && msgs.length; i++) {
    const j = r.int(msgs.length);
    const m = msgs[j]!;
    switch (r.int(7)) {
      case 0:
      case 1:
        msgs[j] = { flags: m.flags, data: havoc(m.data, r, 4) };
        break;
      case 2:
        msgs[j] = { flags: m.flags, data: m.data.length >= 4 ? lengthField(m.data.subarray(0, 8), r).length === 8 ? Buffer.concat([lengthField(m.data.subarray(0, 8), r), m.data.subarray(8)]) : m.data : m.data };
        break;
      case 3:
        msgs.splice(j, 0, ...Array<Message>(r.pick([2, 20, 200])).fill(m));
        break;
      case 4:
        msgs.splice(j, 1);
        break;
      case 5:
        msgs.splice(j, 0, { flags: (m.flags & 1) | GAP, data: Buffer.alloc(r.range(1, 3000)) });
        break;
      default:
        msgs = rechunk(msgs, r);
    }
  }
  return msgs;
}

const SAMR = '12345778-1234-abcd-ef00-0123456789ac';

/** A bind, then request fragments that never set PFC_LAST_FRAG (or a huge alloc_hint chain). */
function endlessFragments(r: Rng): Message[] {
  const stub = r.bytes(r.range(8, 4000));
  const msgs: Message[] = [
    { flags: 1, data: pdu(11, 1, bindBody([{ id: 0, uuid: SAMR }])) },
    { flags: 0, data: pdu(12, 1, bindAckBody([{ result: 0 }])) },
  ];
  const n = r.pick([200, 2000, 6000]);
  const callIds = r.bool() ? 1 : n;
  for (let i = 0; i < n; i++) msgs.push({ flags: 1, data: pdu(0, 2 + (i % callIds), requestBody(0, r.pick([5, 17, 64]), stub), i === 0 ? 0x01 : 0x00) });
  if (r.bool()) for (let i = 0; i < n; i++) msgs.push({ flags: 0, data: pdu(2, 2, responseBody(0, stub), i === 0 ? 0x01 : 0x00) });
  return msgs;
}

function recordMarkers(conv: Message[], r: Rng, width: 2 | 4): Message[] {
  const v = r.pick(width === 4 ? [0, 0x80000000, 0x7fffffff, 0xffffffff, 262_145, 1] : [0, 0xffff, 1, 2]);
  const b = Buffer.alloc(width);
  if (width === 4) b.writeUInt32BE(v >>> 0);
  else b.writeUInt16BE(v & 0xffff);
  const extra = Array.from({ length: r.pick([1, 100, 3000]) }, () => ({ flags: 1, data: r.bytes(r.range(1, 1400)) }));
  return [...conv.slice(0, r.int(conv.length + 1)), { flags: 1, data: b }, ...extra];
}

function streamTarget(moduleName: string): Target {
  const module = PROTOCOL_MODULES.find((m) => m.name === moduleName)!;
  return {
    name: `${moduleName}-stream`,
    generate(r, s) {
      const convs = s.streams.get(moduleName) ?? [];
      const conv = convs.length ? r.pick(convs) : [{ flags: 1, data: r.bytes(64) }];
      let msgs: Message[];
      if (moduleName === 'dcerpc' && r.bool(0.15)) msgs = endlessFragments(r);
      else if (moduleName === 'kerberos' && r.bool(0.15)) msgs = recordMarkers(conv, r, 4);
      else if (moduleName === 'dns' && r.bool(0.15)) msgs = recordMarkers(conv, r, 2);
      else msgs = mutateConversation(conv, r);
      return encodeSeq(msgs);
    },
    run(input) {
      const ctx = newContext();
      const conv = { transport: 'tcp' as const, clientIp: '10.0.0.1', clientPort: 50000, serverIp: '10.0.0.2', serverPort: module.tcpPorts[0] ?? 49152 };
      const d = module.openStream!(conv, ctx);
      let frame = 0;
      for (const m of decodeSeq(input)) {
        const meta = { frame: ++frame, ts: frame * 1000 };
        const fromClient = (m.flags & 1) === 1;
        if (m.flags & GAP) d.onGap(fromClient, m.data.length, meta);
        else d.onData(fromClient, m.data, meta);
      }
      d.onEnd({ frame, ts: frame * 1000 });
      if (ctx.pending.length > 1_000_000) throw new Error(`${ctx.pending.length} activities from one conversation`);
      return checkContext(ctx);
    },
  };
}

export const kerberosStreamTarget = streamTarget('kerberos');
export const dnsStreamTarget = streamTarget('dns');
export const smbStreamTarget = streamTarget('smb');
export const dcerpcStreamTarget = streamTarget('dcerpc');

const UDP_MODULES = ['kerberos', 'dns', 'nbns', 'llmnr', 'mdns', 'dhcp'];

/** Datagrams of one UDP conversation; first message's flags pick the module. */
export const datagramTarget: Target = {
  name: 'udp-datagrams',
  generate(r, s) {
    const i = r.int(UDP_MODULES.length);
    const name = UDP_MODULES[i]!;
    // LLMNR and mDNS are DNS-shaped: without seeds of their own they start from DNS datagrams.
    const pool = s.datagrams.get(name) ?? (name === 'dhcp' ? [{ flags: 1, data: dhcpSeed() }] : (s.datagrams.get('dns') ?? []));
    const n = r.range(1, 12);
    const msgs: Message[] = [{ flags: i, data: Buffer.alloc(0) }];
    for (let k = 0; k < n; k++) {
      const m = pool.length ? r.pick(pool) : { flags: 1, data: r.bytes(60) };
      msgs.push({ flags: m.flags, data: r.bool(0.8) ? havoc(m.data, r, 4) : m.data });
    }
    return encodeSeq(msgs);
  },
  run(input) {
    const msgs = decodeSeq(input);
    const head = msgs.shift();
    const module = PROTOCOL_MODULES.find((m) => m.name === UDP_MODULES[(head?.flags ?? 0) % UDP_MODULES.length])!;
    const ctx = newContext();
    const port = module.udpPorts[0] ?? 53;
    const conv = { transport: 'udp' as const, clientIp: '10.0.0.1', clientPort: port === 67 ? 68 : 50000, serverIp: '10.0.0.2', serverPort: port };
    const d = module.openDatagram!(conv, ctx);
    let frame = 0;
    for (const m of msgs) d.onDatagram((m.flags & 1) === 1, m.data, { frame: ++frame, ts: frame * 1000 });
    d.onEnd?.({ frame, ts: frame * 1000 });
    return checkContext(ctx);
  },
};
