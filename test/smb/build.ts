/**
 * Builders for SMB2 messages (MS-SMB2 §2.2), NetBIOS framing and NTLMSSP AUTHENTICATE, for unit
 * tests. Offsets are computed as the spec defines them (from the start of the SMB2 header).
 */
const u16 = (v: number): Buffer => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(v);
  return b;
};
const u32 = (v: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(v >>> 0);
  return b;
};
const u64 = (v: number): Buffer => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(v));
  return b;
};
export const utf16 = (s: string): Buffer => Buffer.from(s, 'utf16le');

export interface HeaderOpts {
  response?: boolean;
  messageId: number;
  treeId?: number;
  status?: number;
  related?: boolean;
  asyncId?: number;
}

export function smb2(command: number, o: HeaderOpts, body: Buffer): Buffer {
  const h = Buffer.alloc(64);
  h.writeUInt32BE(0xfe534d42, 0);
  h.writeUInt16LE(64, 4);
  h.writeUInt32LE(o.status ?? 0, 8);
  h.writeUInt16LE(command, 12);
  h.writeUInt32LE((o.response ? 1 : 0) | (o.asyncId !== undefined ? 2 : 0) | (o.related ? 4 : 0), 16);
  h.writeBigUInt64LE(BigInt(o.messageId), 24);
  if (o.asyncId !== undefined) h.writeBigUInt64LE(BigInt(o.asyncId), 32);
  else h.writeUInt32LE(o.treeId ?? 0, 36);
  h.writeBigUInt64LE(0x1234n, 40);
  return Buffer.concat([h, body]);
}

/** Chain messages with NextCommand (each padded to 8 bytes, §3.2.4.1.4). */
export function compound(msgs: Buffer[]): Buffer {
  const padded = msgs.map((m, i) => {
    if (i === msgs.length - 1) return m;
    const p = Buffer.concat([m, Buffer.alloc((8 - (m.length % 8)) % 8)]);
    p.writeUInt32LE(p.length, 20);
    return p;
  });
  return Buffer.concat(padded);
}

export function nbss(payload: Buffer, type = 0): Buffer {
  const h = Buffer.alloc(4);
  h.writeUInt32BE(payload.length);
  h[0] = type;
  return Buffer.concat([h, payload]);
}

export const fileId = (n: number): Buffer => Buffer.concat([u64(n), u64(n + 100)]);
export const RELATED = Buffer.alloc(16, 0xff);

export const sessionSetupReq = (token: Buffer): Buffer =>
  Buffer.concat([u16(25), Buffer.from([0, 1]), u32(0), u32(0), u16(88), u16(token.length), u64(0), token]);
export const treeConnectReq = (path: string): Buffer => Buffer.concat([u16(9), u16(0), u16(72), u16(utf16(path).length), utf16(path)]);
export const treeConnectResp = (shareType: number): Buffer => Buffer.concat([u16(16), Buffer.from([shareType, 0]), u32(0), u32(0), u32(0x1f01ff)]);
export const createReq = (name: string): Buffer =>
  Buffer.concat([u16(57), Buffer.alloc(34), u32(1), u32(0), u16(120), u16(utf16(name).length), u32(0), u32(0), utf16(name)]);
export const createResp = (id: Buffer): Buffer => Buffer.concat([u16(89), Buffer.alloc(62), id, Buffer.alloc(8)]);
export const writeReq = (id: Buffer, data: Buffer): Buffer =>
  Buffer.concat([u16(49), u16(112), u32(data.length), u64(0), id, u32(0), u32(0), u16(0), u16(0), u32(0), data]);
export const readReq = (id: Buffer): Buffer =>
  Buffer.concat([u16(49), Buffer.from([0, 0]), u32(1024), u64(0), id, u32(0), u32(0), u32(0), u16(0), u16(0), Buffer.alloc(1)]);
export const readResp = (data: Buffer): Buffer => Buffer.concat([u16(17), Buffer.from([80, 0]), u32(data.length), u32(0), u32(0), data]);
export const ioctlReq = (id: Buffer, input: Buffer, ctl = 0x0011c017): Buffer =>
  Buffer.concat([u16(57), u16(0), u32(ctl), id, u32(120), u32(input.length), u32(0), u32(0), u32(0), u32(1024), u32(1), u32(0), input]);
