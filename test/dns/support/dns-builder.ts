/** A minimal DNS message encoder for tests (RFC 1035 §4.1), names written without compression. */
export function name(n: string): Buffer {
  const parts = n === '' ? [] : n.split('.');
  return Buffer.concat([...parts.map((p) => Buffer.concat([Buffer.from([p.length]), Buffer.from(p, 'latin1')])), Buffer.from([0])]);
}
export interface RecordSpec { name: string; type: number; rdata: Buffer; ttl?: number; cls?: number }
export const a = (n: string, ip: string): RecordSpec => ({ name: n, type: 1, rdata: Buffer.from(ip.split('.').map(Number)) });
export const ptr = (n: string, target: string): RecordSpec => ({ name: n, type: 12, rdata: name(target) });
export function soa(zone: string, serial: number): RecordSpec {
  const nums = Buffer.alloc(20);
  nums.writeUInt32BE(serial, 0);
  return { name: zone, type: 6, rdata: Buffer.concat([name(`ns1.${zone}`), name(`admin.${zone}`), nums]) };
}
function rr(r: RecordSpec): Buffer {
  const fixed = Buffer.alloc(10);
  fixed.writeUInt16BE(r.type, 0);
  fixed.writeUInt16BE(r.cls ?? 1, 2);
  fixed.writeUInt32BE(r.ttl ?? 300, 4);
  fixed.writeUInt16BE(r.rdata.length, 8);
  return Buffer.concat([name(r.name), fixed, r.rdata]);
}
export interface MessageSpec {
  id?: number;
  response?: boolean;
  opcode?: number;
  rcode?: number;
  questions?: { name: string; type: number }[];
  answers?: RecordSpec[];
  authority?: RecordSpec[];
  additional?: RecordSpec[];
}
export function message(m: MessageSpec): Buffer {
  const h = Buffer.alloc(12);
  h.writeUInt16BE(m.id ?? 0x1234, 0);
  h.writeUInt16BE((m.response ? 0x8000 : 0) | ((m.opcode ?? 0) << 11) | (m.rcode ?? 0), 2);
  const q = m.questions ?? [];
  h.writeUInt16BE(q.length, 4);
  h.writeUInt16BE(m.answers?.length ?? 0, 6);
  h.writeUInt16BE(m.authority?.length ?? 0, 8);
  h.writeUInt16BE(m.additional?.length ?? 0, 10);
  const qs = q.map((x) => {
    const t = Buffer.alloc(4);
    t.writeUInt16BE(x.type, 0);
    t.writeUInt16BE(1, 2);
    return Buffer.concat([name(x.name), t]);
  });
  return Buffer.concat([h, ...qs, ...(m.answers ?? []).map(rr), ...(m.authority ?? []).map(rr), ...(m.additional ?? []).map(rr)]);
}
/** TCP framing, RFC 1035 §4.2.2. */
export const tcp = (msg: Buffer): Buffer => {
  const h = Buffer.alloc(2);
  h.writeUInt16BE(msg.length);
  return Buffer.concat([h, msg]);
};
