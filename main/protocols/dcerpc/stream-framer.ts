/**
 * Cuts a TCP (or named pipe) byte stream into length-prefixed messages: NetBIOS session messages
 * for SMB, PDUs for DCE/RPC. Memory stays bounded: at most `maxMessage` bytes are held, a longer
 * message is delivered cut to `truncatedPrefix` bytes and the rest is skipped without buffering.
 * Chunks are collected and joined only once a message is complete, so a message spread over many
 * segments costs one copy, not one per segment. After a gap or a bad header the framer scans for
 * something that looks like a message start and resyncs there.
 */
import { DecodeError } from '../../util/cursor.ts';

export interface FramerSpec {
  /** Bytes needed to compute the length of a message. */
  headerSize: number;
  /** Bytes needed by looksLikeStart (>= headerSize). */
  syncSize: number;
  /** Total length of the message at buf[at] (header included); throws DecodeError when it is no header. */
  messageLength(buf: Buffer, at: number): number;
  /** Whether a message plausibly starts at buf[at] (syncSize bytes are available). */
  looksLikeStart(buf: Buffer, at: number): boolean;
  /** Largest message delivered whole. */
  maxMessage: number;
  /** How much of a longer message is delivered (its headers), the rest being skipped. */
  truncatedPrefix: number;
}

export type Deliver = (message: Buffer, fullLength: number, truncated: boolean) => void;
export type OnFramingError = (reason: string) => void;

export class StreamFramer {
  private chunks: Buffer[] = [];
  private held = 0;
  /** Bytes the held data must reach before parsing can make progress. */
  private needed = 0;
  private skipRemaining = 0;
  private lost = false;

  constructor(private readonly spec: FramerSpec) {}

  /** True while the framer is skipping or searching (data is being discarded). */
  get resyncing(): boolean {
    return this.lost;
  }

  /** Bytes went missing: whatever is held is incomplete, so drop it and look for the next start. */
  gap(): void {
    this.chunks = [];
    this.held = 0;
    this.needed = 0;
    this.skipRemaining = 0;
    this.lost = true;
  }

  push(data: Buffer, deliver: Deliver, onError: OnFramingError): void {
    if (data.length === 0) return;
    if (this.skipRemaining >= data.length) {
      this.skipRemaining -= data.length;
      return;
    }
    if (this.held > 0 && this.held + data.length < this.needed) {
      this.chunks.push(Buffer.from(data));
      this.held += data.length;
      return;
    }
    const buf = this.held > 0 ? Buffer.concat([...this.chunks, data]) : data;
    this.chunks = [];
    this.held = 0;
    const at = this.parse(buf, deliver, onError);
    if (at < buf.length) {
      // `data` is only valid during this call: keep a copy of the unparsed tail.
      this.chunks = [Buffer.from(buf.subarray(at))];
      this.held = buf.length - at;
    }
  }

  private parse(buf: Buffer, deliver: Deliver, onError: OnFramingError): number {
    const s = this.spec;
    let at = 0;
    for (;;) {
      if (this.skipRemaining > 0) {
        const n = Math.min(this.skipRemaining, buf.length - at);
        at += n;
        this.skipRemaining -= n;
        if (this.skipRemaining > 0) return at;
      }
      if (this.lost) {
        let found = -1;
        for (let i = at; i + s.syncSize <= buf.length; i++) {
          if (s.looksLikeStart(buf, i)) {
            found = i;
            break;
          }
        }
        if (found < 0) {
          this.needed = s.syncSize;
          return Math.max(at, buf.length - (s.syncSize - 1));
        }
        at = found;
        this.lost = false;
      }
      if (buf.length - at < s.headerSize) {
        this.needed = s.headerSize;
        return at;
      }
      let length: number;
      try {
        length = s.messageLength(buf, at);
      } catch (e) {
        if (!(e instanceof DecodeError)) throw e;
        onError(e.reason);
        this.lost = true;
        at += 1;
        continue;
      }
      if (length > s.maxMessage) {
        const keep = Math.min(s.truncatedPrefix, length);
        if (buf.length - at < keep) {
          this.needed = keep;
          return at;
        }
        deliver(buf.subarray(at, at + keep), length, true);
        at += keep;
        this.skipRemaining = length - keep;
        continue;
      }
      if (buf.length - at < length) {
        this.needed = length;
        return at;
      }
      deliver(buf.subarray(at, at + length), length, false);
      at += length;
    }
  }
}
