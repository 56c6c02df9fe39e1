/** Options and result of a capture read, shared by the file and the stream readers. */
import type { CaptureFormat } from '../engine/sink.ts';
import type { RecordFeeder } from './feeder.ts';
import { SkipCounter, type PacketHandler } from './types.ts';

export interface ReadOptions {
  onPacket: PacketHandler;
  signal?: AbortSignal;
  /** Called after each chunk of the raw input with the bytes read so far and frames numbered. */
  onProgress?(bytesRead: number, frames: number): void;
  /** Compute the sha256 of the raw input bytes. */
  hash?: boolean;
  /** Where skipped records are counted (shared with the decode layer); a new one by default. */
  skips?: SkipCounter;
  /** Read size (default 4 MiB for files, 1 MiB for streams). */
  chunkSize?: number;
}

export interface ReadResult {
  format: CaptureFormat;
  compressed: boolean;
  linkTypes: number[];
  /** Frames numbered (delivered and skipped records). */
  packets: number;
  /** Raw bytes read (compressed bytes for a gzip file). */
  bytesRead: number;
  firstTs: number | null;
  lastTs: number | null;
  /** Stopped early through the signal. */
  interrupted: boolean;
  sha256: string | null;
  skips: SkipCounter;
}

/** The result once the feeder saw the end of input (or was interrupted with a parser in place). */
export function resultOf(feeder: RecordFeeder, skips: SkipCounter, r: { compressed: boolean; bytesRead: number; interrupted: boolean; sha256: string | null }): ReadResult {
  const p = feeder.parser!;
  return {
    format: p.format,
    compressed: r.compressed,
    linkTypes: [...p.linkTypes].sort((a, b) => a - b),
    packets: p.frames,
    bytesRead: r.bytesRead,
    firstTs: p.firstTs,
    lastTs: p.lastTs,
    interrupted: r.interrupted,
    sha256: r.interrupted ? null : r.sha256,
    skips,
  };
}
