/**
 * pcapng (draft-ietf-opsawg-pcapng). Every block (§3.1):
 *
 *   Block Type (32) | Block Total Length (32) | Block Body (variable, padded to 32 bits) |
 *   Block Total Length (32)
 *
 * Section Header Block (§4.1, type 0x0A0D0D0A): Byte-Order Magic 0x1A2B3C4D (read in the writer's
 *   byte order, so it tells ours) | Major | Minor | Section Length (64) | Options. A new SHB starts a
 *   new section with its own byte order and interfaces.
 * Enhanced Packet Block (§4.3, type 6): Interface ID | Timestamp (Upper) | Timestamp (Lower) |
 *   Captured Packet Length | Original Packet Length | Packet Data | Options
 * Simple Packet Block (§4.4, type 3): Original Packet Length | Packet Data (interface 0, no time)
 * Packet Block (obsolete, Appendix A, type 2): Interface ID (16) | Drops Count (16) | Timestamp
 *   (Upper) | Timestamp (Lower) | Captured Len | Packet Len | Packet Data | Options
 * Interface Description Block (type 1): see pcapng-interface.ts. All other blocks are skipped by length.
 */
import type { PacketHandler, RecordParser } from './types.ts';
import { CaptureFormatError, MAX_BLOCK_HOLD, MAX_CAPLEN, PacketRecord, SkipCounter } from './types.ts';
import { readInterface, type PcapngInterface } from './pcapng-interface.ts';

export const PCAPNG_SHB = 0x0a0d0d0a;
const BOM = 0x1a2b3c4d;
const IDB = 1;
const OBSOLETE_PB = 2;
const SPB = 3;
const EPB = 6;
const isPacketBlock = (t: number): boolean => t === EPB || t === SPB || t === OBSOLETE_PB;
const UNUSABLE: PcapngInterface = { linkType: -1, snapLen: 0, res: { micro: true, convert: (h, l) => h * 0x1_0000_0000 + l }, offsetUs: 0 };
/** Interfaces kept per section; further IDBs are counted ('too-many-interfaces') and their packets
 * skipped as 'unknown-interface', so 10^6 interface blocks cannot fill the heap. */
export const MAX_INTERFACES = 4096;

export class PcapngParser implements RecordParser {
  readonly format = 'pcapng' as const;
  readonly linkTypes = new Set<number>();
  frames = 0;
  /** Times of the first and last packet (numbers, not number | null: stored in place, no allocation per packet). */
  private tsFirst = 0;
  private tsLast = 0;
  private tsSeen = false;
  get firstTs(): number | null {
    return this.tsSeen ? this.tsFirst : null;
  }
  get lastTs(): number | null {
    return this.tsSeen ? this.tsLast : null;
  }
  stopped = false;
  private le = true;
  private sawShb = false;
  private ifaces: PcapngInterface[] = [];
  private readonly pkt = new PacketRecord();

  constructor(
    private readonly onPacket: PacketHandler,
    private readonly skips: SkipCounter,
  ) {}

  halt(): void {
    this.stopped = true;
  }

  private u32(buf: Buffer, p: number): number {
    return this.le ? buf.readUInt32LE(p) : buf.readUInt32BE(p);
  }

  parse(buf: Buffer): number {
    const len = buf.length;
    let off = 0;
    while (off + 12 <= len && !this.stopped) {
      const type = this.u32(buf, off);
      if (type === PCAPNG_SHB) {
        const bom = buf.readUInt32LE(off + 8);
        if (bom === BOM) this.le = true;
        else if (bom === 0x4d3c2b1a) this.le = false;
        else if (!this.sawShb) throw new CaptureFormatError('not a pcapng file (bad byte-order magic)');
        else {
          this.corrupt('bad-section-header');
          return len;
        }
      } else if (!this.sawShb) throw new CaptureFormatError('not a pcapng file (no section header block)');
      const blen = this.u32(buf, off + 4);
      if (blen < 12 || blen % 4 !== 0) {
        if (!this.sawShb) throw new CaptureFormatError(`not a pcapng file (block length ${blen})`);
        // Without a trustworthy length there is no next block to find: count it and stop.
        this.corrupt('bad-block-length');
        return len;
      }
      if (blen > MAX_BLOCK_HOLD) {
        if (isPacketBlock(type)) this.skips.add('caplen-too-large', ++this.frames);
        else this.skips.add('oversized-block', this.frames + 1);
        if (type === PCAPNG_SHB) {
          this.sawShb = true;
          this.ifaces = [];
        }
        if (type === IDB) this.addInterface(UNUSABLE);
        off += blen;
        if (off > len) return off;
        continue;
      }
      if (off + blen > len) break;
      this.block(buf, off, type, blen);
      off += blen;
    }
    return off;
  }

