/**
 * Classic libpcap files (https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcap/ §4, §5):
 *
 *   File header (24 bytes): Magic Number (32) | Major Version (16) | Minor Version (16) |
 *     Reserved1 (32) | Reserved2 (32) | SnapLen (32) | FCS (4 bits) + LinkType (28 bits)
 *   Magic 0xA1B2C3D4: seconds + microseconds; 0xA1B23C4D: seconds + nanoseconds; byte-swapped in a
 *   file written on the other byte order.
 *   Packet record (16 bytes + data): Timestamp (Seconds) | Timestamp (µs or ns) |
 *     Captured Packet Length | Original Packet Length | Packet Data (captured length bytes)
 *
 * Also reads Alexey Kuznetzov's modified pcap (magic 0xA1B2CD34), whose records carry 8 more header
 * bytes (ifindex, protocol, pkt_type) that we skip.
 */
import type { PacketHandler, RecordParser } from './types.ts';
import { CaptureFormatError, MAX_CAPLEN, PacketRecord, SkipCounter } from './types.ts';

const MAGIC_US = 0xa1b2c3d4;
const MAGIC_NS = 0xa1b23c4d;
const MAGIC_KUZNETZOV = 0xa1b2cd34;

export const isPcapMagic = (m: number): boolean =>
  [MAGIC_US, MAGIC_NS, MAGIC_KUZNETZOV].some((x) => x === m || x === swap32(m));

// Record header fields, read inside bounds checked by the loop (cheaper than Buffer's readUInt32*).
const u32le = (b: Buffer, o: number): number => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
const u32be = (b: Buffer, o: number): number => ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;

function swap32(v: number): number {
  return (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
}

export class PcapParser implements RecordParser {
  readonly format = 'pcap' as const;
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
  private haveHeader = false;
  private le = true;
  private nanos = false;
  private recordHeader = 16;
  private linkType = 1;
  private readonly pkt = new PacketRecord();

  constructor(
    private readonly onPacket: PacketHandler,
    private readonly skips: SkipCounter,
  ) {}

  halt(): void {
    this.stopped = true;
  }

  private header(buf: Buffer): void {
    const m = buf.readUInt32LE(0);
    this.le = m === MAGIC_US || m === MAGIC_NS || m === MAGIC_KUZNETZOV;
    const magic = this.le ? m : swap32(m);
    if (magic !== MAGIC_US && magic !== MAGIC_NS && magic !== MAGIC_KUZNETZOV) throw new CaptureFormatError('not a pcap file (bad magic)');
    this.nanos = magic === MAGIC_NS;
    this.recordHeader = magic === MAGIC_KUZNETZOV ? 24 : 16;
    const major = this.le ? buf.readUInt16LE(4) : buf.readUInt16BE(4);
    if (major !== 2) throw new CaptureFormatError(`unsupported pcap version ${major}`);
    const network = this.le ? buf.readUInt32LE(20) : buf.readUInt32BE(20);
    // The top 4 bits say whether frames carry an FCS; the link type is the low 28 (low 16 in practice).
    this.linkType = network & 0x0fffffff;
    this.linkTypes.add(this.linkType);
    this.pkt.linkType = this.linkType;
    this.haveHeader = true;
  }

  parse(buf: Buffer): number {
    let off = 0;
    if (!this.haveHeader) {
      if (buf.length < 24) return 0;
      this.header(buf);
      off = 24;
    }
    const len = buf.length;
    const le = this.le;
    const rh = this.recordHeader;
    const pkt = this.pkt;
    while (off + rh <= len && !this.stopped) {
      const caplen = le ? u32le(buf, off + 8) : u32be(buf, off + 8);
      if (caplen > MAX_CAPLEN) {
        // Skip by length without buffering it; an absurd length runs into the end of the file.
        this.frames++;
        this.skips.add('caplen-too-large', this.frames);
        off += rh + caplen;
        if (off > len) return off;
        continue;
      }
      const end = off + rh + caplen;
      if (end > len) break;
      const sec = le ? u32le(buf, off) : u32be(buf, off);
      const frac = le ? u32le(buf, off + 4) : u32be(buf, off + 4);
      const ts = sec * 1e6 + (this.nanos ? Math.floor(frac / 1000) : frac);
      pkt.frame = ++this.frames;
      pkt.ts = ts;
      pkt.origLen = le ? u32le(buf, off + 12) : u32be(buf, off + 12);
      pkt.buf = buf;
      pkt.offset = off + rh;
      pkt.length = caplen;
      if (!this.tsSeen) {
        this.tsSeen = true;
        this.tsFirst = ts;
      }
      this.tsLast = ts;
      this.onPacket(pkt);
      off = end;
    }
    return off;
  }

  finish(leftover: number, skipping: boolean): void {
    if (!this.haveHeader) throw new CaptureFormatError('truncated pcap file header');
    if (leftover > 0 && !skipping) this.skips.add('truncated-record', this.frames + 1);
  }
}
