/**
 * Shared shapes of the capture readers (pcap, pcapng, optionally gzip-compressed): the reused packet
 * object handed to the caller, the per-reason skip counter, the typed "not a capture" error and the
 * limits that keep memory bounded whatever the length fields say.
 */
import type { CaptureFormat } from '../engine/sink.ts';

/**
 * One captured packet. The reader reuses this object, and its bytes live in the reader's buffer
 * (buf[offset .. offset+length)): valid only during onPacket, copy what you keep. Decoders read
 * buf with offsets; `data` makes a view for callers that want a Buffer (one allocation).
 */
export interface CapturePacket {
  /** 1-based frame number, as Wireshark numbers it (skipped records count too). */
  frame: number;
  /** Packet time, µs since the Unix epoch. */
  ts: number;
  /** LINKTYPE_* of the interface the packet was captured on. */
  linkType: number;
  buf: Buffer;
  offset: number;
  /** Captured length. */
  length: number;
  /** Length of the packet on the wire (≥ length when the snaplen cut it). */
  origLen: number;
  /** The captured bytes as a view (created on access). */
  readonly data: Buffer;
}

const EMPTY = Buffer.alloc(0);

export class PacketRecord implements CapturePacket {
  frame = 0;
  ts = 0;
  linkType = 1;
  buf: Buffer = EMPTY;
  offset = 0;
  length = 0;
  origLen = 0;
  get data(): Buffer {
    return this.buf.subarray(this.offset, this.offset + this.length);
  }
}

/** Largest captured length we accept (Wireshark's own maximum for most link types). */
export const MAX_CAPLEN = 256 * 1024;
/** Largest pcapng block the reader buffers; longer blocks are skipped by length without buffering. */
export const MAX_BLOCK_HOLD = MAX_CAPLEN + 64 * 1024;
/** Example frames kept per skip reason. */
export const MAX_EXAMPLE_FRAMES = 20;

/** The input is not a capture we can read (wrong magic, empty, text...): the whole file is refused. */
export class CaptureFormatError extends Error {
  override readonly name = 'CaptureFormatError';
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Packets skipped or damaged, counted per reason with a few example frames (CaptureStats.skipped). */
export class SkipCounter {
  readonly counts: Record<string, number> = {};
  readonly frames: Record<string, number[]> = {};

  add(reason: string, frame: number, n = 1): void {
    this.counts[reason] = (this.counts[reason] ?? 0) + n;
    const list = (this.frames[reason] ??= []);
    if (list.length < MAX_EXAMPLE_FRAMES && frame > 0) list.push(frame);
  }
}

/** Receives packets from a record parser. */
export type PacketHandler = (pkt: CapturePacket) => void;

/** A streaming parser of one capture format, fed with consecutive byte ranges of the file. */
export interface RecordParser {
  readonly format: CaptureFormat;
  readonly linkTypes: Set<number>;
  /** Frames numbered so far (last frame number). */
  readonly frames: number;
  readonly firstTs: number | null;
  readonly lastTs: number | null;
  /** Set when the rest of the input cannot be parsed (e.g. a corrupt pcapng block length). */
  readonly stopped: boolean;
  /** Stop delivering packets (cancellation). */
  halt(): void;
  /**
   * Parse the complete records at the start of buf and return the bytes consumed. A return value
   * larger than buf.length asks the caller to skip that many bytes in total (an oversized record).
   * An incomplete record is left unconsumed; it never needs more than MAX_BLOCK_HOLD bytes.
   */
  parse(buf: Buffer): number;
  /** End of input with `leftover` unparsed bytes (a truncated last record when > 0). */
  finish(leftover: number, skipping: boolean): void;
}

export function describeMagic(head: Buffer): string {
  if (head.length === 0) return 'empty file';
  const sample = head.subarray(0, 64);
  const printable = sample.every((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127));
  if (printable) return 'not a capture file (looks like text)';
  return `not a pcap or pcapng file (starts with ${head.subarray(0, 4).toString('hex')})`;
}
