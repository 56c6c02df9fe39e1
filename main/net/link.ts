/**
 * Link layers (https://www.tcpdump.org/linktypes.html): find where the IP packet starts.
 *
 *   LINKTYPE_ETHERNET 1: dst MAC (6) | src MAC (6) | EtherType (2); IEEE 802.1Q / 802.1ad tags
 *     (TPID 0x8100, 0x88A8, and the pre-standard 0x9100) insert TPID (2) | TCI (2) before the type.
 *   LINKTYPE_LINUX_SLL 113: packet type (2) | ARPHRD (2) | addr len (2) | addr (8) | protocol (2).
 *   LINKTYPE_LINUX_SLL2 276: protocol (2) | reserved (2) | ifindex (4) | ARPHRD (2) | packet type (1)
 *     | addr len (1) | addr (8).
 *   LINKTYPE_NULL 0: 4-byte address family in the capturing host's byte order (2 = IPv4; 24, 28, 30 =
 *     IPv6 on the BSDs and macOS); LINKTYPE_LOOP 108: the same in network byte order.
 *   LINKTYPE_RAW 101 (and DLT_RAW 12 / 14 on some systems): IPv4 or IPv6 by the version nibble;
 *     LINKTYPE_IPV4 228, LINKTYPE_IPV6 229.
 */
export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_IPV6 = 0x86dd;
/** 802.1Q, 802.1ad (QinQ) and the old QinQ 0x9100 (compared directly: this runs for every frame). */
const isVlanTpid = (t: number): boolean => t === 0x8100 || t === 0x88a8 || t === 0x9100;
const MAX_VLAN_TAGS = 8;
const BSD_AF_INET = 2;
const BSD_AF_INET6: ReadonlySet<number> = new Set([10, 23, 24, 28, 30]);

export const LINK_TYPES: ReadonlyMap<number, string> = new Map([
  [0, 'null'],
  [1, 'ethernet'],
  [12, 'raw'],
  [14, 'raw'],
  [101, 'raw'],
  [108, 'loop'],
  [113, 'linux-sll'],
  [228, 'ipv4'],
  [229, 'ipv6'],
  [276, 'linux-sll2'],
]);

/** Result of the link layer: where IP starts and which version, or why not. */
export interface LinkResult {
  /** 4 or 6 when an IP packet follows; 0 when the frame is not IP (ARP, LLC...); -1 unknown link type; -2 truncated. */
  ip: 4 | 6 | 0 | -1 | -2;
  offset: number;
}

function byEtherType(t: number, off: number, out: LinkResult): LinkResult {
  out.ip = t === ETHERTYPE_IPV4 ? 4 : t === ETHERTYPE_IPV6 ? 6 : 0;
  out.offset = off;
  return out;
}

function byVersionNibble(d: Buffer, off: number, end: number, out: LinkResult): LinkResult {
  if (end <= off) return truncated(out);
  const v = d[off]! >> 4;
  out.ip = v === 4 ? 4 : v === 6 ? 6 : 0;
  out.offset = off;
  return out;
}

function truncated(out: LinkResult): LinkResult {
  out.ip = -2;
  out.offset = 0;
  return out;
}

function fixed(ip: 4 | 6, off: number, out: LinkResult): LinkResult {
  out.ip = ip;
  out.offset = off;
  return out;
}

/** Decode the link header of the frame d[s .. end) of link type `lt` into `out` (reused); offsets are into d. */
export function decodeLink(lt: number, d: Buffer, s: number, end: number, out: LinkResult): LinkResult {
  switch (lt) {
    case 1: {
      if (end - s < 14) return truncated(out);
      let off = s + 12;
      let t = (d[off]! << 8) | d[off + 1]!;
      for (let tags = 0; isVlanTpid(t) && tags < MAX_VLAN_TAGS; tags++) {
        off += 4;
        if (end < off + 2) return truncated(out);
        t = (d[off]! << 8) | d[off + 1]!;
      }
      return byEtherType(t, off + 2, out);
    }
    case 113:
      if (end - s < 16) return truncated(out);
      return byEtherType(d.readUInt16BE(s + 14), s + 16, out);
    case 276:
      if (end - s < 20) return truncated(out);
      return byEtherType(d.readUInt16BE(s), s + 20, out);
    case 0:
    case 108: {
      if (end - s < 4) return truncated(out);
      let fam = lt === 108 ? d.readUInt32BE(s) : d.readUInt32LE(s);
      if (lt === 0 && fam > 0xffff) fam = d.readUInt32BE(s); // written on a big-endian host
      out.ip = fam === BSD_AF_INET ? 4 : BSD_AF_INET6.has(fam) ? 6 : 0;
      out.offset = s + 4;
      return out;
    }
    case 12:
    case 14:
    case 101:
      return byVersionNibble(d, s, end, out);
    case 228:
      return fixed(4, s, out);
    case 229:
      return fixed(6, s, out);
    default:
      out.ip = -1;
      out.offset = 0;
      return out;
  }
}
