/**
 * IP fragment reassembly (RFC 791 §3.2 "Fragmentation and Reassembly"; RFC 8200 §4.5 for IPv6):
 * fragments of one datagram share (source, destination, protocol, identification); the fragment
 * offset counts 8-byte units of the payload and More Fragments is clear on the last one.
 *
 * Bounded: at most MAX_DATAGRAMS datagrams in progress and MAX_BYTES buffered in all, a datagram
 * never above 65535 bytes, and datagrams older than MAX_AGE_US of packet time are dropped. Drops
 * are counted by the caller (skip reason 'fragments-dropped', one per datagram given up).
 */
export const MAX_DATAGRAMS = 1024;
export const MAX_BYTES = 8 * 1024 * 1024;
export const MAX_AGE_US = 60_000_000;
/** Fragments kept per datagram (a 65535-byte datagram over a 576-byte MTU takes 120): a flood of
 * repeated or zero-length fragments of one datagram is given up, not kept and re-sorted forever. */
export const MAX_FRAGMENTS_PER_DATAGRAM = 256;
const MAX_DATAGRAM = 65535;

interface Pending {
  firstTs: number;
  /** Copy of source and destination address bytes. */
  addrs: Buffer;
  proto: number;
  parts: { off: number; data: Buffer }[];
  bytes: number;
  /** Payload length, known once the last fragment arrived. */
  total: number | null;
}

export interface Reassembled {
  addrs: Buffer;
  proto: number;
  payload: Buffer;
}

export class FragmentTable {
  private readonly pending = new Map<string, Pending>();
  private bytes = 0;
  /** Datagrams given up (too old, too big, table full). */
  dropped = 0;

  get size(): number {
    return this.pending.size;
  }

  /**
   * Add one fragment. `addrs` are the address bytes (copied when a new datagram starts); `data` the
   * fragment's payload. Returns the whole payload once every byte from 0 to the end is present.
   */
  add(key: string, addrs: Buffer, proto: number, off: number, more: boolean, data: Buffer, ts: number): Reassembled | null {
    this.expire(ts);
    if (off + data.length > MAX_DATAGRAM) {
      this.drop(key);
      return null;
    }
    let p = this.pending.get(key);
    if (!p) {
      if (this.pending.size >= MAX_DATAGRAMS) this.evictOldest();
      p = { firstTs: ts, addrs: Buffer.from(addrs), proto, parts: [], bytes: 0, total: null };
      this.pending.set(key, p);
    }
    if (this.bytes + data.length > MAX_BYTES || p.parts.length >= MAX_FRAGMENTS_PER_DATAGRAM) {
      this.drop(key);
      return null;
    }
    p.parts.push({ off, data: Buffer.from(data) });
    p.bytes += data.length;
    this.bytes += data.length;
    if (!more) p.total = off + data.length;
    // Coverage needs at least `total` bytes: skip the sort until then.
    if (p.total === null || p.bytes < p.total) return null;
    const payload = assemble(p.parts, p.total);
    if (!payload) return null;
    this.remove(key, p);
    return { addrs: p.addrs, proto: p.proto, payload };
  }

  private remove(key: string, p: Pending): void {
    this.pending.delete(key);
    this.bytes -= p.bytes;
  }

  private drop(key: string): void {
    const p = this.pending.get(key);
    if (p) this.remove(key, p);
    this.dropped++;
  }

  private expire(now: number): void {
    // Map order is insertion order, so the oldest datagrams come first.
    for (const [key, p] of this.pending) {
      if (now - p.firstTs <= MAX_AGE_US) break;
      this.drop(key);
    }
  }

  private evictOldest(): void {
    const first = this.pending.keys().next();
    if (!first.done) this.drop(first.value);
  }
}

/** The payload if [0, total) is covered, else null. Later fragments overwrite earlier overlaps. */
function assemble(parts: { off: number; data: Buffer }[], total: number): Buffer | null {
  const sorted = [...parts].sort((a, b) => a.off - b.off);
  let covered = 0;
  for (const f of sorted) {
    if (f.off > covered) return null;
    covered = Math.max(covered, f.off + f.data.length);
  }
  if (covered < total) return null;
  const out = Buffer.alloc(total);
  // A fragment may lie past the end the last fragment set (hostile or broken): nothing of it to copy.
  for (const f of parts) if (f.off < total) f.data.copy(out, f.off, 0, Math.min(f.data.length, total - f.off));
  return out;
}
