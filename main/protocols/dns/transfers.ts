/**
 * Zone transfers on one conversation: RFC 5936 (AXFR) and RFC 1995 (IXFR).
 *
 * RFC 5936 §2.2: an AXFR response is one or more DNS messages; the first record of the first message
 * is the zone's SOA and the transfer ends with the same SOA as its last record. Later messages may
 * carry no question (§2.2.1), so messages are tied to the request by their ID.
 * RFC 1995 §4: an IXFR response also starts and ends with the SOA of the new version (a single SOA
 * means "already up to date").
 * A non-zero RCODE (REFUSED 5, NOTAUTH 9 ...) ends the transfer at once. A response whose request
 * was not captured still tells the zone and type through its question (§2.2.1: the first message
 * repeats it): that becomes a transfer with requestSeen false.
 */
import { addFrame, type DnsTransferActivity } from '../../engine/activity.ts';
import type { Conversation, DissectorContext, PacketMeta } from '../../engine/dissector.ts';
import { rcodeName, TRANSFER_TYPES, TYPE_SOA } from './constants.ts';
import type { DnsMessage } from './message.ts';

/** Transfers open at once on one conversation; more is not a real client. */
const MAX_OPEN = 64;

interface Transfer {
  activity: DnsTransferActivity;
  firstSerial: number | null;
  soaSeen: number;
}

export class ZoneTransfers {
  private readonly open = new Map<number, Transfer>();

  constructor(
    private readonly ctx: DissectorContext,
    private readonly conv: Conversation,
  ) {}

  onMessage(fromClient: boolean, msg: DnsMessage, meta: PacketMeta, frames: readonly number[]): void {
    const q = msg.questions[0];
    const qtype = q ? TRANSFER_TYPES.get(q.type) : undefined;
    const id = msg.header.id;
    if (!msg.header.response) {
      if (!fromClient || !q || !qtype) return;
      const old = this.open.get(id);
      if (old) this.finish(id, old);
      if (this.open.size >= MAX_OPEN) this.finishOldest();
      this.open.set(id, this.start(q.name, qtype, true, meta, frames));
      return;
    }
    let t = this.open.get(id);
    if (!t) {
      if (fromClient || !q || !qtype) return;
      if (this.open.size >= MAX_OPEN) this.finishOldest();
      t = this.start(q.name, qtype, false, meta, frames);
      this.open.set(id, t);
    }
    this.addResponse(id, t, msg, meta, frames);
  }

  /** Is a transfer with this message ID open (its responses must reach onMessage)? */
  isOpen(id: number): boolean {
    return this.open.has(id);
  }

  /** The conversation ended: what is still open is reported as it stands. */
  end(): void {
    for (const [id, t] of this.open) this.finish(id, t);
  }

  private start(zone: string, qtype: 'AXFR' | 'IXFR', requestSeen: boolean, meta: PacketMeta, frames: readonly number[]): Transfer {
    const activity: DnsTransferActivity = {
      kind: 'dns-xfer',
      ts: meta.ts,
      frames: [],
      src: this.conv.clientIp,
      dst: this.conv.serverIp,
      transport: this.conv.transport,
      zone,
      qtype,
      requestSeen,
      rcode: null,
      rcodeName: null,
      records: 0,
      serial: null,
    };
    if (requestSeen) for (const f of frames) addFrame(activity.frames, f);
    return { activity, firstSerial: null, soaSeen: 0 };
  }

  private addResponse(id: number, t: Transfer, msg: DnsMessage, meta: PacketMeta, frames: readonly number[]): void {
    const a = t.activity;
    for (const f of frames) addFrame(a.frames, f);
    a.tsEnd = meta.ts;
    if (a.rcode === null) {
      a.rcode = msg.header.rcode;
      a.rcodeName = rcodeName(msg.header.rcode);
    }
    a.records += msg.header.ancount;
    let complete = msg.header.rcode !== 0;
    const last = msg.answers[msg.answers.length - 1];
    for (const r of msg.answers) {
      if (r.type !== TYPE_SOA || r.serial === undefined) continue;
      t.soaSeen++;
      if (t.firstSerial === null) {
        t.firstSerial = r.serial;
        a.serial = r.serial;
      }
    }
    // The closing SOA: the last record of a message, same serial as the opening one.
    if (last?.type === TYPE_SOA && last.serial === t.firstSerial && (t.soaSeen >= 2 || (a.qtype === 'IXFR' && a.records === 1))) complete = true;
    if (complete) this.finish(id, t);
  }

  private finishOldest(): void {
    const first = this.open.entries().next().value;
    if (first) this.finish(first[0], first[1]);
  }

  private finish(id: number, t: Transfer): void {
    this.open.delete(id);
    this.ctx.emit(t.activity);
  }
}
