/**
 * DHCP on UDP 67/68 (RFC 2131 §2, options RFC 2132): the host name a client gives (option 12) and
 * the address it has or gets.
 *   BOOTP fixed part (236 octets): op(8) htype(8) hlen(8) hops(8) xid(32) secs(16) flags(16)
 *     ciaddr(32) yiaddr(32) siaddr(32) giaddr(32) chaddr(128 bits) sname(64 octets) file(128 octets)
 *   then the magic cookie 99.130.83.99 and options: code(8) len(8) value; 0 pad, 255 end.
 *   Options used: 12 host name, 50 requested IP address, 53 message type (5 = DHCPACK).
 * A client's name is learned for its ciaddr or requested address at once, and remembered by xid so
 * that the server's DHCPACK (yiaddr) names the address actually given.
 */
import type { DissectorContext, PacketMeta, ProtocolModule } from '../../engine/dissector.ts';
import { Cursor, DecodeError } from '../../util/cursor.ts';
import { learnNameOnce } from './learn.ts';

export const DHCP_SERVER_PORT = 67;
export const DHCP_CLIENT_PORT = 68;
const MAGIC_COOKIE = 0x63825363;
const OPT_PAD = 0, OPT_END = 255, OPT_HOST_NAME = 12, OPT_REQUESTED_IP = 50, OPT_MESSAGE_TYPE = 53;
const DHCPACK = 5;
const BOOTREQUEST = 1, BOOTREPLY = 2;
/** Host names remembered by transaction id per run, until their ACK. */
const MAX_PENDING_XIDS = 4096;

export interface DhcpFacts { op: number; xid: number; ciaddr: string; yiaddr: string; hostName: string | null; requestedIp: string | null; messageType: number | null }

const ipv4 = (b: Buffer): string => Array.from(b).join('.');

export function decodeDhcp(buf: Buffer): DhcpFacts {
  const c = new Cursor(buf);
  const op = c.u8();
  c.skip(3);
  const xid = c.u32();
  c.skip(4);
  const ciaddr = ipv4(c.bytes(4));
  const yiaddr = ipv4(c.bytes(4));
  c.skip(8 + 16 + 64 + 128);
  if (c.u32() !== MAGIC_COOKIE) throw new DecodeError(c.pos - 4, 'no DHCP magic cookie');
  const facts: DhcpFacts = { op, xid, ciaddr, yiaddr, hostName: null, requestedIp: null, messageType: null };
  while (c.remaining > 0) {
    const code = c.u8();
    if (code === OPT_PAD) continue;
    if (code === OPT_END) break;
    const value = c.bytes(c.u8());
    if (code === OPT_HOST_NAME && value.length) facts.hostName = value.toString('latin1').replace(/\0+$/, '');
    else if (code === OPT_REQUESTED_IP && value.length === 4) facts.requestedIp = ipv4(value);
    else if (code === OPT_MESSAGE_TYPE && value.length === 1) facts.messageType = value[0]!;
  }
  return facts;
}

const pendingByRun = new WeakMap<DissectorContext, Map<number, string>>();
const usable = (ip: string | null): ip is string => ip !== null && ip !== '0.0.0.0' && ip !== '255.255.255.255';

export function handleDhcp(ctx: DissectorContext, data: Buffer, meta: PacketMeta): void {
  let f: DhcpFacts;
  try {
    f = decodeDhcp(data);
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    ctx.decodeError('dhcp', e.reason, meta.frame);
    return;
  }
  let pending = pendingByRun.get(ctx);
  if (!pending) pendingByRun.set(ctx, (pending = new Map()));
  if (f.op === BOOTREQUEST && f.hostName) {
    const ip = usable(f.ciaddr) ? f.ciaddr : f.requestedIp;
    if (usable(ip)) learnNameOnce(ctx, ip, f.hostName, 'dhcp', meta.ts);
    if (pending.size >= MAX_PENDING_XIDS) pending.clear();
    pending.set(f.xid, f.hostName);
  } else if (f.op === BOOTREPLY && f.messageType === DHCPACK && usable(f.yiaddr)) {
    const name = f.hostName ?? pending.get(f.xid);
    pending.delete(f.xid);
    if (name) learnNameOnce(ctx, f.yiaddr, name, 'dhcp', meta.ts);
  }
}

export const dhcpModule: ProtocolModule = {
  name: 'dhcp',
  tcpPorts: [],
  udpPorts: [DHCP_SERVER_PORT, DHCP_CLIENT_PORT],
  openDatagram(_conv, ctx) {
    return { onDatagram: (_fromClient, data, meta) => handleDhcp(ctx, data, meta) };
  },
};