  private corrupt(reason: string): void {
    this.skips.add(reason, this.frames + 1);
    this.stopped = true;
  }

  private block(buf: Buffer, off: number, type: number, blen: number): void {
    if (this.u32(buf, off + blen - 4) !== blen) this.skips.add('block-length-mismatch', this.frames + 1);
    switch (type) {
      case PCAPNG_SHB:
        if (blen < 28) throw new CaptureFormatError('not a pcapng file (short section header)');
        this.sawShb = true;
        this.ifaces = [];
        return;
      case IDB:
        if (blen < 20) {
          this.skips.add('short-block', this.frames + 1);
          this.addInterface(UNUSABLE);
          return;
        }
        this.addInterface(readInterface(buf, off, blen, this.le));
        return;
      case EPB:
      case OBSOLETE_PB:
        this.packet(buf, off, type, blen);
        return;
      case SPB:
        this.simplePacket(buf, off, blen);
        return;
      default:
        return; // NRB, ISB, DSB, custom blocks: nothing we need
    }
  }

  private addInterface(iface: PcapngInterface): void {
    if (this.ifaces.length >= MAX_INTERFACES) return this.skips.add('too-many-interfaces', this.frames + 1);
    this.ifaces.push(iface);
    if (iface.linkType >= 0) this.linkTypes.add(iface.linkType);
  }

  private packet(buf: Buffer, off: number, type: number, blen: number): void {
    const frame = ++this.frames;
    if (blen < 32) return this.skips.add('short-block', frame);
    const ifid = type === EPB ? this.u32(buf, off + 8) : this.le ? buf.readUInt16LE(off + 8) : buf.readUInt16BE(off + 8);
    const caplen = this.u32(buf, off + 20);
    if (caplen > MAX_CAPLEN) return this.skips.add('caplen-too-large', frame);
    if (28 + caplen > blen - 4) return this.skips.add('caplen-exceeds-block', frame);
    const iface = this.ifaces[ifid];
    if (!iface || iface.linkType < 0) return this.skips.add('unknown-interface', frame);
    const hi = this.u32(buf, off + 12);
    const lo = this.u32(buf, off + 16);
    const ts = (iface.res.micro ? hi * 0x1_0000_0000 + lo : iface.res.convert(hi, lo)) + iface.offsetUs;
    this.deliver(frame, ts, iface.linkType, buf, off + 28, caplen, this.u32(buf, off + 24));
  }

  private simplePacket(buf: Buffer, off: number, blen: number): void {
    const frame = ++this.frames;
    if (blen < 16) return this.skips.add('short-block', frame);
    const iface = this.ifaces[0];
    if (!iface || iface.linkType < 0) return this.skips.add('unknown-interface', frame);
    const origLen = this.u32(buf, off + 8);
    let caplen = Math.min(origLen, blen - 16);
    if (iface.snapLen > 0) caplen = Math.min(caplen, iface.snapLen);
    if (caplen > MAX_CAPLEN) return this.skips.add('caplen-too-large', frame);
    // A simple packet block has no time: it inherits the previous packet's.
    this.deliver(frame, this.lastTs ?? 0, iface.linkType, buf, off + 12, caplen, origLen);
  }

  private deliver(frame: number, ts: number, linkType: number, buf: Buffer, offset: number, length: number, origLen: number): void {
    const pkt = this.pkt;
    pkt.frame = frame;
    pkt.ts = ts;
    pkt.linkType = linkType;
    pkt.buf = buf;
    pkt.offset = offset;
    pkt.length = length;
    pkt.origLen = origLen;
    if (!this.tsSeen) {
      this.tsSeen = true;
      this.tsFirst = ts;
    }
    this.tsLast = ts;
    this.onPacket(pkt);
  }

  finish(leftover: number, skipping: boolean): void {
    if (!this.sawShb) throw new CaptureFormatError('truncated pcapng section header');
    if (leftover > 0 && !skipping && !this.stopped) this.skips.add('truncated-record', this.frames + 1);
  }
}
