/**
 * One TCP connection on a port of interest: two reassembled directions feeding one StreamDissector.
 * The dissector sees in-order bytes per direction, onGap for holes, and onEnd once (FIN from both
 * sides, RST, idle eviction or end of capture).
 */
import type { Conversation, DissectorContext, PacketMeta, ProtocolModule, StreamDissector } from '../engine/dissector.ts';
import type { BufferBudget } from './limits.ts';
import { TcpDirection, type DirectionCounters, type DirectionSink } from './tcp-direction.ts';
import { reportDissectorError, type GuardHooks } from './guard.ts';
import { TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN } from '../net/transport.ts';

export class TcpConnection {
  readonly fromClient: TcpDirection;
  readonly fromServer: TcpDirection;
  lastTs = 0;
  ended = false;
  private dissector: StreamDissector | null;
  /** Meta of the packet being handled (callbacks of the directions run inside handle()). */
  private meta: PacketMeta;

  constructor(
    readonly conv: Conversation,
    readonly module: ProtocolModule,
    private readonly ctx: DissectorContext,
    budget: BufferBudget,
    counters: DirectionCounters,
    private readonly hooks: GuardHooks,
    meta: PacketMeta,
  ) {
    this.meta = meta;
    this.fromClient = new TcpDirection(this.sink(true), budget, counters);
    this.fromServer = new TcpDirection(this.sink(false), budget, counters);
    let d: StreamDissector | null = null;
    try {
      d = module.openStream ? module.openStream(conv, ctx) : null;
    } catch (err) {
      reportDissectorError(err, module.name, meta.frame, ctx, hooks);
    }
    this.dissector = d;
  }

  private sink(client: boolean): DirectionSink {
    return {
      data: (bytes) => {
        const d = this.dissector;
        if (!d) return;
        try {
          d.onData(client, bytes, this.meta);
        } catch (err) {
          if (!reportDissectorError(err, this.module.name, this.meta.frame, this.ctx, this.hooks)) this.dissector = null;
        }
      },
      gap: (missing) => {
        this.ctx.blindSpot('tcpGap', this.conv.clientIp, this.conv.serverIp);
        const d = this.dissector;
        if (!d) return;
        try {
          d.onGap(client, missing, this.meta);
        } catch (err) {
          if (!reportDissectorError(err, this.module.name, this.meta.frame, this.ctx, this.hooks)) this.dissector = null;
        }
      },
    };
  }

  /** One segment; `client` says whether it was sent by the client. */
  handle(client: boolean, seq: number, ack: number, flags: number, payload: Buffer, wireLen: number, meta: PacketMeta): void {
    this.meta = meta;
    this.lastTs = meta.ts;
    const own = client ? this.fromClient : this.fromServer;
    const other = client ? this.fromServer : this.fromClient;
    if (flags & TCP_SYN) own.syn(seq);
    const dataSeq = flags & TCP_SYN ? (seq + 1) >>> 0 : seq;
    if (wireLen > 0) own.segment(dataSeq, payload, wireLen);
    if (flags & TCP_ACK) other.acked(ack);
    if (flags & TCP_FIN) own.fin(dataSeq, wireLen);
    if (flags & TCP_RST || (this.fromClient.finished && this.fromServer.finished)) this.end(meta);
  }

  /** Flush both directions (holes become gaps) and tell the dissector the connection is over. */
  end(meta: PacketMeta | null): void {
    if (this.ended) return;
    this.ended = true;
    if (meta) this.meta = meta;
    this.fromClient.flush();
    this.fromServer.flush();
    const d = this.dissector;
    this.dissector = null;
    if (!d) return;
    try {
      d.onEnd(meta);
    } catch (err) {
      reportDissectorError(err, this.module.name, meta?.frame ?? 0, this.ctx, this.hooks);
    }
  }
}