export const ioctlResp = (id: Buffer, output: Buffer, ctl = 0x0011c017): Buffer =>
  Buffer.concat([u16(49), u16(0), u32(ctl), id, u32(112), u32(0), u32(112), u32(output.length), u32(0), u32(0), output]);
export const closeReq = (id: Buffer): Buffer => Buffer.concat([u16(24), u16(0), u32(0), id]);
export const closeResp = (): Buffer => Buffer.concat([u16(60), Buffer.alloc(58)]);
export const errorResp = (): Buffer => Buffer.concat([u16(9), Buffer.alloc(7)]);
export const writeResp = (n: number): Buffer => Buffer.concat([u16(17), u16(0), u32(n), u32(0), u16(0), u16(0)]);

/** MS-NLMP §2.2.1.3 AUTHENTICATE_MESSAGE with Unicode strings. */
export function ntlmAuthenticate(domain: string, user: string, workstation: string, unicode = true): Buffer {
  const enc = (s: string): Buffer => (unicode ? utf16(s) : Buffer.from(s, 'latin1'));
  const payload = [Buffer.alloc(24, 1), Buffer.alloc(24, 2), enc(domain), enc(user), enc(workstation), Buffer.alloc(16, 3)];
  let offset = 64 + 8 + 16; // fixed part, Version, MIC
  const fields: Buffer[] = [];
  for (const p of payload) {
    fields.push(u16(p.length), u16(p.length), u32(offset));
    offset += p.length;
  }
  return Buffer.concat([Buffer.from('NTLMSSP\0', 'latin1'), u32(3), ...fields, u32(unicode ? 0x62088215 : 0x62088214), Buffer.alloc(24), ...payload]);
}

/** An SPNEGO negTokenResp wrapping a token (enough DER for the signature scan to have to skip it). */
export function spnegoResp(inner: Buffer): Buffer {
  const octet = Buffer.concat([Buffer.from([0x04, 0x82]), u16be(inner.length), inner]);
  const tagged = Buffer.concat([Buffer.from([0xa2, 0x82]), u16be(octet.length), octet]);
  const seq = Buffer.concat([Buffer.from([0x30, 0x82]), u16be(tagged.length), tagged]);
  return Buffer.concat([Buffer.from([0xa1, 0x82]), u16be(seq.length), seq]);
}
function u16be(v: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(v);
  return b;
}

/** DER TLV (definite length) for test tokens. */
function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  const len = body.length < 128 ? Buffer.from([body.length]) : Buffer.from([0x82, body.length >> 8, body.length & 0xff]);
  return Buffer.concat([Buffer.from([tag]), len, body]);
}
const derInt = (v: number): Buffer => tlv(0x02, Buffer.from([v]));
const derStr = (s: string): Buffer => tlv(0x1b, Buffer.from(s, 'latin1'));

/** RFC 4121 InitialContextToken with an RFC 4120 AP-REQ whose ticket is for sname/host@realm. */
export function kerberosApReqToken(service = 'cifs', host = 'DC01.corp.local', realm = 'CORP.LOCAL'): Buffer {
  const sname = tlv(0x30, tlv(0xa0, derInt(2)), tlv(0xa1, tlv(0x30, derStr(service), derStr(host))));
  const encPart = tlv(0x30, tlv(0xa0, derInt(18)), tlv(0xa2, tlv(0x04, Buffer.alloc(40, 0x55))));
  const ticket = tlv(0x61, tlv(0x30, tlv(0xa0, derInt(5)), tlv(0xa1, derStr(realm)), tlv(0xa2, sname), tlv(0xa3, encPart)));
  const apReq = tlv(0x6e, tlv(0x30, tlv(0xa0, derInt(5)), tlv(0xa1, derInt(14)), tlv(0xa2, tlv(0x03, Buffer.alloc(5))), tlv(0xa3, ticket), tlv(0xa4, encPart)));
  return tlv(0x60, Buffer.from('06092a864886f712010202', 'hex'), Buffer.from('0100', 'hex'), apReq);
}
