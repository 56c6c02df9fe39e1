/**
 * Byte-level mutations (after Wireshark's editcap -E / fuzzshark and AFL's havoc stage): bit flips,
 * byte sets, truncation, insertions and duplications, and length-field attacks (a 1/2/4-byte field
 * in either byte order set to 0, its maximum, or one past the bytes that follow). A case applies a
 * few of them; `truncate` alone is also used at every offset by the exhaustive truncation pass.
 */
import type { Rng } from './rng.ts';

/** Inputs are capped so that a case stays fast; the caps here are not the engine's caps. */
export const MAX_INPUT = 512 * 1024;

const INTERESTING_8 = [0, 1, 0x7f, 0x80, 0xff];
const INTERESTING_32 = [0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe, 0x10000, 100_001, 0x00ffffff];

export function bitFlip(b: Buffer, r: Rng): Buffer {
  if (b.length === 0) return b;
  const out = Buffer.from(b);
  const i = r.int(out.length);
  out[i] = out[i]! ^ (1 << r.int(8));
  return out;
}

export function byteSet(b: Buffer, r: Rng): Buffer {
  if (b.length === 0) return b;
  const out = Buffer.from(b);
  out[r.int(out.length)] = r.bool() ? r.pick(INTERESTING_8) : r.int(256);
  return out;
}

export function truncate(b: Buffer, at: number): Buffer {
  return b.subarray(0, Math.max(0, Math.min(at, b.length)));
}

export function insert(b: Buffer, r: Rng): Buffer {
  const at = r.int(b.length + 1);
  const add = r.bool() ? r.bytes(r.range(1, 16)) : Buffer.alloc(r.range(1, 64), r.pick(INTERESTING_8));
  return cap(Buffer.concat([b.subarray(0, at), add, b.subarray(at)]));
}

/** Copy a slice of the input somewhere else in it (repeats a record, a PDU, a TLV...). */
export function duplicate(b: Buffer, r: Rng): Buffer {
  if (b.length === 0) return b;
  const from = r.int(b.length);
  const len = r.range(1, Math.min(b.length - from, 4096));
  const at = r.int(b.length + 1);
  const times = r.bool(0.2) ? r.range(2, 32) : 1;
  const parts: Buffer[] = [b.subarray(0, at)];
  for (let i = 0; i < times; i++) parts.push(b.subarray(from, from + len));
  parts.push(b.subarray(at));
  return cap(Buffer.concat(parts));
}

export function remove(b: Buffer, r: Rng): Buffer {
  if (b.length < 2) return b;
  const from = r.int(b.length);
  const len = r.range(1, Math.min(b.length - from, 256));
  return Buffer.concat([b.subarray(0, from), b.subarray(from + len)]);
}

/** A length field at a random offset set to 0, max, one past the rest, or an interesting value. */
export function lengthField(b: Buffer, r: Rng): Buffer {
  const width = r.pick([1, 2, 4] as const);
  if (b.length < width) return b;
  const out = Buffer.from(b);
  const at = r.int(out.length - width + 1);
  const rest = out.length - at - width;
  const max = width === 1 ? 0xff : width === 2 ? 0xffff : 0xffffffff;
  const choice = r.int(4);
  let v = choice === 0 ? 0 : choice === 1 ? max : choice === 2 ? rest + 1 : r.pick(INTERESTING_32);
  v = Math.min(v, max) >>> 0;
  const be = r.bool();
  if (width === 1) out[at] = v & 0xff;
  else if (width === 2) {
    if (be) out.writeUInt16BE(v & 0xffff, at);
    else out.writeUInt16LE(v & 0xffff, at);
  } else if (be) out.writeUInt32BE(v, at);
  else out.writeUInt32LE(v, at);
  return out;
}

/** NDR-style: a 4-byte aligned little-endian count set huge (conformance, actual count, size_is). */
export function hugeCount(b: Buffer, r: Rng): Buffer {
  if (b.length < 4) return b;
  const out = Buffer.from(b);
  const at = r.int(Math.floor(out.length / 4)) * 4;
  out.writeUInt32LE(r.pick([0xffffffff, 0x7fffffff, 100_001, 0x10000000, 0x40000]) >>> 0, at);
  return out;
}

export function cap(b: Buffer): Buffer {
  return b.length > MAX_INPUT ? b.subarray(0, MAX_INPUT) : b;
}

const HAVOC = [bitFlip, byteSet, insert, duplicate, remove, lengthField, hugeCount] as const;

/** 1..n stacked random mutations; occasionally a truncation at a random offset too. */
export function havoc(b: Buffer, r: Rng, n = 4): Buffer {
  let out = b;
  const k = r.range(1, n);
  for (let i = 0; i < k; i++) out = r.pick(HAVOC)(out, r);
  if (r.bool(0.15)) out = truncate(out, r.int(out.length + 1));
  return out;
}
