/**
 * One TCP connection on 445 (direct TCP) or 139 (NetBIOS session service): cuts the byte streams
 * into session messages and routes each by its protocol id to the SMB2 or SMB1 dialogue; SMB3
 * transform (encrypted) and compression transform messages are counted as blind spots, once per
 * frame as tshark lists them.
 */
import type { Conversation, DissectorContext, PacketMeta, StreamDissector } from '../../engine/dissector.ts';
import type { RpcInterfaceModule } from '../dcerpc/interface.ts';
import type { RpcObserver } from '../dcerpc/connection.ts';
import { StreamFramer } from '../dcerpc/stream-framer.ts';
import { DecodeError } from '../../util/cursor.ts';
import { NBSS, NBSS_FRAMING, NBSS_HEADER, decodeSessionRequest, smbMagic } from './netbios.ts';
import { COMPRESSION_MAGIC, SMB1_MAGIC, SMB2_MAGIC, TRANSFORM_MAGIC } from './smb2-header.ts';
import { PipeTable } from './pipes.ts';
import { Smb2Dialogue } from './smb2-dialogue.ts';
import { Smb1Dialogue } from './smb1-dialogue.ts';

export class SmbConnection implements StreamDissector {
  private readonly framers = [new StreamFramer(NBSS_FRAMING), new StreamFramer(NBSS_FRAMING)] as const;
  readonly pipes: PipeTable;
  readonly smb2: Smb2Dialogue;
  readonly smb1: Smb1Dialogue;
  /** Last frame counted per blind-spot kind and direction (one count per frame, as tshark counts frames). */
  private readonly counted = new Map<string, number>();

  constructor(
    private readonly conv: Conversation,
    private readonly ctx: DissectorContext,
    interfaces: ReadonlyMap<string, RpcInterfaceModule>,
    observer: RpcObserver = {},
  ) {
    this.pipes = new PipeTable(conv.clientIp, conv.serverIp, ctx, interfaces, observer);
    this.smb2 = new Smb2Dialogue(conv.clientIp, conv.serverIp, ctx, this.pipes);
    this.smb1 = new Smb1Dialogue(conv.clientIp, conv.serverIp, ctx, this.pipes);
  }

  private meta: PacketMeta = { frame: 0, ts: 0 };
  // Bound once: no closure per packet on the hot path.
  private readonly fromClientMessage = (msg: Buffer, _length: number, truncated: boolean): void => this.onSessionPacket(true, msg, truncated, this.meta);
  private readonly fromServerMessage = (msg: Buffer, _length: number, truncated: boolean): void => this.onSessionPacket(false, msg, truncated, this.meta);
  private readonly framingError = (reason: string): void => this.ctx.decodeError('nbss', reason, this.meta.frame);

  onData(fromClient: boolean, data: Buffer, meta: PacketMeta): void {
    this.meta = meta;
    this.framers[fromClient ? 0 : 1].push(data, fromClient ? this.fromClientMessage : this.fromServerMessage, this.framingError);
  }

  onGap(fromClient: boolean, _missingBytes?: number, _meta?: PacketMeta): void {
    this.framers[fromClient ? 0 : 1].gap();
    this.pipes.gap(fromClient);
  }

  onEnd(_meta?: PacketMeta | null): void {
    this.pipes.end();
  }

  private onSessionPacket(fromClient: boolean, packet: Buffer, truncated: boolean, meta: PacketMeta): void {
    const type = packet[0];
    const body = packet.subarray(NBSS_HEADER);
    if (type === NBSS.request) {
      this.onSessionRequest(body, meta);
      return;
    }
    if (type !== NBSS.message || body.length === 0) return; // responses, keep-alives
    const magic = smbMagic(body, 0);
    if (magic === TRANSFORM_MAGIC) this.blind('smb3Encrypted', fromClient, meta);
    else if (magic === COMPRESSION_MAGIC) this.blind('smbCompressed', fromClient, meta);
    else if (truncated) return; // a bulk file transfer over the cap: its payload matters to no detection
    else if (magic === SMB2_MAGIC) this.smb2.onMessage(fromClient, body, meta);
    else if (magic === SMB1_MAGIC) this.smb1.onMessage(fromClient, body, meta);
    else this.ctx.decodeError('nbss', 'session message without an SMB protocol id', meta.frame);
  }

  private blind(kind: 'smb3Encrypted' | 'smbCompressed', fromClient: boolean, meta: PacketMeta): void {
    const key = `${kind}${fromClient ? '>' : '<'}`;
    if (this.counted.get(key) === meta.frame) return;
    this.counted.set(key, meta.frame);
    this.ctx.blindSpot(kind, this.conv.clientIp, this.conv.serverIp);
  }

  /** NetBIOS names of both ends, as the client states them (RFC 1002 §4.3.2). */
  private onSessionRequest(body: Buffer, meta: PacketMeta): void {
    try {
      const { called, calling } = decodeSessionRequest(body);
      if (calling && !calling.startsWith('*')) this.ctx.learnName(this.conv.clientIp, calling, 'smb', meta.ts);
      // Clients often call "*SMBSERVER" or the server's IP address: only a real name is learned.
      if (called && !called.startsWith('*') && !/^[\d.]+$/.test(called)) this.ctx.learnName(this.conv.serverIp, called, 'smb', meta.ts);
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      this.ctx.decodeError('nbss', e.reason, meta.frame);
    }
  }
}
