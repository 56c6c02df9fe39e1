/**
 * Domain names with message compression, RFC 1035 §3.1 and §4.1.4:
 *   a name is a sequence of labels, each a length octet (0..63) and that many octets, ending with
 *   the zero-length root label, or ending with a pointer: two octets 11xxxxxx xxxxxxxx whose low 14
 *   bits are the offset (from the start of the message) of the rest of the name.
 * Hostile messages point forwards, at themselves or in circles: we only follow pointers strictly
 * backwards from where the previous jump landed, at most MAX_POINTER_HOPS times, and stop at 255
 * octets of name (§2.3.4). Labels 0x40 and 0x80 (RFC 6891 extended labels) are rejected.
 */
import { Cursor, DecodeError } from '../../util/cursor.ts';

export const MAX_POINTER_HOPS = 32;
export const MAX_NAME_OCTETS = 255;

/** Reads a name at c.pos (inside message `msg`, which starts at offset 0 of c.buf's view). */
export function readName(c: Cursor, msgStart: number): string {
  const buf = c.buf;
  const labels: string[] = [];
  let pos = c.pos;
  let jumped = false;
  let lowest = c.pos;
  let octets = 0;
  for (let hops = 0; ; ) {
    if (pos >= c.end) throw new DecodeError(pos, 'name runs past the message');
    const len = buf[pos]!;
    if (len === 0) {
      if (!jumped) c.pos = pos + 1;
      break;
    }
    const kind = len & 0xc0;
    if (kind === 0xc0) {
      if (pos + 1 >= c.end) throw new DecodeError(pos, 'truncated compression pointer');
      const target = msgStart + (((len & 0x3f) << 8) | buf[pos + 1]!);
      if (!jumped) c.pos = pos + 2;
      jumped = true;
      if (++hops > MAX_POINTER_HOPS) throw new DecodeError(pos, 'too many compression pointers');
      if (target >= lowest) throw new DecodeError(pos, `compression pointer to ${target - msgStart} does not point backwards`);
      lowest = target;
      pos = target;
      continue;
    }
    if (kind !== 0) throw new DecodeError(pos, `label type 0x${kind.toString(16)}`);
    if (pos + 1 + len > c.end) throw new DecodeError(pos, 'label runs past the message');
    octets += len + 1;
    if (octets > MAX_NAME_OCTETS) throw new DecodeError(pos, 'name longer than 255 octets');
    labels.push(escapeLabel(buf, pos + 1, len));
    pos += 1 + len;
  }
  return labels.join('.');
}

/** Label octets as text; dots inside a label are escaped so that labels stay labels. */
function escapeLabel(buf: Buffer, start: number, len: number): string {
  return buf.toString('latin1', start, start + len).replace(/\./g, '\\.');
}
