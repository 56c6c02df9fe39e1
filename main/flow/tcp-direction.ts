/**
 * Reassembly of one direction of a TCP connection (RFC 9293 §3.4 sequence numbers, modulo 2^32):
 * bytes come out in order exactly once. Retransmissions and overlaps are trimmed (the first copy
 * wins, as Wireshark's default), out-of-order segments wait in a bounded queue, and a hole is
 * declared a gap when the receiver acknowledged past it (the capture missed it), when the queue
 * would exceed its budget, or when the connection ends.
 */
import type { BufferBudget } from './limits.ts';

/** Signed distance a - b in sequence space. */
export const seqDiff = (a: number, b: number): number => (a - b) | 0;

export interface DirectionSink {
  data(bytes: Buffer): void;
  gap(missing: number): void;
}

interface Queued {
  seq: number;
  data: Buffer;
  /** Bytes the sender sent (data.length plus any tail the snaplen cut). */
  wireLen: number;
}

export interface DirectionCounters {
  retransmitted: number;
  outOfOrder: number;
  gaps: number;
  gapBytes: number;
}

export class TcpDirection {
  /** Next sequence number expected; null until the first SYN or data segment. */
  nextSeq: number | null = null;
  private finSeq: number | null = null;
  private queue: Queued[] = [];
  private queuedBytes = 0;

  constructor(
    private readonly out: DirectionSink,
    private readonly budget: BufferBudget,
    private readonly counters: DirectionCounters,
  ) {}

  get finished(): boolean {
    return this.finSeq !== null && this.nextSeq !== null && seqDiff(this.nextSeq, this.finSeq) >= 0;
  }

  get buffered(): number {
    return this.queuedBytes;
  }

  /** A SYN from this side: data starts at seq + 1. */
  syn(seq: number): void {
    if (this.nextSeq === null) this.nextSeq = (seq + 1) >>> 0;
  }

  /** A FIN from this side after `len` data bytes at `seq`. */
  fin(seq: number, len: number): void {
    this.finSeq = (seq + len) >>> 0;
  }

  /** A segment carrying data (payload as captured; wireLen as sent). */
  segment(seq: number, payload: Buffer, wireLen: number): void {
    if (wireLen === 0) return;
    if (this.nextSeq === null) this.nextSeq = seq; // capture started mid-connection
    const d = seqDiff(seq, this.nextSeq);
    if (d > 0) {
      this.counters.outOfOrder++;
      this.enqueue(seq, payload, wireLen);
      return;
    }
    if (-d >= wireLen) {
      this.counters.retransmitted++;
      return;
    }
    this.emit(payload, wireLen, -d);
    this.drain();
  }

  /** The other side acknowledged up to `ack`: holes below it will never be filled by this capture. */
  acked(ack: number): void {
    while (this.nextSeq !== null && this.queue.length > 0) {
      const first = this.queue[0]!;
      if (seqDiff(ack, first.seq) < 0) return;
      this.skipTo(first.seq);
      this.drain();
    }
  }

  /** End of the connection: flush what is queued, with gaps for the holes. */
  flush(): void {
    while (this.queue.length > 0) {
      this.skipTo(this.queue[0]!.seq);
      this.drain();
    }
  }

  private skipTo(seq: number): void {
    const missing = seqDiff(seq, this.nextSeq!);
    if (missing <= 0) return;
    this.counters.gaps++;
    this.counters.gapBytes += missing;
    this.nextSeq = seq;
    this.out.gap(missing);
  }

  /** Deliver payload from `trim` on, then the tail lost to the snaplen as a gap. */
  private emit(payload: Buffer, wireLen: number, trim: number): void {
    if (trim < payload.length) this.out.data(trim === 0 ? payload : payload.subarray(trim));
    const cut = wireLen - Math.max(payload.length, trim);
    this.nextSeq = (this.nextSeq! + (wireLen - trim)) >>> 0;
    if (cut > 0) {
      this.counters.gaps++;
      this.counters.gapBytes += cut;
      this.out.gap(cut);
    }
  }

  private drain(): void {
    while (this.queue.length > 0) {
      const first = this.queue[0]!;
      const d = seqDiff(first.seq, this.nextSeq!);
      if (d > 0) return;
      this.queue.shift();
      this.release(first.data.length);
      if (-d >= first.wireLen) {
        this.counters.retransmitted++;
        continue;
      }
      this.emit(first.data, first.wireLen, -d);
    }
  }

  private enqueue(seq: number, payload: Buffer, wireLen: number): void {
    const b = this.budget;
    if (this.queuedBytes + payload.length > b.perDirection || b.used + payload.length > b.total || this.queue.length >= b.maxSegments) {
      // No room to wait for the hole to fill: give up on it now.
      this.flush();
      this.skipTo(seq);
      const trim = -seqDiff(seq, this.nextSeq!);
      if (trim >= wireLen) this.counters.retransmitted++;
      else this.emit(payload, wireLen, Math.max(trim, 0));
      return;
    }
    let i = this.queue.length;
    while (i > 0 && seqDiff(this.queue[i - 1]!.seq, seq) > 0) i--;
    const prev = this.queue[i - 1];
    if (prev && prev.seq === seq && prev.wireLen >= wireLen) {
      this.counters.retransmitted++;
      return;
    }
    this.queue.splice(i, 0, { seq, data: Buffer.from(payload), wireLen });
    this.queuedBytes += payload.length;
    b.used += payload.length;
  }

  private release(n: number): void {
    this.queuedBytes -= n;
    this.budget.used -= n;
  }
}
