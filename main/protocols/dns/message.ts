/**
 * DNS messages, RFC 1035 §4.1. Enough for naming (A, AAAA, PTR, CNAME, SRV, SOA) and for zone
 * transfers (RFC 5936 AXFR, RFC 1995 IXFR): header, questions, and the answer section. The
 * authority and additional sections are read only when asked (NBNS registrations carry their
 * address there).
 *
 * §4.1.1 Header (12 octets):
 *   ID (16) | QR(1) Opcode(4) AA(1) TC(1) RD(1) RA(1) Z(3) RCODE(4) | QDCOUNT | ANCOUNT | NSCOUNT | ARCOUNT
 * §4.1.2 Question: QNAME (name) | QTYPE (16) | QCLASS (16)
 * §4.1.3 Resource record: NAME | TYPE (16) | CLASS (16) | TTL (32) | RDLENGTH (16) | RDATA
 */
import { Cursor, DecodeError } from '../../util/cursor.ts';
import { TYPE_A, TYPE_AAAA, TYPE_CNAME, TYPE_NS, TYPE_PTR, TYPE_SOA, TYPE_SRV } from './constants.ts';
import { readName } from './name.ts';
import { compressIpv6 } from '../naming/learn.ts';

/** Counts are 16 bits, so at most 65535 records; we decode at most this many per section. */
export const MAX_RECORDS_DECODED = 4096;

export interface DnsHeader {
  id: number;
  response: boolean;
  opcode: number;
  authoritative: boolean;
  truncated: boolean;
  rcode: number;
  qdcount: number;
  ancount: number;
  nscount: number;
  arcount: number;
}
export interface DnsQuestion { name: string; type: number; class: number }
export interface DnsRecord {
  name: string;
  type: number;
  class: number;
  ttl: number;
  /** A/AAAA: address text; PTR/CNAME/NS: target name; SRV: target; others: null. */
  data: string | null;
  /** SOA only: the zone serial. */
  serial?: number;
  /** The raw RDATA (a view into the message), for the callers that read other types (NBNS). */
  rdata: Buffer;
}
export interface DnsMessage {
  header: DnsHeader;
  questions: DnsQuestion[];
  answers: DnsRecord[];
  /** Authority + additional records, only when decodeDnsMessage(..., { allSections: true }). */
  extra: DnsRecord[];
}

export function decodeHeader(c: Cursor): DnsHeader {
  const id = c.u16();
  const flags = c.u16();
  return {
    id,
    response: (flags & 0x8000) !== 0,
    opcode: (flags >> 11) & 0xf,
    authoritative: (flags & 0x0400) !== 0,
    truncated: (flags & 0x0200) !== 0,
    rcode: flags & 0xf,
    qdcount: c.u16(),
    ancount: c.u16(),
    nscount: c.u16(),
    arcount: c.u16(),
  };
}

export function ipv6Text(b: Buffer): string {
  const g: string[] = [];
  for (let i = 0; i < 16; i += 2) g.push(b.readUInt16BE(i).toString(16));
  return compressIpv6(g);
}

function decodeRecord(c: Cursor, msgStart: number, rawRdata: boolean): DnsRecord {
  const name = readName(c, msgStart);
  const type = c.u16();
  const cls = c.u16();
  const ttl = c.u32();
  const rdlength = c.u16();
  const rdStart = c.pos;
  const rdata = c.bytes(rdlength);
  const r = new Cursor(c.buf, rdStart, rdStart + rdlength);
  const rec: DnsRecord = { name, type, class: cls, ttl, data: null, rdata };
  if (rawRdata) return rec;
  if (type === TYPE_A && rdlength === 4) rec.data = Array.from(rdata).join('.');
  else if (type === TYPE_AAAA && rdlength === 16) rec.data = ipv6Text(rdata);
  else if (type === TYPE_PTR || type === TYPE_CNAME || type === TYPE_NS) rec.data = readName(r, msgStart);
  else if (type === TYPE_SRV) {
    r.skip(6); // priority, weight, port (RFC 2782)
    rec.data = readName(r, msgStart);
  } else if (type === TYPE_SOA) {
    // RFC 1035 §3.3.13: MNAME, RNAME, SERIAL, REFRESH, RETRY, EXPIRE, MINIMUM
    rec.data = readName(r, msgStart);
    readName(r, msgStart);
    rec.serial = r.u32();
  }
  return rec;
}

/**
 * Decodes a whole message held in `buf` (a UDP payload or one TCP record). Throws DecodeError.
 * allSections: also read authority and additional records; rawRdata: leave RDATA uninterpreted
 * (NBNS reuses DNS type numbers for other things: its NBSTAT 0x21 is DNS's SRV).
 */
export function decodeDnsMessage(buf: Buffer, opts: { allSections?: boolean; rawRdata?: boolean } = {}): DnsMessage {
  const c = new Cursor(buf);
  const header = decodeHeader(c);
  const questions: DnsQuestion[] = [];
  for (let i = 0; i < header.qdcount; i++) {
    if (i >= MAX_RECORDS_DECODED) throw new DecodeError(c.pos, `QDCOUNT ${header.qdcount} over cap`);
    questions.push({ name: readName(c, 0), type: c.u16(), class: c.u16() });
  }
  const answers: DnsRecord[] = [];
  for (let i = 0; i < header.ancount && i < MAX_RECORDS_DECODED; i++) answers.push(decodeRecord(c, 0, opts.rawRdata === true));
  const extra: DnsRecord[] = [];
  if (opts.allSections) {
    const more = header.nscount + header.arcount;
    for (let i = 0; i < more && i < MAX_RECORDS_DECODED; i++) extra.push(decodeRecord(c, 0, opts.rawRdata === true));
  }
  return { header, questions, answers, extra };
}
