/**
 * NDR (C706 chapter 14, transfer syntax 8a885d04-1ceb-11c9-9fe8-08002b104860) and NDR64 (MS-RPCE
 * 2.2.5, transfer syntax 71710533-beba-4937-8319-b5dbef9ccc36) reader over a bounds-checked Cursor.
 *
 * What differs between the two, and what this reader hides from the decoders above it:
 *   - pointer referent ids: 4 bytes aligned 4 (NDR) / 8 bytes aligned 8 (NDR64);
 *   - conformance, offset and actual counts: unsigned long (NDR) / 64-bit aligned 8 (NDR64);
 *   - enums: 16-bit (NDR, C706 14.2.11) / "signed long integers (4 octets)" (NDR64, MS-RPCE 2.2.5);
 *   - structures and unions holding a pointer align to 8 in NDR64 (alignPtr()).
 *
 * Embedded pointers are read in deferred order (C706 14.3.12.3): the referent of a pointer met
 * inside a constructed type comes after that type, in pointer order, and a referent's own embedded
 * referents come right after it (the order Windows and Samba marshal, and Wireshark reads).
 * Hostile input cannot make it loop or allocate without bound: every deferred read was queued by a
 * referent id that consumed bytes, full-pointer ids seen before are not followed again, and every
 * count is checked against NDR_MAX_ELEMENTS and against the bytes left before anything is allocated.
 */
import { Cursor, DecodeError } from '../../util/cursor.ts';

/** No SRVSVC or SAMR answer we read carries more elements than this (SAMR caps lookups at 1000). */
export const NDR_MAX_ELEMENTS = 100_000;
/** Longest string we decode, in UTF-16 code units; longer ones are an error, not an allocation. */
export const NDR_MAX_STRING_UNITS = 32_768;

export class NdrReader {
  readonly c: Cursor;
  private pending: (() => void)[] = [];
  private readonly fullIds = new Set<number>();

  constructor(
    buf: Buffer,
    readonly ndr64: boolean,
    readonly le = true,
  ) {
    this.c = new Cursor(buf);
  }

  get pos(): number {
    return this.c.pos;
  }
  get remaining(): number {
    return this.c.remaining;
  }
  /** Alignment of pointers, and of any structure or union that holds one. */
  get ptrAlign(): 4 | 8 {
    return this.ndr64 ? 8 : 4;
  }

  align(n: number): void {
    this.c.align(n);
  }
  alignPtr(): void {
    this.c.align(this.ptrAlign);
  }
  u8(): number {
    return this.c.u8();
  }
  u16(): number {
    this.c.align(2);
    return this.c.u16(this.le);
  }
  u32(): number {
    this.c.align(4);
    return this.c.u32(this.le);
  }
  u64(): number {
    this.c.align(8);
    return this.c.u64(this.le);
  }
  /** An enum (or a union discriminant of an enum type): 16-bit in NDR, 32-bit in NDR64. */
  enumValue(): number {
    return this.ndr64 ? this.u32() : this.u16();
  }
  /** A conformance (max count), offset or actual count: unsigned long in NDR, 64-bit in NDR64. */
  count(): number {
    return this.ndr64 ? this.u64() : this.u32();
  }
  /** A pointer's referent id; 0 is the null pointer. */
  referent(): number {
    return this.ndr64 ? this.u64() : this.u32();
  }
  /** 20-byte context handle (C706 Appendix N ndr_context_handle: unsigned long attributes + UUID), as hex: the key for handle tables. */
  contextHandle(): string {
    this.c.align(4);
    return this.c.bytes(20).toString('hex');
  }

  /** Checks a count before anything is sized by it: capped, and at least minBytes each must remain. */
  checkCount(n: number, minBytesEach: number): number {
    if (!Number.isSafeInteger(n) || n > NDR_MAX_ELEMENTS) this.c.fail(`count ${n} over cap ${NDR_MAX_ELEMENTS}`);
    if (n * minBytesEach > this.c.remaining) this.c.fail(`count ${n} needs ${n * minBytesEach} bytes, have ${this.c.remaining}`);
    return n;
  }

