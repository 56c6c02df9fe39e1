/**
 * pcapng Interface Description Block (draft-ietf-opsawg-pcapng §4.2):
 *
 *   Block Type = 0x00000001 | Block Total Length | LinkType (16) | Reserved (16) | SnapLen (32) |
 *   Options (variable) | Block Total Length
 *
 * Options (§3.5): Option Code (16) | Option Length (16) | Option Value (padded to 32 bits), ending
 * with opt_endofopt (0). We use if_tsresol (9, 1 byte) and if_tsoffset (14, 8 bytes: seconds added
 * to every timestamp of the interface).
 */
import { tsResolution, type TsResolution } from './timestamps.ts';

export interface PcapngInterface {
  linkType: number;
  snapLen: number;
  res: TsResolution;
  /** if_tsoffset in µs. */
  offsetUs: number;
}

const OPT_TSRESOL = 9;
const OPT_TSOFFSET = 14;

/** Reads an IDB whose bytes are buf[off .. off+blen). Options that run past the block end are ignored. */
export function readInterface(buf: Buffer, off: number, blen: number, le: boolean): PcapngInterface {
  const u16 = (p: number) => (le ? buf.readUInt16LE(p) : buf.readUInt16BE(p));
  const u32 = (p: number) => (le ? buf.readUInt32LE(p) : buf.readUInt32BE(p));
  const iface: PcapngInterface = { linkType: u16(off + 8), snapLen: u32(off + 12), res: tsResolution(6), offsetUs: 0 };
  const end = off + blen - 4;
  let p = off + 16;
  while (p + 4 <= end) {
    const code = u16(p);
    const len = u16(p + 2);
    const v = p + 4;
    if (code === 0 || v + len > end) break;
    if (code === OPT_TSRESOL && len >= 1) iface.res = tsResolution(buf[v]!);
    if (code === OPT_TSOFFSET && len >= 8) {
      const hi = le ? buf.readInt32LE(v + 4) : buf.readInt32BE(v);
      const lo = le ? buf.readUInt32LE(v) : buf.readUInt32BE(v + 4);
      iface.offsetUs = (hi * 0x1_0000_0000 + lo) * 1e6;
    }
    p = v + ((len + 3) & ~3);
  }
  return iface;
}
