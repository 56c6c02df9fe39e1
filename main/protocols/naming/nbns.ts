/**
 * NetBIOS name service on UDP 137 (RFC 1002 §4.2): DNS-shaped messages whose names are NetBIOS names.
 * Names we learn (source 'nbns'), only unique (non-group) names with a host suffix:
 *   - name registration / refresh (opcodes 5, 8, 9) and positive query responses: the NB resource
 *     record, RDATA = repeated { NB_FLAGS (16: G bit 0x8000 = group), NB_ADDRESS (32) } (§4.2.2.1);
 *   - node status responses (NBSTAT, type 0x21, §4.2.18): RDATA = NUM_NAMES (8), then per name
 *     { NETBIOS_NAME (16 raw octets), NAME_FLAGS (16: G bit 0x8000) }, then statistics; the names
 *     are the responder's own.
 */
import type { DissectorContext, PacketMeta, ProtocolModule } from '../../engine/dissector.ts';
import { Cursor, DecodeError } from '../../util/cursor.ts';
import { decodeDnsMessage, type DnsRecord } from '../dns/message.ts';
import { learnNameOnce } from './learn.ts';
import { decodeFirstLevel, fromRaw, HOST_SUFFIXES } from './netbios-name.ts';

export const NBNS_PORT = 137;
const TYPE_NB = 0x20;
const TYPE_NBSTAT = 0x21;
const GROUP_BIT = 0x8000;
const MAX_ENTRIES = 64;

function learnNb(ctx: DissectorContext, r: DnsRecord, ts: number): void {
  const nb = decodeFirstLevel(r.name.split('.')[0] ?? '', 0);
  if (!HOST_SUFFIXES.has(nb.suffix) || !nb.name || nb.name === '*') return;
  const c = new Cursor(r.rdata);
  for (let i = 0; i < MAX_ENTRIES && c.remaining >= 6; i++) {
    const flags = c.u16();
    const ip = Array.from(c.bytes(4)).join('.');
    if ((flags & GROUP_BIT) === 0 && ip !== '0.0.0.0') learnNameOnce(ctx, ip, nb.name, 'nbns', ts);
  }
}

function learnNodeStatus(ctx: DissectorContext, responder: string, r: DnsRecord, ts: number): void {
  const c = new Cursor(r.rdata);
  const count = c.u8();
  for (let i = 0; i < count && i < MAX_ENTRIES; i++) {
    const nb = fromRaw(c.bytes(16));
    const flags = c.u16();
    if ((flags & GROUP_BIT) === 0 && nb.suffix === 0x00 && nb.name) learnNameOnce(ctx, responder, nb.name, 'nbns', ts);
  }
}

export function handleNbns(ctx: DissectorContext, sender: string, data: Buffer, meta: PacketMeta): void {
  try {
    const msg = decodeDnsMessage(data, { allSections: true, rawRdata: true });
    for (const r of [...msg.answers, ...msg.extra]) {
      if (r.type === TYPE_NB) learnNb(ctx, r, meta.ts);
      else if (r.type === TYPE_NBSTAT && msg.header.response) learnNodeStatus(ctx, sender, r, meta.ts);
    }
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    ctx.decodeError('nbns', e.reason, meta.frame);
  }
}

export const nbnsModule: ProtocolModule = {
  name: 'nbns',
  tcpPorts: [],
  udpPorts: [NBNS_PORT],
  openDatagram(conv, ctx) {
    return {
      onDatagram(fromClient, data, meta) {
        handleNbns(ctx, fromClient ? conv.clientIp : conv.serverIp, data, meta);
      },
    };
  },
};
