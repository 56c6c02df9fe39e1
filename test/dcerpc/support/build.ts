/**
 * Builders for DCE/RPC PDUs (C706 §12.6), little-endian drep, for unit tests. They write what
 * the decoders read, field by field, so that a test can vary one field at a time.
 */
import { uuidToBytesLe } from '../../../main/protocols/dcerpc/uuid.ts';
import { NDR_SYNTAX } from '../../../main/protocols/dcerpc/interface.ts';

export interface AuthOpts {
  level: number;
  value?: Buffer;
  pad?: number;
}

export function pdu(ptype: number, callId: number, body: Buffer, flags = 0x03, auth?: AuthOpts): Buffer {
  let tail = Buffer.alloc(0);
  let authLength = 0;
  if (auth) {
    const value = auth.value ?? Buffer.alloc(16, 0xaa);
    const pad = auth.pad ?? (4 - ((16 + body.length) % 4)) % 4;
    const trailer = Buffer.from([0x0a, auth.level, pad, 0, 0, 0, 0, 0]);
    tail = Buffer.concat([Buffer.alloc(pad), trailer, value]);
    authLength = value.length;
  }
  const h = Buffer.alloc(16);
  h[0] = 5;
  h[2] = ptype;
  h[3] = flags;
  h[4] = 0x10;
  h.writeUInt16LE(16 + body.length + tail.length, 8);
  h.writeUInt16LE(authLength, 10);
  h.writeUInt32LE(callId, 12);
  return Buffer.concat([h, body, tail]);
}

function syntax(uuid: string, version: number): Buffer {
  const v = Buffer.alloc(4);
  v.writeUInt32LE(version);
  return Buffer.concat([uuidToBytesLe(uuid), v]);
}

export function bindBody(contexts: { id: number; uuid: string; version?: number; transfers?: string[] }[]): Buffer {
  const parts: Buffer[] = [Buffer.from([0xb8, 0x10, 0xb8, 0x10, 0, 0, 0, 0, contexts.length, 0, 0, 0])];
  for (const c of contexts) {
    const transfers = c.transfers ?? [NDR_SYNTAX];
    const head = Buffer.alloc(4);
    head.writeUInt16LE(c.id);
    head[2] = transfers.length;
    parts.push(head, syntax(c.uuid, c.version ?? 1), ...transfers.map((t) => syntax(t, 2)));
  }
  return Buffer.concat(parts);
}

export function bindAckBody(results: { result: number; transfer?: string }[], secAddr = '\\PIPE\\samr'): Buffer {
  const addr = Buffer.from(secAddr + '\0', 'latin1');
  const head = Buffer.alloc(10);
  head.writeUInt16LE(0x10b8, 0);
  head.writeUInt16LE(0x10b8, 2);
  head.writeUInt16LE(addr.length, 8);
  const used = 16 + head.length + addr.length;
  const pad = Buffer.alloc((4 - (used % 4)) % 4);
  const list: Buffer[] = [Buffer.from([results.length, 0, 0, 0])];
  for (const r of results) {
    const rr = Buffer.alloc(4);
    rr.writeUInt16LE(r.result);
    list.push(rr, syntax(r.transfer ?? NDR_SYNTAX, 2));
  }
  return Buffer.concat([head, addr, pad, ...list]);
}

export function requestBody(contextId: number, opnum: number, stub: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt32LE(stub.length, 0);
  h.writeUInt16LE(contextId, 4);
  h.writeUInt16LE(opnum, 6);
  return Buffer.concat([h, stub]);
}

export function responseBody(contextId: number, stub: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt32LE(stub.length, 0);
  h.writeUInt16LE(contextId, 4);
  return Buffer.concat([h, stub]);
}

export function faultBody(contextId: number, status: number): Buffer {
  const b = Buffer.alloc(16);
  b.writeUInt16LE(contextId, 4);
  b.writeUInt32LE(status, 8);
  return b;
}
