/**
 * Bounds-checked reader over a Buffer. Every read checks the remaining length first and throws a
 * typed DecodeError carrying the offset, so a truncated or hostile packet is an error with a
 * position, never a crash or a read of garbage. Cursors are cheap and may be reused (reset()).
 */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(`${reason} at ${offset}`);
  }
}

export class Cursor {
  constructor(
    public buf: Buffer,
    public pos = 0,
    public end = buf.length,
  ) {}

  /** Point the cursor at another buffer (avoids allocating a new cursor per packet). */
  reset(buf: Buffer, pos = 0, end = buf.length): this {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
    return this;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  need(n: number): void {
    if (n < 0 || n > this.end - this.pos) throw new DecodeError(this.pos, `need ${n} bytes, have ${this.end - this.pos}`);
  }

  fail(reason: string): never {
    throw new DecodeError(this.pos, reason);
  }

  u8(): number {
    this.need(1);
    return this.buf[this.pos++]!;
  }
  u16(le = false): number {
    this.need(2);
    const v = le ? this.buf.readUInt16LE(this.pos) : this.buf.readUInt16BE(this.pos);
    this.pos += 2;
    return v;
  }
  u32(le = false): number {
    this.need(4);
    const v = le ? this.buf.readUInt32LE(this.pos) : this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  i32(le = false): number {
    this.need(4);
    const v = le ? this.buf.readInt32LE(this.pos) : this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  /** 64-bit unsigned as a JS number; values above 2^53 lose precision (callers cap them anyway). */
  u64(le = false): number {
    this.need(8);
    const hi = le ? this.buf.readUInt32LE(this.pos + 4) : this.buf.readUInt32BE(this.pos);
    const lo = le ? this.buf.readUInt32LE(this.pos) : this.buf.readUInt32BE(this.pos + 4);
    this.pos += 8;
    return hi * 0x1_0000_0000 + lo;
  }
  /** A view (no copy) of the next n bytes. */
  bytes(n: number): Buffer {
    this.need(n);
    const v = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }
  skip(n: number): void {
    this.need(n);
    this.pos += n;
  }
  /** Move to an absolute offset inside [0, end]. */
  seek(pos: number): void {
    if (pos < 0 || pos > this.end) throw new DecodeError(this.pos, `seek to ${pos} outside 0..${this.end}`);
    this.pos = pos;
  }
  /** Align pos to a multiple of n relative to base (NDR alignment). */
  align(n: number, base = 0): void {
    const rel = (this.pos - base) % n;
    if (rel !== 0) this.skip(n - rel);
  }
  /** A child cursor over the next n bytes; the parent skips them. */
  sub(n: number): Cursor {
    this.need(n);
    const c = new Cursor(this.buf, this.pos, this.pos + n);
    this.pos += n;
    return c;
  }
}
