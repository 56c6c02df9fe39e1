/**
 * The flow table (GLOSSARY.md): live conversations on ports of interest. Decides client and server
 * (SYN, else the well-known port, else the first sender is the client), keeps one TcpConnection or
 * one DatagramDissector per conversation, ends idle ones in packet time, and caps their number.
 * Packets on other ports are counted and dropped before any string is made.
 */
import type { Conversation, DatagramDissector, DissectorContext, PacketMeta, ProtocolModule } from '../engine/dissector.ts';
import type { DecodedPacket } from '../net/packet.ts';
import { ipString } from '../net/address.ts';
import { TCP_ACK, TCP_SYN } from '../net/transport.ts';
import { FLOW_LIMITS, newBudget } from './limits.ts';
import { PortRegistry } from './ports.ts';
import { TcpConnection } from './tcp-connection.ts';
import type { DirectionCounters } from './tcp-direction.ts';
import { reportDissectorError, type GuardHooks } from './guard.ts';
import { evictLeastRecent } from './eviction.ts';

interface UdpConversation {
  conv: Conversation;
  module: ProtocolModule;
  dissector: DatagramDissector | null;
  lastTs: number;
  ended: boolean;
}

export interface FlowCounters extends DirectionCounters {
  /** Packets on no port of interest. */
  ignored: number;
  tcpFlows: number;
  udpFlows: number;
  evicted: number;
}

export class FlowTable {
  readonly ports: PortRegistry;
  readonly counters: FlowCounters = { ignored: 0, tcpFlows: 0, udpFlows: 0, evicted: 0, retransmitted: 0, outOfOrder: 0, gaps: 0, gapBytes: 0 };
  /** Packets per protocol module name. */
  readonly protocols: Record<string, number> = {};
  readonly budget = newBudget();
  private readonly tcp = new Map<string, TcpConnection>();
  private readonly udp = new Map<string, UdpConversation>();
  private nextSweep = 0;
  private readonly meta: PacketMeta = { frame: 0, ts: 0 };

  constructor(
    modules: readonly ProtocolModule[],
    private readonly ctx: DissectorContext,
    private readonly hooks: GuardHooks = {},
  ) {
    this.ports = new PortRegistry(modules);
  }

  get liveFlows(): number {
    return this.tcp.size + this.udp.size;
  }

  /** Start counting protocols afresh (per capture). */
  resetProtocolCounts(): void {
    for (const k of Object.keys(this.protocols)) delete this.protocols[k];
  }

  learnRpcPort(ip: string, port: number): void {
    this.ports.learnRpcPort(ip, port);
  }

  /** Could the packet be of interest? Counts it as ignored when not (the per-packet check: cheap, no allocation). */
  wants(p: DecodedPacket): boolean {
    if (p.proto === 6 ? this.ports.tcpMaybe(p.srcPort, p.dstPort) : this.ports.udpMaybe(p.srcPort, p.dstPort)) return true;
    this.counters.ignored++;
    return false;
  }

  handle(p: DecodedPacket, frame: number, ts: number): void {
    if (!this.wants(p)) return;
    const isTcp = p.proto === 6;
    // A fresh meta object per packet of interest: dissectors may keep it (activities carry frames).
    const meta: PacketMeta = { frame, ts };
    this.meta.frame = frame;
    this.meta.ts = ts;
    if (ts >= this.nextSweep) this.sweep(ts);
    const key = flowKey(p);
    if (isTcp) this.tcpPacket(key, p, meta);
    else this.udpPacket(key, p, meta);
  }

  private tcpPacket(key: string, p: DecodedPacket, meta: PacketMeta): void {
    let c = this.tcp.get(key);
    const synOnly = (p.flags & (TCP_SYN | TCP_ACK)) === TCP_SYN;
    if (c && synOnly && c.fromClient.nextSeq !== null && c.fromClient.nextSeq !== ((p.seq + 1) >>> 0)) {
      // A new connection on the same 4-tuple (port reuse): the old one is over.
      c.end(meta);
      this.tcp.delete(key);
      c = undefined;
    }
    if (!c) {
      // Pure ACK/FIN/RST of an unknown connection carries nothing to dissect.
      if (p.wireLen === 0 && !(p.flags & TCP_SYN)) return;
      const src = ipString(p.ipVersion, p.addrBuf, p.srcOff);
      const dst = ipString(p.ipVersion, p.addrBuf, p.dstOff);
      const srcServes = this.ports.tcpServer(src, p.srcPort);
      const dstServes = this.ports.tcpServer(dst, p.dstPort);
      let clientIsSrc: boolean;
      if (p.flags & TCP_SYN) clientIsSrc = !(p.flags & TCP_ACK);
      else clientIsSrc = dstServes >= 0 || srcServes < 0;
      const mod = clientIsSrc ? (dstServes >= 0 ? dstServes : srcServes) : srcServes >= 0 ? srcServes : dstServes;
      const module = this.ports.modules[mod];
      if (!module) {
        this.counters.ignored++;
        return;
      }
      const conv: Conversation = clientIsSrc
        ? { transport: 'tcp', clientIp: src, clientPort: p.srcPort, serverIp: dst, serverPort: p.dstPort }
        : { transport: 'tcp', clientIp: dst, clientPort: p.dstPort, serverIp: src, serverPort: p.srcPort };
      if (this.tcp.size >= FLOW_LIMITS.maxTcpFlows) this.counters.evicted += evictLeastRecent(this.tcp, null);
      c = new TcpConnection(conv, module, this.ctx, this.budget, this.counters, this.hooks, meta);
      this.tcp.set(key, c);
      this.counters.tcpFlows++;
    }
    const name = c.module.name;
    this.protocols[name] = (this.protocols[name] ?? 0) + 1;
    const fromClient = isFromClient(p, c.conv);
    c.handle(fromClient, p.seq, p.ack, p.flags, p.payload, p.wireLen, meta);
    if (c.ended) this.tcp.delete(key);
  }

