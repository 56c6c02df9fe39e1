/**
 * Records over TCP with a length prefix: Kerberos (RFC 4120 §7.2.2: 4-octet big-endian length, the
 * high bit reserved and zero) and DNS (RFC 1035 §4.2.2: 2-octet length). One framer per direction.
 * A record may be split across segments and a segment may carry several records; a record above
 * the cap is skipped (counted as an error) without buffering it, so memory stays bounded.
 */
import type { PacketMeta } from '../../engine/dissector.ts';
import { MAX_FRAMES_PER_ACTIVITY } from '../../engine/activity.ts';

export interface FramedRecord {
  data: Buffer;
  /** Packet meta of the segment that completed the record (Wireshark shows the PDU there). */
  meta: PacketMeta;
  /** Frames that carried the record, first to last (capped). */
  frames: number[];
}

export class LengthPrefixedFramer {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private frames: number[] = [];
  private skipping = 0;
  /** Bytes the current record needs in all (0 = unknown yet): avoids re-joining chunks per segment. */
  private needed = 0;
  /** A reserved bit was set: this direction cannot be trusted until a gap resets it. */
  private lost = false;

  constructor(
    private readonly headerBytes: 2 | 4,
    private readonly maxRecord: number,
    private readonly onRecord: (r: FramedRecord) => void,
    private readonly onError: (reason: string, meta: PacketMeta) => void,
  ) {}

  push(data: Buffer, meta: PacketMeta): void {
    if (this.lost) return;
    let d = data;
    if (this.skipping > 0) {
      const n = Math.min(this.skipping, d.length);
      this.skipping -= n;
      d = d.subarray(n);
      if (d.length === 0) return;
    }
    // Copy: `data` is only valid during this call.
    this.chunks.push(Buffer.from(d));
    this.buffered += d.length;
    if (this.frames.length < MAX_FRAMES_PER_ACTIVITY && this.frames[this.frames.length - 1] !== meta.frame) this.frames.push(meta.frame);
    this.drain(meta);
  }

  /** Bytes were lost: a partial record cannot be completed. */
  reset(): void {
    this.chunks = [];
    this.buffered = 0;
    this.frames = [];
    this.skipping = 0;
    this.needed = 0;
    this.lost = false;
  }

  private drain(meta: PacketMeta): void {
    while (this.buffered >= this.headerBytes && this.buffered >= this.needed) {
      const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.buffered);
      this.chunks = [all];
      const raw = this.headerBytes === 4 ? all.readUInt32BE(0) : all.readUInt16BE(0);
      if (this.headerBytes === 4 && raw >= 0x8000_0000) {
        this.onError('record marker reserved bit set', meta);
        this.chunks = [];
        this.buffered = 0;
        this.lost = true;
        return;
      }
      const total = this.headerBytes + raw;
      if (raw > this.maxRecord) {
        this.onError(`record of ${raw} bytes over cap ${this.maxRecord}`, meta);
        const have = Math.min(this.buffered, total);
        this.skipping = total - have;
        this.consume(all, have);
        continue;
      }
      if (this.buffered < total) {
        this.needed = total;
        return;
      }
      const data = all.subarray(this.headerBytes, total);
      const frames = this.frames;
      this.consume(all, total);
      this.onRecord({ data, meta, frames });
    }
  }

  private consume(all: Buffer, n: number): void {
    this.needed = 0;
    const rest = all.subarray(n);
    this.chunks = rest.length ? [rest] : [];
    this.buffered = rest.length;
    // The next record starts in the current frame if bytes remain.
    const last = this.frames[this.frames.length - 1];
    this.frames = rest.length && last !== undefined ? [last] : [];
  }
}
