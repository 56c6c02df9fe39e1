/**
 * DNS on 53, UDP and TCP (RFC 1035 §4.2.1 UDP: one message per datagram; §4.2.2 TCP: each message
 * behind a 2-octet length). Zone transfers become activities (transfers.ts); answers feed host
 * naming (naming.ts) and the DNS server role (server-role.ts); ordinary lookups are not activities.
 */
import type { Conversation, DatagramDissector, DissectorContext, PacketMeta, ProtocolModule } from '../../engine/dissector.ts';
import { DecodeError } from '../../util/cursor.ts';
import { LengthPrefixedFramer } from './length-prefixed.ts';
import { decodeDnsMessage, type DnsMessage } from './message.ts';
import { learnFromRecords } from './naming.ts';
import { noteDnsAnswer } from './server-role.ts';
import { ZoneTransfers } from './transfers.ts';
import { LookupScan } from './lookup.ts';
import { TRANSFER_TYPES } from './constants.ts';

export const DNS_PORT = 53;
const MAX_DNS_TCP_MESSAGE = 65_535;

/** One reusable walker per engine run (dissectors run one at a time on the engine's thread). */
const scans = new WeakMap<DissectorContext, LookupScan>();
function scanFor(ctx: DissectorContext): LookupScan {
  let s = scans.get(ctx);
  if (!s) scans.set(ctx, (s = new LookupScan()));
  return s;
}

/**
 * Per conversation (and the UDP dissector itself: one object per lookup, no closures): zone
 * transfers are tracked only once one is seen (most conversations are lookups).
 */
class DnsConversation implements DatagramDissector {
  private xfers: ZoneTransfers | null = null;

  constructor(
    private readonly ctx: DissectorContext,
    private readonly conv: Conversation,
    private readonly scan: LookupScan,
  ) {}

  /** frames: the frames the message came in (null: meta.frame alone). */
  handle(fromClient: boolean, data: Buffer, meta: PacketMeta, frames: readonly number[] | null): void {
    const ctx = this.ctx;
    const conv = this.conv;
    // Walk the message first (no objects); a zone transfer, or a response to an open one, takes the full decode.
    let s: LookupScan;
    try {
      s = this.scan.scan(data);
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      ctx.decodeError('dns', e.reason, meta.frame);
      return;
    }
    const answer = s.response && !fromClient && conv.serverPort === DNS_PORT;
    if (!TRANSFER_TYPES.has(s.firstQtype) && !(s.response && this.xfers?.isOpen(s.id))) {
      if (!answer) return;
      noteDnsAnswer(ctx, conv.serverIp, conv.clientIp, meta.ts);
      s.learn(ctx, data, 'dns', meta.ts);
      return;
    }
    let msg: DnsMessage;
    try {
      msg = decodeDnsMessage(data); // the walk above accepted it, so this does not throw in practice
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      ctx.decodeError('dns', e.reason, meta.frame);
      return;
    }
    if (answer) {
      noteDnsAnswer(ctx, conv.serverIp, conv.clientIp, meta.ts);
      learnFromRecords(ctx, msg.answers, 'dns', meta.ts);
    }
    (this.xfers ??= new ZoneTransfers(ctx, conv)).onMessage(fromClient, msg, meta, frames ?? [meta.frame]);
  }

  onDatagram(fromClient: boolean, data: Buffer, meta: PacketMeta): void {
    this.handle(fromClient, data, meta, null);
  }

  onEnd(): void {
    this.xfers?.end();
  }
}

export const dnsModule: ProtocolModule = {
  name: 'dns',
  tcpPorts: [DNS_PORT],
  udpPorts: [DNS_PORT],

  openDatagram(conv, ctx) {
    return new DnsConversation(ctx, conv, scanFor(ctx));
  },

  openStream(conv, ctx) {
    const d = new DnsConversation(ctx, conv, scanFor(ctx));
    const framer = (fromClient: boolean): LengthPrefixedFramer =>
      new LengthPrefixedFramer(
        2,
        MAX_DNS_TCP_MESSAGE,
        (r) => d.handle(fromClient, r.data, r.meta, r.frames),
        (reason, meta) => ctx.decodeError('dns', reason, meta.frame),
      );
    const toServer = framer(true);
    const toClient = framer(false);
    return {
      onData(fromClient, data, meta) {
        (fromClient ? toServer : toClient).push(data, meta);
      },
      onGap(fromClient) {
        (fromClient ? toServer : toClient).reset();
      },
      onEnd() {
        d.onEnd();
      },
    };
  },
};
