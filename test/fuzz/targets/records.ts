/**
 * Record-aware mutations of whole capture files: walk the pcap records or pcapng blocks of a seed
 * and damage one of them (its bytes, its length fields set to 0 / max / one past / 4 GB), repeat it
 * (e.g. 10^4 interface blocks), drop or swap records, or change the link type.
 */
import { havoc, cap } from '../mutate.ts';
import type { Rng } from '../rng.ts';

interface Span {
  start: number;
  end: number;
  /** Offset of the captured-length field (pcap) or block-length field (pcapng). */
  lenAt: number;
}

function pcapRecords(b: Buffer): { le: boolean; spans: Span[] } | null {
  if (b.length < 24) return null;
  const m = b.readUInt32LE(0);
  const le = m === 0xa1b2c3d4 || m === 0xa1b23c4d;
  const rh = m === 0xa1b2cd34 || m === 0x34cdb2a1 ? 24 : 16;
  const spans: Span[] = [];
  let p = 24;
  while (p + rh <= b.length && spans.length < 5000) {
    const caplen = le ? b.readUInt32LE(p + 8) : b.readUInt32BE(p + 8);
    const end = p + rh + caplen;
    if (end > b.length) break;
    spans.push({ start: p, end, lenAt: p + 8 });
    p = end;
  }
  return { le, spans };
}

function pcapngBlocks(b: Buffer): { le: boolean; spans: Span[] } | null {
  if (b.length < 28 || b.readUInt32LE(0) !== 0x0a0d0d0a) return null;
  const le = b.readUInt32LE(8) === 0x1a2b3c4d;
  const spans: Span[] = [];
  let p = 0;
  while (p + 12 <= b.length && spans.length < 5000) {
    const blen = le ? b.readUInt32LE(p + 4) : b.readUInt32BE(p + 4);
    if (blen < 12 || p + blen > b.length) break;
    spans.push({ start: p, end: p + blen, lenAt: p + 4 });
    p += blen;
  }
  return { le, spans };
}

function write32(b: Buffer, at: number, v: number, le: boolean): void {
  if (le) b.writeUInt32LE(v >>> 0, at);
  else b.writeUInt32BE(v >>> 0, at);
}

export function recordMutation(file: Buffer, r: Rng): Buffer {
  const ng = pcapngBlocks(file);
  const parsed = ng ?? pcapRecords(file);
  if (!parsed || parsed.spans.length === 0) return havoc(file, r);
  const { le, spans } = parsed;
  const pick = r.pick(spans);
  const rec = file.subarray(pick.start, pick.end);
  const before = file.subarray(0, pick.start);
  const after = file.subarray(pick.end);
  switch (r.int(7)) {
    case 0: {
      // Damage the bytes of one record, header excluded (the frame inside it).
      const head = rec.subarray(0, Math.min(rec.length, 28));
      return cap(Buffer.concat([before, head, havoc(rec.subarray(head.length), r, 6), after]));
    }
    case 1: {
      // A length field: 0, max, one past what follows, 4 GB, or a little off.
      const out = Buffer.from(file);
      const rest = file.length - pick.lenAt - 4;
      write32(out, pick.lenAt, r.pick([0, 0xffffffff, rest + 1, 0xfffffff0, 0x7fffffff, 262_145, (rec.length - 16) + r.range(-3, 3), 12, 13]), le);
      return out;
    }
    case 2: {
      // Repeat one record many times (interface block floods, duplicate packets).
      const times = r.pick([2, 10, 100, 1000]);
      return cap(Buffer.concat([before, ...Array<Buffer>(times).fill(rec), after]));
    }
    case 3:
      return Buffer.concat([before, after]);
    case 4: {
      const other = r.pick(spans);
      if (other.start <= pick.start) return file;
      return Buffer.concat([before, file.subarray(other.start, other.end), file.subarray(pick.end, other.start), rec, file.subarray(other.end)]);
    }
    case 5: {
      // Another link type in the header (pcap) or the first interface block (pcapng).
      const out = Buffer.from(file);
      const lt = r.pick([0, 1, 12, 101, 108, 113, 228, 229, 276, 147, 0xffff]);
      if (!ng) write32(out, 20, lt, le);
      else {
        const idb = spans.find((s) => (le ? file.readUInt32LE(s.start) : file.readUInt32BE(s.start)) === 1);
        if (idb && le) out.writeUInt16LE(lt & 0xffff, idb.start + 8);
        else if (idb) out.writeUInt16BE(lt & 0xffff, idb.start + 8);
      }
      return out;
    }
    default:
      return havoc(file, r, 8);
  }
}
