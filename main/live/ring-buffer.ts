/**
 * Ring buffer of the raw live capture on disk: files of about `fileBytes` each, at most `files` of
 * them (the oldest is deleted), so that evidence for an alert can later be exported as a pcap slice.
 * The stream is split only at block/record boundaries and every file starts with the stream's
 * header blocks (pcapng SHB + IDBs, or the pcap global header), so each file opens on its own.
 */
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { CaptureFileRange } from '../../db/capture-files.ts';

const MAX_BLOCK = 256 * 1024 * 1024;
const PACKET_BLOCKS = new Set([2, 3, 6]); // pcapng obsolete packet, simple packet, enhanced packet

export interface RingOptions {
  dir: string;
  /** File name stem, e.g. live-20261204-184800. */
  prefix: string;
  files: number;
  fileBytes: number;
}

export class RingBuffer {
  private pending: Buffer = Buffer.alloc(0);
  private format: 'pcapng' | 'pcap' | null = null;
  private le = true;
  private header: Buffer[] = [];
  private seenPacket = false;
  private fd: number | null = null;
  private written = 0;
  private seq = 0;
  private readonly kept: CaptureFileRange[] = [];
  /** Packets (frames, numbered as the capture reader numbers them) seen so far. */
  private frames = 0;
  /** Set when the stream could not be split (then ringing stops; the live analysis goes on). */
  error: string | null = null;

  constructor(private readonly opts: RingOptions) {
    if (!(opts.files >= 1) || !(opts.fileBytes >= 4096)) throw new Error('ring buffer needs at least 1 file of at least 4 KB');
    mkdirSync(opts.dir, { recursive: true });
  }

  /** Files currently on disk, oldest first. */
  files(): string[] {
    return this.kept.map((k) => k.path);
  }

  /**
   * Files on disk with the capture frames each holds (1-based, as the engine's reader numbers the
   * stream: every packet block or record, in order), oldest first. Frame k of a file is frame
   * firstFrame + k - 1 of the capture.
   */
  ranges(): CaptureFileRange[] {
    return this.kept.map((k) => ({ ...k }));
  }

  write(chunk: Buffer): void {
    if (this.error) return;
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    let off = 0;
    for (;;) {
      const len = this.nextLength(off);
      if (len === null) break;
      if (len < 0) {
        this.error = 'capture stream could not be split into blocks';
        break;
      }
      this.onUnit(this.pending.subarray(off, off + len));
      off += len;
    }
    // Copy the partial tail so the big chunk it came from can be freed.
    this.pending = Buffer.from(this.pending.subarray(off));
  }

  /** Close the current file; returns the files kept, oldest first. */
  close(): string[] {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    return this.files();
  }

  /** Length of the next block/record at off, null when incomplete, -1 when the stream is not valid. */
  private nextLength(off: number): number | null {
    const b = this.pending;
    if (this.format === null) {
      if (b.length < 4) return null;
      const magic = b.readUInt32BE(0);
      if (magic === 0x0a0d0d0a) this.format = 'pcapng';
      else if (magic === 0xa1b2c3d4 || magic === 0xa1b23c4d) [this.format, this.le] = ['pcap', false];
      else if (magic === 0xd4c3b2a1 || magic === 0x4d3cb2a1) [this.format, this.le] = ['pcap', true];
      else return -1;
      if (this.format === 'pcap') return b.length >= 24 ? 24 : null;
    }
    if (this.format === 'pcap') {
      if (this.header.length === 0) return b.length - off >= 24 ? 24 : null;
      if (b.length - off < 16) return null;
      const incl = this.le ? b.readUInt32LE(off + 8) : b.readUInt32BE(off + 8);
      if (incl > MAX_BLOCK) return -1;
      return b.length - off >= 16 + incl ? 16 + incl : null;
    }
    if (b.length - off < 12) return null;
    if (b.readUInt32BE(off) === 0x0a0d0d0a) this.le = b.readUInt32LE(off + 8) === 0x1a2b3c4d;
    const len = this.le ? b.readUInt32LE(off + 4) : b.readUInt32BE(off + 4);
    if (len < 12 || len % 4 !== 0 || len > MAX_BLOCK) return -1;
    return b.length - off >= len ? len : null;
  }

  private onUnit(unit: Buffer): void {
    const type = this.format === 'pcap' ? (this.header.length === 0 ? -1 : 0) : this.le ? unit.readUInt32LE(0) : unit.readUInt32BE(0);
    const isSection = type === -1 || type === 0x0a0d0d0a;
    // Interface descriptions (type 1) may arrive after packets; later files need them too.
    if (isSection || type === 1 || (!this.seenPacket && this.format === 'pcapng' && !PACKET_BLOCKS.has(type))) {
      if (isSection && this.seenPacket) {
        // A new section replaces the header set for later files.
        this.header = [];
        this.seenPacket = false;
      }
      this.header.push(Buffer.from(unit));
      this.emit(unit);
      return;
    }
    this.seenPacket = true;
    // Frames as the reader numbers them: pcap records, pcapng packet blocks (not statistics etc.).
    const isPacket = this.format === 'pcap' || PACKET_BLOCKS.has(type);
    if (isPacket) this.frames++;
    // Only a packet opens a new file (a statistics block stays with the packets it follows).
    if (this.fd === null || (isPacket && this.written >= this.opts.fileBytes)) this.rotate();
    this.emit(unit);
    const cur = this.kept[this.kept.length - 1];
    if (cur) cur.lastFrame = this.frames;
  }

  private rotate(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.seq++;
    const ext = this.format === 'pcap' ? 'pcap' : 'pcapng';
    const file = join(this.opts.dir, `${this.opts.prefix}-${String(this.seq).padStart(4, '0')}.${ext}`);
    this.fd = openSync(file, 'w');
    this.written = 0;
    // The packet that opens a file was counted just before.
    this.kept.push({ path: file, firstFrame: this.frames, lastFrame: this.frames });
    while (this.kept.length > this.opts.files) rmSync(this.kept.shift()!.path, { force: true });
    for (const h of this.header) this.emit(h);
  }

  private emit(buf: Buffer): void {
    if (this.fd === null) return;
    writeSync(this.fd, buf);
    this.written += buf.length;
  }
}
