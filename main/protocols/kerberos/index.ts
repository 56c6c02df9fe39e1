/**
 * Kerberos on 88 (RFC 4120 §7.2.1 UDP: one message per datagram; §7.2.2 TCP: each message behind a
 * 4-octet record marker). Decodes requests and answers, pairs them (exchanges.ts) and learns hosts
 * and roles (host-names.ts). One KerberosExchanges per engine run, keyed by its DissectorContext.
 */
import type { Conversation, DissectorContext, PacketMeta, ProtocolModule } from '../../engine/dissector.ts';
import { DecodeError } from '../../util/cursor.ts';
import { LengthPrefixedFramer } from '../dns/length-prefixed.ts';
import { KerberosExchanges, type ConvRef } from './exchanges.ts';
import { learnFromReply, learnFromRequest, learnKdc } from './host-names.ts';
import { decodeKerberosMessage, type KdcRep, type KerberosMessage, type KrbError } from './messages.ts';

export const KERBEROS_PORT = 88;
/** Largest TCP record we buffer: a TGS-REP with a big PAC stays far below it. */
export const MAX_KERBEROS_RECORD = 256 * 1024;

const runs = new WeakMap<DissectorContext, KerberosExchanges>();
export function exchangesFor(ctx: DissectorContext): KerberosExchanges {
  let x = runs.get(ctx);
  if (!x) runs.set(ctx, (x = new KerberosExchanges(ctx)));
  return x;
}

let nextConvId = 0;

const answerLabel = (m: KdcRep | KrbError): string => (m.type === 'error' ? `KRB-ERROR ${m.errorCode}` : m.type === 'as-rep' ? 'AS-REP' : 'TGS-REP');

/** Handles one whole message from one side of a conversation. */
export function handleKerberosMessage(ctx: DissectorContext, conv: Conversation, convId: string, fromClient: boolean, data: Buffer, meta: PacketMeta, frames: readonly number[]): void {
  let msg: KerberosMessage;
  try {
    msg = decodeKerberosMessage(data);
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    ctx.decodeError('kerberos', e.reason, meta.frame);
    return;
  }
  const x = exchangesFor(ctx);
  const sender = fromClient ? conv.clientIp : conv.serverIp;
  const receiver = fromClient ? conv.serverIp : conv.clientIp;
  if (msg.type === 'other') return;
  if ('nonce' in msg) {
    const ref: ConvRef = { id: convId, transport: conv.transport, clientIp: sender, serverIp: receiver };
    learnFromRequest(ctx, sender, msg, meta.ts);
    x.request(ref, msg, meta, frames);
  } else {
    const ref: ConvRef = { id: convId, transport: conv.transport, clientIp: receiver, serverIp: sender };
    if (!fromClient && conv.serverPort === KERBEROS_PORT) learnKdc(ctx, sender, receiver, answerLabel(msg), meta.ts);
    if ('ticketSname' in msg) learnFromReply(ctx, receiver, msg, meta.ts);
    x.answer(ref, msg, meta, frames);
  }
}

export const kerberosModule: ProtocolModule = {
  name: 'kerberos',
  tcpPorts: [KERBEROS_PORT],
  udpPorts: [KERBEROS_PORT],

  openDatagram(conv, ctx) {
    const id = `k${nextConvId++}`;
    return {
      onDatagram(fromClient, data, meta) {
        handleKerberosMessage(ctx, conv, id, fromClient, data, meta, [meta.frame]);
      },
      onEnd(meta) {
        exchangesFor(ctx).endConversation(id, meta?.ts ?? null);
      },
    };
  },

  openStream(conv, ctx) {
    const id = `k${nextConvId++}`;
    const framer = (fromClient: boolean): LengthPrefixedFramer =>
      new LengthPrefixedFramer(
        4,
        MAX_KERBEROS_RECORD,
        (r) => handleKerberosMessage(ctx, conv, id, fromClient, r.data, r.meta, r.frames),
        (reason, meta) => ctx.decodeError('kerberos', reason, meta.frame),
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
      onEnd(meta) {
        exchangesFor(ctx).endConversation(id, meta?.ts ?? null);
      },
    };
  },
};
