/**
 * A small NDR / NDR64 encoder for tests: builds stubs the way MIDL marshals them (alignment,
 * 4- or 8-byte referent ids and counts), so that decoders can be tested on shapes no capture in the
 * corpus holds (session lists at every level, big-endian, hostile counts).
 */
export class NdrWriter {
  private bytes: number[] = [];
  private nextId = 0x20000;
  constructor(
    readonly ndr64: boolean,
    readonly le = true,
  ) {}

  get length(): number {
    return this.bytes.length;
  }
  align(n: number): this {
    while (this.bytes.length % n !== 0) this.bytes.push(0);
    return this;
  }
  alignPtr(): this {
    return this.align(this.ndr64 ? 8 : 4);
  }
  u8(v: number): this {
    this.bytes.push(v & 0xff);
    return this;
  }
  private int(v: number, size: number): this {
    this.align(size);
    const b = Buffer.alloc(size);
    if (size === 2) {
      if (this.le) b.writeUInt16LE(v);
      else b.writeUInt16BE(v);
    } else if (size === 4) {
      if (this.le) b.writeUInt32LE(v >>> 0);
      else b.writeUInt32BE(v >>> 0);
    } else if (this.le) b.writeBigUInt64LE(BigInt(v));
    else b.writeBigUInt64BE(BigInt(v));
    this.bytes.push(...b);
    return this;
  }
  u16(v: number): this {
    return this.int(v, 2);
  }
  u32(v: number): this {
    return this.int(v, 4);
  }
  u64(v: number): this {
    return this.int(v, 8);
  }
  enumValue(v: number): this {
    return this.ndr64 ? this.u32(v) : this.u16(v);
  }
  count(v: number): this {
    return this.ndr64 ? this.u64(v) : this.u32(v);
  }
  /** A referent id: 0 for null, else a fresh non-zero id (or the one given). */
  ptr(present: boolean, id?: number): this {
    return this.count(present ? (id ?? (this.nextId += 4)) : 0);
  }
  /** Conformant varying UTF-16 string with its terminating NUL counted, as [string] wchar_t* is sent. */
  wstring(s: string, nul = true): this {
    const units = s.length + (nul ? 1 : 0);
    this.count(units).count(0).count(units).align(2);
    for (let i = 0; i < s.length; i++) this.u16(s.charCodeAt(i));
    if (nul) this.u16(0);
    return this;
  }
  /** RPC_UNICODE_STRING header (the characters follow later with ustringBody). */
  ustringHeader(s: string | null): this {
    this.alignPtr();
    const len = s === null ? 0 : s.length * 2;
    return this.u16(len).u16(len).ptr(s !== null);
  }
  ustringBody(s: string): this {
    return this.wstring(s, false);
  }
  sid(sid: string): this {
    const [, rev, auth, ...subs] = sid.split('-');
    this.count(subs.length).align(4).u8(Number(rev)).u8(subs.length);
    const a = Buffer.alloc(6);
    a.writeUIntBE(Number(auth), 0, 6);
    this.bytes.push(...a);
    for (const s of subs) this.u32(Number(s));
    return this;
  }
  handle(fill: number): this {
    this.align(4);
    for (let i = 0; i < 20; i++) this.bytes.push(i < 4 ? 0 : fill);
    return this;
  }
  raw(b: Buffer | number[]): this {
    this.bytes.push(...b);
    return this;
  }
  done(): Buffer {
    return Buffer.from(this.bytes);
  }
}