  private udpPacket(key: string, p: DecodedPacket, meta: PacketMeta): void {
    let u = this.udp.get(key);
    if (!u) {
      const src = ipString(p.ipVersion, p.addrBuf, p.srcOff);
      const dst = ipString(p.ipVersion, p.addrBuf, p.dstOff);
      const srcServes = this.ports.udpServer(p.srcPort);
      const dstServes = this.ports.udpServer(p.dstPort);
      const clientIsSrc = dstServes >= 0 || srcServes < 0;
      const module = this.ports.modules[clientIsSrc ? dstServes : srcServes];
      if (!module) {
        this.counters.ignored++;
        return;
      }
      const conv: Conversation = clientIsSrc
        ? { transport: 'udp', clientIp: src, clientPort: p.srcPort, serverIp: dst, serverPort: p.dstPort }
        : { transport: 'udp', clientIp: dst, clientPort: p.dstPort, serverIp: src, serverPort: p.srcPort };
      if (this.udp.size >= FLOW_LIMITS.maxUdpFlows) this.counters.evicted += evictLeastRecent(this.udp, (x) => this.endUdp(x, meta));
      let dissector: DatagramDissector | null = null;
      try {
        dissector = module.openDatagram ? module.openDatagram(conv, this.ctx) : null;
      } catch (err) {
        reportDissectorError(err, module.name, meta.frame, this.ctx, this.hooks);
      }
      u = { conv, module, dissector, lastTs: meta.ts, ended: false };
      this.udp.set(key, u);
      this.counters.udpFlows++;
    }
    u.lastTs = meta.ts;
    const name = u.module.name;
    this.protocols[name] = (this.protocols[name] ?? 0) + 1;
    const d = u.dissector;
    if (!d) return;
    const fromClient = isFromClient(p, u.conv);
    try {
      d.onDatagram(fromClient, p.payload, meta);
    } catch (err) {
      if (!reportDissectorError(err, u.module.name, meta.frame, this.ctx, this.hooks)) u.dissector = null;
    }
  }

  private endUdp(u: UdpConversation, meta: PacketMeta | null): void {
    if (u.ended) return;
    u.ended = true;
    const d = u.dissector;
    u.dissector = null;
    if (!d?.onEnd) return;
    try {
      d.onEnd(meta);
    } catch (err) {
      reportDissectorError(err, u.module.name, meta?.frame ?? 0, this.ctx, this.hooks);
    }
  }

  /** End conversations idle for longer than their limit (packet time). */
  sweep(now: number): void {
    this.nextSweep = now + FLOW_LIMITS.sweepEveryUs;
    const meta = { frame: this.meta.frame, ts: now };
    // forEach, not for-of over entries: no [key, value] array per live flow on every sweep.
    // (Deleting the entry being visited is allowed during Map iteration.)
    this.tcp.forEach((c, k) => {
      if (now - c.lastTs <= FLOW_LIMITS.tcpIdleUs) return;
      c.end(meta);
      this.tcp.delete(k);
    });
    this.udp.forEach((u, k) => {
      if (now - u.lastTs <= FLOW_LIMITS.udpIdleUs) return;
      this.endUdp(u, meta);
      this.udp.delete(k);
    });
  }

  /** End of capture: every conversation ends (pending bytes flushed as gaps). */
  endAll(meta: PacketMeta | null): void {
    for (const c of this.tcp.values()) c.end(meta);
    for (const u of this.udp.values()) this.endUdp(u, meta);
    this.tcp.clear();
    this.udp.clear();
    this.nextSweep = 0;
  }
}

/**
 * The flow table's key of a packet's conversation, the same for both directions. IPv4: six UTF-16
 * units (address halves and port of each end, lower end first), made without the address text;
 * IPv6: "ip|port>ip|port" (always longer, so the two forms never meet).
 */
function flowKey(p: DecodedPacket): string {
  const b = p.addrBuf;
  if (p.ipVersion === 4) {
    const s = p.srcOff;
    const d = p.dstOff;
    const sa = ((b[s]! << 24) | (b[s + 1]! << 16) | (b[s + 2]! << 8) | b[s + 3]!) >>> 0;
    const da = ((b[d]! << 24) | (b[d + 1]! << 16) | (b[d + 2]! << 8) | b[d + 3]!) >>> 0;
    const srcFirst = sa < da || (sa === da && p.srcPort <= p.dstPort);
    return srcFirst
      ? String.fromCharCode(sa >>> 16, sa & 0xffff, p.srcPort, da >>> 16, da & 0xffff, p.dstPort)
      : String.fromCharCode(da >>> 16, da & 0xffff, p.dstPort, sa >>> 16, sa & 0xffff, p.srcPort);
  }
  const x = `${ipString(6, b, p.srcOff)}|${p.srcPort}`;
  const y = `${ipString(6, b, p.dstOff)}|${p.dstPort}`;
  return x < y ? `${x}>${y}` : `${y}>${x}`;
}

/**
 * Did the client send this packet of conversation `conv` (its key matched)? The source port
 * decides unless both ends use the same port; then the source address does.
 */
function isFromClient(p: DecodedPacket, conv: Conversation): boolean {
  if (p.srcPort !== conv.clientPort) return false;
  if (conv.clientPort !== conv.serverPort) return true;
  return ipString(p.ipVersion, p.addrBuf, p.srcOff) === conv.clientIp;
}