  /** Unique pointer embedded in a constructed type: id now, referent later (flush). Returns non-null. */
  deferUnique(readReferent: () => void): boolean {
    const id = this.referent();
    if (id !== 0) this.pending.push(readReferent);
    return id !== 0;
  }
  /** Full pointer ([ptr]): an id seen before names data already read, so it is not read again. */
  deferFull(readReferent: () => void): boolean {
    const id = this.referent();
    if (id === 0) return false;
    if (this.fullIds.has(id)) return true;
    if (this.fullIds.size >= NDR_MAX_ELEMENTS) this.c.fail('too many full pointers');
    this.fullIds.add(id);
    this.pending.push(readReferent);
    return true;
  }
  /** Reads the deferred referents queued so far; each one's own referents follow it (depth first). */
  flush(): void {
    const list = this.pending;
    this.pending = [];
    for (const read of list) {
      read();
      this.flush();
    }
  }
  /** A top-level [unique] pointer parameter: its referent follows at once (C706 14.3.12.1). */
  topUnique<T>(readReferent: () => T): T | null {
    if (this.referent() === 0) return null;
    const v = readReferent();
    this.flush();
    return v;
  }
  /** A top-level parameter that is not a pointer: read it, then the referents it embeds. */
  param<T>(read: () => T): T {
    const v = read();
    this.flush();
    return v;
  }

  /** UTF-16 code units (aligned 2), trailing NULs dropped. */
  wchars(units: number): string {
    if (units > NDR_MAX_STRING_UNITS) this.c.fail(`string of ${units} units over cap`);
    this.checkCount(units, 2);
    this.c.align(2);
    const raw = this.c.bytes(units * 2);
    const s = this.le ? raw.toString('utf16le') : Buffer.from(raw).swap16().toString('utf16le');
    return s.replace(/\0+$/, '');
  }
  /** Conformant varying string or array header: max, offset, actual, checked against each other. */
  varyingHeader(): { max: number; offset: number; actual: number } {
    const max = this.count();
    const offset = this.count();
    const actual = this.count();
    if (offset > max || actual > max - offset) this.c.fail(`varying array offset ${offset} + actual ${actual} > max ${max}`);
    return { max, offset, actual };
  }
  /** [string] wchar_t* referent, and the Buffer referent of RPC_UNICODE_STRING: conformant varying WCHARs. */
  varyingWString(): string {
    return this.wchars(this.varyingHeader().actual);
  }

  /**
   * MS-DTYP 2.3.10 RPC_UNICODE_STRING
   *   typedef struct _RPC_UNICODE_STRING {
   *     unsigned short Length;
   *     unsigned short MaximumLength;
   *     [size_is(MaximumLength/2), length_is(Length/2)] WCHAR* Buffer;
   *   } RPC_UNICODE_STRING, *PRPC_UNICODE_STRING;
   * The header is read now; the characters arrive when the enclosing type is flushed.
   */
  unicodeString(onValue: (s: string) => void): void {
    this.alignPtr();
    this.u16();
    this.u16();
    this.deferUnique(() => onValue(this.varyingWString()));
  }

  /**
   * MS-DTYP 2.4.2.3 RPC_SID
   *   typedef struct _RPC_SID {
   *     unsigned char Revision;
   *     unsigned char SubAuthorityCount;
   *     RPC_SID_IDENTIFIER_AUTHORITY IdentifierAuthority;   // 6 bytes, big-endian
   *     [size_is(SubAuthorityCount)] unsigned long SubAuthority[];
   *   } RPC_SID;
   * A conformant structure: its conformance comes first (C706 14.3.7.1; NDR64 likewise, 64-bit).
   * Returned as the S-1-... string.
   */
  sid(): string {
    const conformance = this.count();
    this.align(4);
    const revision = this.u8();
    const subCount = this.u8();
    if (subCount !== conformance || subCount > 15) this.c.fail(`SID with ${subCount} sub-authorities (conformance ${conformance})`);
    const auth = this.c.bytes(6);
    const authority = auth.readUIntBE(0, 6);
    const parts = [`S-${revision}-${authority}`];
    for (let i = 0; i < subCount; i++) parts.push(String(this.u32()));
    return parts.join('-');
  }

  /** Conformant array (C706 14.3.3.2): the max count, then the elements. */
  conformantArray<T>(minBytesEach: number, readElement: (i: number) => T): T[] {
    const n = this.checkCount(this.count(), minBytesEach);
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(readElement(i));
    return out;
  }
  /** Conformant varying array (C706 14.3.3.4): max, offset, actual, then actual elements. */
  conformantVaryingArray<T>(minBytesEach: number, readElement: (i: number) => T): T[] {
    const n = this.checkCount(this.varyingHeader().actual, minBytesEach);
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(readElement(i));
    return out;
  }
}

/** The last four bytes of a response stub: every SAMR and SRVSVC method returns its status last. */
export function trailingStatus(stub: Buffer, le = true): number | null {
  if (stub.length < 4) return null;
  return le ? stub.readUInt32LE(stub.length - 4) : stub.readUInt32BE(stub.length - 4);
}

export { DecodeError };
