/**
 * Write chosen frames of a capture to a pcapng (the evidence of an alert), reading it with the
 * engine's streaming reader (main/capture), so frame numbers mean exactly what they meant to the
 * engine (Wireshark's numbering) and gzip captures work too. Reading stops after the last wanted frame.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
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

export async function writeSlice(input: string, output: string, frames: number[]): Promise<number> {
  const wanted = new Set(frames);
  const last = Math.max(...frames);
  const ifaces = new Map<number, number>(); // link type -> interface id in the slice
  const stop = new AbortController();
  const fd = openSync(output, 'w');
  let written = 0;
  try {
    writeSync(fd, sectionHeader());
    await readCapture(input, {
      signal: stop.signal,
      onPacket: (p) => {
        if (p.frame > last) return stop.abort();
        if (!wanted.has(p.frame)) return;
        let id = ifaces.get(p.linkType);
        if (id === undefined) {
          id = ifaces.size;
          ifaces.set(p.linkType, id);
          writeSync(fd, interfaceDescription(p.linkType));
        }
        writeSync(fd, enhancedPacket(id, p.ts, p.data, p.origLen));
        written++;
      },
    });
  } finally {
    closeSync(fd);
  }
  return written;
}
