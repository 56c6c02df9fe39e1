/**
 * The DNS-shaped local name protocols: LLMNR on 5355 (RFC 4795 §2.1: DNS message format, responses
 * have QR set) and mDNS on 5353 (RFC 6762 §18: DNS message format, answers in responses, often
 * unsolicited). Their A / AAAA / PTR answers name hosts exactly as DNS answers do (dns/naming.ts).
 */
import type { DissectorContext, NameSource, PacketMeta, ProtocolModule } from '../../engine/dissector.ts';
import { DecodeError } from '../../util/cursor.ts';
import { decodeDnsMessage } from '../dns/message.ts';
import { learnFromRecords } from '../dns/naming.ts';

export const LLMNR_PORT = 5355;
export const MDNS_PORT = 5353;

export function handleDnsShaped(ctx: DissectorContext, source: NameSource, data: Buffer, meta: PacketMeta): void {
  try {
    // mDNS puts addresses of the answered name in the additional section too (RFC 6762 §12).
    const msg = decodeDnsMessage(data, { allSections: source === 'mdns' });
    if (msg.header.response) learnFromRecords(ctx, [...msg.answers, ...msg.extra], source, meta.ts);
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    ctx.decodeError(source, e.reason, meta.frame);
  }
}

function module(name: 'llmnr' | 'mdns', port: number): ProtocolModule {
  return {
    name,
    tcpPorts: [],
    udpPorts: [port],
    openDatagram(_conv, ctx) {
      return { onDatagram: (_fromClient, data, meta) => handleDnsShaped(ctx, name, data, meta) };
    },
  };
}

export const llmnrModule = module('llmnr', LLMNR_PORT);
export const mdnsModule = module('mdns', MDNS_PORT);
