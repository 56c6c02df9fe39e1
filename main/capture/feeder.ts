/**
 * Turns a sequence of chunks (any sizes) into whole records for a RecordParser, with bounded
 * buffering: only the one record that straddles two chunks is ever copied, and an oversized record
 * is skipped by length without being held. Picks the parser from the first 4 bytes.
 */
import { PcapParser, isPcapMagic } from './pcap.ts';
import { PcapngParser, PCAPNG_SHB } from './pcapng.ts';
import type { PacketHandler, RecordParser } from './types.ts';
import { CaptureFormatError, MAX_BLOCK_HOLD, SkipCounter, describeMagic } from './types.ts';

/** Bytes of the next chunk first joined to a straddling record (a whole MAX_BLOCK_HOLD only if needed). */
const STRADDLE_FIRST_TRY = 64 * 1024;

export class RecordFeeder {
  parser: RecordParser | null = null;
  private pending: Buffer | null = null;
  private skip = 0;

  constructor(
    private readonly onPacket: PacketHandler,
    private readonly skips: SkipCounter,
  ) {}

  feed(chunk: Buffer): void {
    if (chunk.length === 0) return;
    let off = 0;
    if (this.skip > 0) {
      if (chunk.length <= this.skip) {
        this.skip -= chunk.length;
        return;
      }
      off = this.skip;
      this.skip = 0;
    }
    if (this.pending) {
      // Complete the straddling record from the head of this chunk; the parser never needs more
      // than MAX_BLOCK_HOLD bytes for one record, so the copy stays small.
      // Most records are small: try a short head first, and the longest one only when that is not enough.
      const take = Math.min(chunk.length - off, this.pending.length + STRADDLE_FIRST_TRY < MAX_BLOCK_HOLD ? STRADDLE_FIRST_TRY : MAX_BLOCK_HOLD);
      const head = Buffer.concat([this.pending, chunk.subarray(off, off + take)]);
      const held = this.pending.length;
      this.pending = null;
      const used = this.run(head);
      if (used < held) {
        // The straddling record is still incomplete: the chunk was too short to finish it.
        this.hold(head.subarray(used));
        if (off + take < chunk.length) this.feed(chunk.subarray(off + take));
        return;
      }
      off += used - held;
    }
    if (off >= chunk.length) {
      this.skip = off - chunk.length;
      return;
    }
    const used = this.run(off === 0 ? chunk : chunk.subarray(off));
    const end = off + used;
    if (end > chunk.length) this.skip = end - chunk.length;
    else if (end < chunk.length) this.hold(chunk.subarray(end));
  }

  private hold(rest: Buffer): void {
    if (this.parser?.stopped) return; // halted or past repair: the rest is not parsed
    if (rest.length > MAX_BLOCK_HOLD + 64 && this.parser) throw new Error(`capture reader: holding ${rest.length} bytes`);
    this.pending = Buffer.from(rest);
  }

  private run(buf: Buffer): number {
    if (!this.parser) {
      if (buf.length < 4) return 0;
      this.parser = createParser(buf, this.onPacket, this.skips);
    }
    if (this.parser.stopped) return buf.length;
    return this.parser.parse(buf);
  }

  /** End of input: report a truncated last record, or refuse an input too short to be a capture. */
  end(): void {
    if (!this.parser) {
      const head = this.pending ?? Buffer.alloc(0);
      if (head.length >= 4) this.parser = createParser(head, this.onPacket, this.skips);
      else throw new CaptureFormatError(head.length === 0 ? 'empty file' : describeMagic(head));
    }
    this.parser.finish(this.pending?.length ?? 0, this.skip > 0);
  }
}

function createParser(head: Buffer, onPacket: PacketHandler, skips: SkipCounter): RecordParser {
  const magic = head.readUInt32LE(0);
  if (magic === PCAPNG_SHB) return new PcapngParser(onPacket, skips);
  if (isPcapMagic(magic)) return new PcapParser(onPacket, skips);
  throw new CaptureFormatError(describeMagic(head));
}
