/**
 * A small DER reader (ITU-T X.690 §8.1 and §10) for the Kerberos messages of RFC 4120. Captures are
 * hostile, so every read is bounds-checked through Cursor, only definite lengths are accepted
 * (DER §10.1 forbids the indefinite form), lengths are capped, and each nested node carries its
 * depth so that a structure cannot nest beyond DER_MAX_DEPTH.
 *
 * X.690 §8.1.2 identifier octets: bits 8-7 class (0 universal, 1 application, 2 context, 3 private),
 *   bit 6 constructed, bits 5-1 tag number (31 = high tag number form, base-128 octets follow).
 * X.690 §8.1.3 length octets: short form (0..127), long form 0x81..0x84 here (first octet = count
 *   of length octets); 0x80 is the indefinite form.
 */
import { Cursor, DecodeError } from '../../util/cursor.ts';

export const DER_MAX_DEPTH = 16;
/** No Kerberos message we read comes near this; a larger length field is hostile or garbage. */
export const DER_MAX_LENGTH = 1 << 20;
/** Strings we keep are cut here (names, realms); the rest of the value is skipped. */
export const DER_MAX_STRING = 512;

export const CLASS_UNIVERSAL = 0;
export const CLASS_APPLICATION = 1;
export const CLASS_CONTEXT = 2;

export const TAG_INTEGER = 2;
export const TAG_BIT_STRING = 3;
export const TAG_OCTET_STRING = 4;
export const TAG_SEQUENCE = 16;
export const TAG_UTF8_STRING = 12;
export const TAG_PRINTABLE_STRING = 19;
export const TAG_IA5_STRING = 22;
export const TAG_GENERALIZED_TIME = 24;
export const TAG_GENERAL_STRING = 27;

export interface DerNode {
  cls: number;
  constructed: boolean;
  tag: number;
  /** Offset of the identifier octet in the underlying buffer. */
  start: number;
  /** The content octets. */
  body: Cursor;
  depth: number;
}

/** Reads one TLV at the cursor and moves the cursor past it. */
export function readNode(c: Cursor, depth: number): DerNode {
  if (depth > DER_MAX_DEPTH) throw new DecodeError(c.pos, `DER nesting deeper than ${DER_MAX_DEPTH}`);
  const start = c.pos;
  const id = c.u8();
  const cls = id >> 6;
  const constructed = (id & 0x20) !== 0;
  let tag = id & 0x1f;
  if (tag === 0x1f) {
    tag = 0;
    for (let i = 0; ; i++) {
      if (i === 4) throw new DecodeError(start, 'DER tag number too long');
      const b = c.u8();
      tag = tag * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) break;
    }
  }
  const first = c.u8();
  let length = first;
  if (first === 0x80) throw new DecodeError(start, 'DER indefinite length');
  if (first > 0x80) {
    const count = first & 0x7f;
    if (count > 4) throw new DecodeError(start, `DER length of ${count} octets`);
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + c.u8();
  }
  if (length > DER_MAX_LENGTH) throw new DecodeError(start, `DER length ${length} over cap`);
  if (length > c.remaining) throw new DecodeError(start, `DER length ${length} beyond ${c.remaining} bytes left`);
  return { cls, constructed, tag, start, body: c.sub(length), depth };
}

/** Reads the next node and checks its class and tag. */
export function expectNode(c: Cursor, depth: number, cls: number, tag: number, what: string): DerNode {
  const n = readNode(c, depth);
  if (n.cls !== cls || n.tag !== tag) throw new DecodeError(n.start, `${what}: expected class ${cls} tag ${tag}, got class ${n.cls} tag ${n.tag}`);
  return n;
}

/** The children of a constructed node (SEQUENCE, SEQUENCE OF, explicit tag), at most `max`. */
export function children(n: DerNode, max: number): DerNode[] {
  if (!n.constructed) throw new DecodeError(n.start, 'DER primitive where constructed expected');
  const out: DerNode[] = [];
  const c = n.body;
  while (c.remaining > 0) {
    const child = readNode(c, n.depth + 1);
    if (out.length < max) out.push(child);
  }
  return out;
}

/**
 * A SEQUENCE whose components are all EXPLICIT context tags [n] (the Kerberos style):
 * returns n -> the tagged value. Unknown tags are kept too (extensions); duplicates are an error.
 */
export function taggedFields(seq: DerNode, what: string): Map<number, DerNode> {
  if (seq.cls !== CLASS_UNIVERSAL || seq.tag !== TAG_SEQUENCE) throw new DecodeError(seq.start, `${what}: not a SEQUENCE`);
  const fields = new Map<number, DerNode>();
  for (const child of children(seq, 64)) {
    if (child.cls !== CLASS_CONTEXT || !child.constructed) throw new DecodeError(child.start, `${what}: component is not an explicit context tag`);
    if (fields.has(child.tag)) throw new DecodeError(child.start, `${what}: duplicate [${child.tag}]`);
    fields.set(child.tag, readNode(child.body, child.depth + 1));
  }
  return fields;
}

export function required(fields: Map<number, DerNode>, tag: number, what: string, at: number): DerNode {
  const n = fields.get(tag);
  if (!n) throw new DecodeError(at, `${what}: missing [${tag}]`);
  return n;
}

/** INTEGER (X.690 §8.3), two's complement, up to 6 octets so that a JS number holds it exactly. */
export function integer(n: DerNode): number {
  if (n.cls !== CLASS_UNIVERSAL || n.tag !== TAG_INTEGER) throw new DecodeError(n.start, 'expected INTEGER');
  const len = n.body.remaining;
  if (len < 1 || len > 6) throw new DecodeError(n.start, `INTEGER of ${len} octets`);
  const { buf, pos } = n.body;
  let v = 0;
  for (let i = 0; i < len; i++) v = v * 256 + buf[pos + i]!;
  if (buf[pos]! & 0x80) v -= 2 ** (8 * len);
  return v;
}

const STRING_TAGS: ReadonlySet<number> = new Set([TAG_GENERAL_STRING, TAG_UTF8_STRING, TAG_IA5_STRING, TAG_PRINTABLE_STRING]);

/** KerberosString (RFC 4120 §5.2.1: GeneralString, IA5 in practice, UTF-8 from Windows), cut at DER_MAX_STRING. */
export function text(n: DerNode): string {
  if (n.cls !== CLASS_UNIVERSAL || !STRING_TAGS.has(n.tag)) throw new DecodeError(n.start, `expected a string, got tag ${n.tag}`);
  const b = n.body;
  return b.buf.toString('utf8', b.pos, b.pos + Math.min(b.remaining, DER_MAX_STRING));
}

export function octets(n: DerNode): Buffer {
  if (n.cls !== CLASS_UNIVERSAL || n.tag !== TAG_OCTET_STRING) throw new DecodeError(n.start, 'expected OCTET STRING');
  return n.body.bytes(n.body.remaining);
}

/** KerberosTime (RFC 4120 §5.2.3): GeneralizedTime "YYYYMMDDHHMMSSZ" -> ISO 8601, or the raw text if odd. */
export function kerberosTime(n: DerNode): string {
  if (n.cls !== CLASS_UNIVERSAL || n.tag !== TAG_GENERALIZED_TIME) throw new DecodeError(n.start, 'expected GeneralizedTime');
  const b = n.body;
  const s = b.buf.toString('latin1', b.pos, b.pos + Math.min(b.remaining, 32));
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z` : s;
}
