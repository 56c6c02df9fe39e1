/**
 * DNS on 53, UDP and TCP (RFC 1035 §4.2.1 UDP: one message per datagram; §4.2.2 TCP: each message
 * behind a 2-octet length). Zone transfers become activities (transfers.ts); answers feed host
 * naming (naming.ts) and the DNS server role (server-role.ts); ordinary lookups are not activities.
 */
import type { Conversation, DissectorContext, PacketMeta, ProtocolModule } from '../../engine/dissector.ts';
import { DecodeError } from '../../util/cursor.ts';
import { LengthPrefixedFramer } from './length-prefixed.ts';
import { decodeDnsMessage, type DnsMessage } from './message.ts';
import { learnFromRecords } from './naming.ts';
import { noteDnsAnswer } from './server-role.ts';
import { ZoneTransfers } from './transfers.ts';

export const DNS_PORT = 53;
const MAX_DNS_TCP_MESSAGE = 65_535;

function handle(ctx: DissectorContext, conv: Conversation, xfers: ZoneTransfers, fromClient: boolean, data: Buffer, meta: PacketMeta, frames: readonly number[]): void {
  let msg: DnsMessage;
  try {
    msg = decodeDnsMessage(data);
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    ctx.decodeError('dns', e.reason, meta.frame);
    return;
  }
  if (msg.header.response && !fromClient && conv.serverPort === DNS_PORT) {
    noteDnsAnswer(ctx, conv.serverIp, conv.clientIp, meta.ts);
    learnFromRecords(ctx, msg.answers, 'dns', meta.ts);
  }
  xfers.onMessage(fromClient, msg, meta, frames);
}

export const dnsModule: ProtocolModule = {
  name: 'dns',
  tcpPorts: [DNS_PORT],
  udpPorts: [DNS_PORT],

  openDatagram(conv, ctx) {
    const xfers = new ZoneTransfers(ctx, conv);
    return {
      onDatagram(fromClient, data, meta) {
        handle(ctx, conv, xfers, fromClient, data, meta, [meta.frame]);
      },
      onEnd() {
        xfers.end();
      },
    };
  },

  openStream(conv, ctx) {
    const xfers = new ZoneTransfers(ctx, conv);
    const framer = (fromClient: boolean): LengthPrefixedFramer =>
      new LengthPrefixedFramer(
        2,
        MAX_DNS_TCP_MESSAGE,
        (r) => handle(ctx, conv, xfers, fromClient, r.data, r.meta, r.frames),
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
        xfers.end();
      },
    };
  },
};
