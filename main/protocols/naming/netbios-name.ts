/**
 * NetBIOS names (RFC 1001 §14.1, RFC 1002 §4.1): 16 octets, the 16th being the suffix (0x00
 * workstation, 0x20 file server, 0x1C domain controllers...), padded with spaces. On the wire of
 * the name service each octet is split into two nibbles, each written as 'A' + nibble ("first-level
 * encoding"), giving a 32-character first label; the scope ID follows as ordinary labels.
 */
import { DecodeError } from '../../util/cursor.ts';

export interface NetbiosName { name: string; suffix: number }

/** Suffixes that name the machine itself (workstation, server service): the ones we learn. */
export const HOST_SUFFIXES: ReadonlySet<number> = new Set([0x00, 0x20]);

export function decodeFirstLevel(label: string, at: number): NetbiosName {
  if (label.length !== 32) throw new DecodeError(at, `NetBIOS name label of ${label.length} characters`);
  const bytes = Buffer.alloc(16);
  for (let i = 0; i < 16; i++) {
    const hi = label.charCodeAt(2 * i) - 0x41;
    const lo = label.charCodeAt(2 * i + 1) - 0x41;
    if (hi < 0 || hi > 15 || lo < 0 || lo > 15) throw new DecodeError(at, 'NetBIOS name is not first-level encoded');
    bytes[i] = (hi << 4) | lo;
  }
  return fromRaw(bytes);
}

/** 16 raw octets (node status answers carry names unencoded). */
export function fromRaw(bytes: Buffer): NetbiosName {
  return { name: bytes.toString('latin1', 0, 15).replace(/[ \0]+$/, ''), suffix: bytes[15] ?? 0 };
}
