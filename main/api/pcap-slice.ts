/**
 * Write chosen frames of a capture to a pcapng (the evidence of an alert), reading it with the
 * engine's streaming reader (main/capture), so frame numbers mean exactly what they meant to the
 * engine (Wireshark's numbering) and gzip captures work too. Reading stops after the last wanted frame.
 * A live capture with a ring buffer has no single file: its frames are read from the ring files that
 * hold them (db/capture-files.ts), each file numbered from the capture frame its first packet has.
 */
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { captureFiles, locateFrames, type CaptureFileRange } from '../../db/capture-files.ts';
import { readCapture } from '../capture/reader.ts';

/** Collapse frame numbers into ranges: [1,2,3,5] -> ['1-3', '5']. */
export function frameRanges(frames: number[]): string[] {
  const sorted = [...new Set(frames)].sort((a, b) => a - b);
  const out: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    const lo = sorted[i] as number;
    let hi = lo;
    while (i + 1 < sorted.length && sorted[i + 1] === hi + 1) hi = sorted[++i] as number;
    out.push(lo === hi ? String(lo) : `${lo}-${hi}`);
    i++;
  }
  return out;
}

/** Wireshark display filter for frames: frame.number in {1, 2, 5..9}. */
export function wiresharkFilter(frames: number[]): string {
  // Commas between elements: Wireshark 4 refuses a set separated by spaces only.
  return `frame.number in {${frameRanges(frames).map((r) => r.replace('-', '..')).join(', ')}}`;
}

const pad4 = (n: number) => (4 - (n % 4)) % 4;

/* pcapng (draft-ietf-opsawg-pcapng) §4.1 Section Header Block: type 0x0A0D0D0A, length,
 * byte-order magic 0x1A2B3C4D, version 1.0, section length -1 (unknown), length again. */
function sectionHeader(): Buffer {
  const b = Buffer.alloc(28);
  b.writeUInt32LE(0x0a0d0d0a, 0);
  b.writeUInt32LE(28, 4);
  b.writeUInt32LE(0x1a2b3c4d, 8);
  b.writeUInt16LE(1, 12);
  b.writeUInt16LE(0, 14);
  b.writeInt32LE(-1, 16);
  b.writeInt32LE(-1, 20);
  b.writeUInt32LE(28, 24);
  return b;
}

/* §4.2 Interface Description Block: type 1, length, LinkType (u16), reserved, SnapLen (u32), no
 * options: the default if_tsresol is 10^-6, which is what packet times (µs) are. */
function interfaceDescription(linkType: number): Buffer {
  const b = Buffer.alloc(20);
  b.writeUInt32LE(1, 0);
  b.writeUInt32LE(20, 4);
  b.writeUInt16LE(linkType, 8);
  b.writeUInt32LE(0, 12);
  b.writeUInt32LE(20, 16);
  return b;
}

/* §4.3 Enhanced Packet Block: type 6, length, interface id, timestamp (high, low) in if_tsresol
 * units, captured length, original length, data padded to 32 bits, length again. */
function enhancedPacket(iface: number, ts: number, data: Buffer, origLen: number): Buffer {
  const total = 32 + data.length + pad4(data.length);
  const b = Buffer.alloc(total);
  b.writeUInt32LE(6, 0);
  b.writeUInt32LE(total, 4);
  b.writeUInt32LE(iface, 8);
  b.writeUInt32LE(Math.floor(ts / 2 ** 32), 12);
  b.writeUInt32LE(ts % 2 ** 32, 16);
  b.writeUInt32LE(data.length, 20);
  b.writeUInt32LE(origLen, 24);
  data.copy(b, 28);
  b.writeUInt32LE(total, total - 4);
  return b;
}

/** Writes the slice's pcapng: section header, one interface per link type, packets in the order given. */
class SliceWriter {
  private readonly ifaces = new Map<number, number>(); // link type -> interface id in the slice
  readonly fd: number;
  written = 0;
  constructor(output: string) {
    this.fd = openSync(output, 'w');
    writeSync(this.fd, sectionHeader());
  }
  packet(p: { linkType: number; ts: number; data: Buffer; origLen: number }): void {
    let id = this.ifaces.get(p.linkType);
    if (id === undefined) {
      id = this.ifaces.size;
      this.ifaces.set(p.linkType, id);
      writeSync(this.fd, interfaceDescription(p.linkType));
    }
    writeSync(this.fd, enhancedPacket(id, p.ts, p.data, p.origLen));
    this.written++;
  }
  close(): void {
    closeSync(this.fd);
  }
}

/** Copy the frames of one file (numbered from `firstFrame` for its first packet) into the slice; returns those found. */
async function copyFrames(w: SliceWriter, input: string, frames: readonly number[], firstFrame = 1): Promise<Set<number>> {
  const wanted = new Set(frames);
  const found = new Set<number>();
  const last = Math.max(...frames);
  const stop = new AbortController();
  await readCapture(input, {
    signal: stop.signal,
    onPacket: (p) => {
      const frame = firstFrame + p.frame - 1;
      if (frame > last) return stop.abort();
      if (!wanted.has(frame) || found.has(frame)) return;
      w.packet(p);
      found.add(frame);
    },
  });
  return found;
}

export async function writeSlice(input: string, output: string, frames: number[]): Promise<number> {
  const w = new SliceWriter(output);
  try {
    await copyFrames(w, input, frames);
  } finally {
    w.close();
  }
  return w.written;
}

export interface SliceResult {
  /** Packets written to the slice. */
  written: number;
  /** Wanted frames that could not be written: their ring file was deleted (or is unreadable), ascending. */
  missing: number[];
}

/**
 * The slice of a live capture kept in ring files: each wanted frame is read from the file that holds
 * it (capture_files); frames whose file the ring already deleted are reported as missing, not an error.
 * The slice is written (possibly with no packets) even when every frame is missing.
 */
export async function writeSliceFromFiles(files: readonly CaptureFileRange[], output: string, frames: number[], exists: (path: string) => boolean = existsSync): Promise<SliceResult> {
  const where = locateFrames(files, frames, exists);
  const missing = [...where.missing];
  const w = new SliceWriter(output);
  try {
    for (const { file, frames: inFile } of where.files) {
      let found = new Set<number>();
      try {
        found = await copyFrames(w, file.path, inFile, file.firstFrame);
      } catch {
        // A file deleted or cut while we read it: what was not copied is missing.
      }
      for (const f of inFile) if (!found.has(f)) missing.push(f);
    }
  } finally {
    w.close();
  }
  return { written: w.written, missing: missing.sort((a, b) => a - b) };
}

/**
 * The slice of any capture: a live capture with a ring buffer reads its ring files (capture_files),
 * a file import its file as before (a frame beyond the file's end is missing).
 */
export async function writeCaptureSlice(db: Database.Database, capture: { captureId: number; file: string; frames: number[] }, output: string): Promise<SliceResult> {
  const files = captureFiles(db, capture.captureId);
  if (files.length > 0) return writeSliceFromFiles(files, output, capture.frames);
  const w = new SliceWriter(output);
  let found: Set<number>;
  try {
    found = capture.frames.length ? await copyFrames(w, capture.file, capture.frames) : new Set();
  } finally {
    w.close();
  }
  return { written: w.written, missing: [...new Set(capture.frames)].filter((f) => !found.has(f)).sort((a, b) => a - b) };
}
