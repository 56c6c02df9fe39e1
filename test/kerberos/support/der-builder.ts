/**
 * A minimal DER encoder for crafting Kerberos messages in tests (RFC 4120 §5 structures).
 * Definite lengths in the shortest form, as DER requires.
 */
export function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
export const tlv = (id: number, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([id]), len(body.length), body]);
};
export const seq = (...c: Buffer[]): Buffer => tlv(0x30, ...c);
export const ctx = (n: number, v: Buffer): Buffer => tlv(0xa0 | n, v);
export const app = (n: number, v: Buffer): Buffer => tlv(0x60 | n, v);
export function int(v: number): Buffer {
  const bytes: number[] = [];
  let x = v;
  do {
    bytes.unshift(x & 0xff);
    x = Math.floor(x / 256);
  } while (x !== 0 && x !== -1);
  if (v >= 0 && bytes[0]! & 0x80) bytes.unshift(0);
  if (v < 0 && !(bytes[0]! & 0x80)) bytes.unshift(0xff);
  return tlv(0x02, Buffer.from(bytes));
}
export const gstr = (s: string): Buffer => tlv(0x1b, Buffer.from(s, 'utf8'));
export const octets = (b: Buffer): Buffer => tlv(0x04, b);
export const time = (s: string): Buffer => tlv(0x18, Buffer.from(s, 'latin1'));
export const principal = (type: number, ...parts: string[]): Buffer => seq(ctx(0, int(type)), ctx(1, seq(...parts.map(gstr))));

export interface AsReqSpec {
  cname?: string[];
  realm?: string;
  sname?: string[];
  nonce?: number;
  etypes?: number[];
  padata?: number[];
  addresses?: { type: number; value: Buffer }[];
  msgType?: 10 | 12;
}
export function kdcReq(s: AsReqSpec = {}): Buffer {
  const msgType = s.msgType ?? 10;
  const body = seq(
    ctx(0, tlv(0x03, Buffer.from([0, 0x40, 0x81, 0, 0x10]))),
    ...(s.cname ? [ctx(1, principal(1, ...s.cname))] : []),
    ctx(2, gstr(s.realm ?? 'CORP.LOCAL')),
    ctx(3, principal(2, ...(s.sname ?? ['krbtgt', s.realm ?? 'CORP.LOCAL']))),
    ctx(5, time('20370913024805Z')),
    ctx(7, int(s.nonce ?? 12345)),
    ctx(8, seq(...(s.etypes ?? [18, 17, 23]).map(int))),
    ...(s.addresses ? [ctx(9, seq(...s.addresses.map((a) => seq(ctx(0, int(a.type)), ctx(1, octets(a.value))))))] : []),
  );
  const padata = s.padata?.length ? [ctx(3, seq(...s.padata.map((t) => seq(ctx(1, int(t)), ctx(2, octets(Buffer.alloc(2)))))))] : [];
  return app(msgType, seq(ctx(1, int(5)), ctx(2, int(msgType)), ...padata, ctx(4, body)));
}
export function kdcRep(cname: string[], crealm = 'CORP.LOCAL', sname: string[] = ['krbtgt', crealm], msgType: 11 | 13 = 11): Buffer {
  const encrypted = seq(ctx(0, int(18)), ctx(2, octets(Buffer.alloc(8, 0xab))));
  const ticket = app(1, seq(ctx(0, int(5)), ctx(1, gstr(crealm)), ctx(2, principal(2, ...sname)), ctx(3, encrypted)));
  return app(msgType, seq(ctx(0, int(5)), ctx(1, int(msgType)), ctx(3, gstr(crealm)), ctx(4, principal(1, ...cname)), ctx(5, ticket), ctx(6, encrypted)));
}
export function krbError(code: number, opts: { cname?: string[]; crealm?: string; realm?: string; sname?: string[] | null } = {}): Buffer {
  const realm = opts.realm ?? 'CORP.LOCAL';
  const sname = opts.sname === undefined ? ['krbtgt', realm] : opts.sname;
  return app(30, seq(
    ctx(0, int(5)),
    ctx(1, int(30)),
    ctx(4, time('20261204120000Z')),
    ctx(5, int(1234)),
    ctx(6, int(code)),
    ...(opts.crealm ? [ctx(7, gstr(opts.crealm))] : []),
    ...(opts.cname ? [ctx(8, principal(1, ...opts.cname))] : []),
    ctx(9, gstr(realm)),
    ...(sname ? [ctx(10, principal(2, ...sname))] : []),
  ));
}
/** TCP framing, RFC 4120 §7.2.2. */
export const record = (msg: Buffer): Buffer => {
  const h = Buffer.alloc(4);
  h.writeUInt32BE(msg.length);
  return Buffer.concat([h, msg]);
};
