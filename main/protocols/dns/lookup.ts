/**
 * The cheap path for ordinary DNS lookups (most of the DNS on a network): they feed naming and the
 * DNS server role, never activities, so their messages are checked and walked without building
 * objects, and only A, AAAA and PTR answers become strings (DESIGN.md "Where the time goes").
 *
 * The walk checks exactly what decodeDnsMessage (message.ts) checks, in the same order and with the
 * same DecodeError reasons (RFC 1035 §4.1: header, QDCOUNT questions, then up to
 * MAX_RECORDS_DECODED answer records, RDATA of PTR/CNAME/NS/SRV/SOA read as names), so a message is
 * counted as a decode error on this path exactly when it would be on the full one.
 * Zone transfers take the full path (index.ts decides by the first question's type).
 */
import { Cursor, DecodeError } from '../../util/cursor.ts';
import { learnNameOnce, reverseNameToIp } from '../naming/learn.ts';
import type { DissectorContext, NameSource } from '../../engine/dissector.ts';
import { TYPE_A, TYPE_AAAA, TYPE_CNAME, TYPE_NS, TYPE_PTR, TYPE_SOA, TYPE_SRV } from './constants.ts';
import { ipv6Text, MAX_RECORDS_DECODED } from './message.ts';
import { MAX_NAME_OCTETS, MAX_POINTER_HOPS, readName } from './name.ts';

/** What the walk found; reused from message to message (one per module instance). */
export class LookupScan {
  id = 0;
  response = false;
  /** Type of the first question, -1 when there is none. */
  firstQtype = -1;
  /** Answers of interest for naming: [nameOffset, type, rdataOffset, rdlength] * count. */
  readonly answers = new Int32Array(4 * MAX_RECORDS_DECODED);
  count = 0;
  private readonly c = new Cursor(Buffer.alloc(0));
  private readonly r = new Cursor(Buffer.alloc(0));

  /** Walk `buf` (one message); throws DecodeError where decodeDnsMessage would. */
  scan(buf: Buffer): this {
    const c = this.c.reset(buf);
    this.id = c.u16();
    const flags = c.u16();
    this.response = (flags & 0x8000) !== 0;
    const qdcount = c.u16();
    const ancount = c.u16();
    c.u16();
    c.u16();
    this.firstQtype = -1;
    this.count = 0;
    for (let i = 0; i < qdcount; i++) {
      if (i >= MAX_RECORDS_DECODED) throw new DecodeError(c.pos, `QDCOUNT ${qdcount} over cap`);
      skipName(c);
      const type = c.u16();
      c.u16();
      if (i === 0) this.firstQtype = type;
    }
    for (let i = 0; i < ancount && i < MAX_RECORDS_DECODED; i++) this.record(c, buf);
    return this;
  }

  private record(c: Cursor, buf: Buffer): void {
    const nameAt = c.pos;
    skipName(c);
    const type = c.u16();
    c.u16();
    c.u32();
    const rdlength = c.u16();
    const rdStart = c.pos;
    c.skip(rdlength);
    if (type === TYPE_A || type === TYPE_AAAA || type === TYPE_PTR) {
      const k = 4 * this.count++;
      const a = this.answers;
      a[k] = nameAt;
      a[k + 1] = type;
      a[k + 2] = rdStart;
      a[k + 3] = rdlength;
    }
    if (type === TYPE_PTR || type === TYPE_CNAME || type === TYPE_NS || type === TYPE_SRV || type === TYPE_SOA) {
      const r = this.r.reset(buf, rdStart, rdStart + rdlength);
      if (type === TYPE_SRV) r.skip(6);
      skipName(r);
      if (type === TYPE_SOA) {
        skipName(r);
        r.u32();
      }
    }
  }

  /** learnFromRecords (naming.ts) over the answers found, in message order. */
  learn(ctx: DissectorContext, buf: Buffer, source: NameSource, ts: number): void {
    const a = this.answers;
    const c = this.c.reset(buf);
    for (let i = 0; i < this.count; i++) {
      const k = 4 * i;
      const type = a[k + 1]!;
      const rd = a[k + 2]!;
      const rdlength = a[k + 3]!;
      c.pos = a[k]!;
      c.end = buf.length;
      if (type === TYPE_A) {
        if (rdlength !== 4) continue;
        learnNameOnce(ctx, `${buf[rd]}.${buf[rd + 1]}.${buf[rd + 2]}.${buf[rd + 3]}`, readName(c, 0), source, ts);
      } else if (type === TYPE_AAAA) {
        if (rdlength !== 16) continue;
        learnNameOnce(ctx, ipv6Text(buf.subarray(rd, rd + 16)), readName(c, 0), source, ts);
      } else {
        const ip = reverseNameToIp(readName(c, 0));
        if (!ip) continue;
        c.pos = rd;
        c.end = rd + rdlength;
        const target = readName(c, 0);
        if (target) learnNameOnce(ctx, ip, target, source, ts);
      }
    }
  }
}

/** readName (name.ts) without building the name: the same checks, errors and cursor movement. */
export function skipName(c: Cursor): void {
  const buf = c.buf;
  let pos = c.pos;
  let jumped = false;
  let lowest = c.pos;
  let octets = 0;
  for (let hops = 0; ; ) {
    if (pos >= c.end) throw new DecodeError(pos, 'name runs past the message');
    const len = buf[pos]!;
    if (len === 0) {
      if (!jumped) c.pos = pos + 1;
      return;
    }
    const kind = len & 0xc0;
    if (kind === 0xc0) {
      if (pos + 1 >= c.end) throw new DecodeError(pos, 'truncated compression pointer');
      const target = ((len & 0x3f) << 8) | buf[pos + 1]!;
      if (!jumped) c.pos = pos + 2;
      jumped = true;
      if (++hops > MAX_POINTER_HOPS) throw new DecodeError(pos, 'too many compression pointers');
      if (target >= lowest) throw new DecodeError(pos, `compression pointer to ${target} does not point backwards`);
      lowest = target;
      pos = target;
      continue;
    }
    if (kind !== 0) throw new DecodeError(pos, `label type 0x${kind.toString(16)}`);
    if (pos + 1 + len > c.end) throw new DecodeError(pos, 'label runs past the message');
    octets += len + 1;
    if (octets > MAX_NAME_OCTETS) throw new DecodeError(pos, 'name longer than 255 octets');
    pos += 1 + len;
  }
}
