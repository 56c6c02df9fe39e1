/**
 * A tiny capture writer for crafted test packets: classic pcap (either byte order, µs or ns) and a
 * minimal pcapng (one SHB, one IDB per link type used, EPBs). Returns bytes; writeCaptureFile puts
 * them in a fresh temp dir.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface CraftedPacket {
  data: Buffer;
  /** µs since epoch; default 1_700_000_000_000_000 + index * 1000. */
  ts?: number;
  /** Original length on the wire; default data.length. */
  origLen?: number;
  /** pcapng only: link type of this packet (an IDB is written per distinct type); default the file's. */
  linkType?: number;
}

export interface PcapOptions {
  linkType?: number;
  bigEndian?: boolean;
  nanos?: boolean;
  snaplen?: number;
}

const BASE_TS = 1_700_000_000_000_000;

export function writePcap(packets: CraftedPacket[], o: PcapOptions = {}): Buffer {
  const le = !o.bigEndian;
  const hdr = Buffer.alloc(24);
  const w32 = (b: Buffer, v: number, off: number) => (le ? b.writeUInt32LE(v >>> 0, off) : b.writeUInt32BE(v >>> 0, off));
  const w16 = (b: Buffer, v: number, off: number) => (le ? b.writeUInt16LE(v, off) : b.writeUInt16BE(v, off));
  w32(hdr, o.nanos ? 0xa1b23c4d : 0xa1b2c3d4, 0);
  w16(hdr, 2, 4);
  w16(hdr, 4, 6);
  w32(hdr, o.snaplen ?? 262144, 16);
  w32(hdr, o.linkType ?? 1, 20);
  const parts: Buffer[] = [hdr];
  packets.forEach((p, i) => {
    const ts = p.ts ?? BASE_TS + i * 1000;
    const rec = Buffer.alloc(16);
    const sec = Math.floor(ts / 1e6);
    const frac = ts - sec * 1e6;
    w32(rec, sec, 0);
    w32(rec, o.nanos ? frac * 1000 : frac, 4);
    w32(rec, p.data.length, 8);
    w32(rec, p.origLen ?? p.data.length, 12);
    parts.push(rec, p.data);
  });
  return Buffer.concat(parts);
}

function block(type: number, body: Buffer): Buffer {
  const pad = (4 - (body.length % 4)) % 4;
  const total = 12 + body.length + pad;
  const b = Buffer.alloc(total);
  b.writeUInt32LE(type, 0);
  b.writeUInt32LE(total, 4);
  body.copy(b, 8);
  b.writeUInt32LE(total, total - 4);
  return b;
}

/** Little-endian pcapng with µs timestamps (if_tsresol absent = 10^-6). */
export function writePcapng(packets: CraftedPacket[], o: { linkType?: number } = {}): Buffer {
  const shb = Buffer.alloc(16);
  shb.writeUInt32LE(0x1a2b3c4d, 0);
  shb.writeUInt16LE(1, 4);
  shb.writeUInt16LE(0, 6);
  shb.writeInt32LE(-1, 8);
  shb.writeInt32LE(-1, 12);
  const parts: Buffer[] = [block(0x0a0d0d0a, shb)];
  const ifaces = new Map<number, number>();
  packets.forEach((p, i) => {
    const lt = p.linkType ?? o.linkType ?? 1;
    let id = ifaces.get(lt);
    if (id === undefined) {
      id = ifaces.size;
      ifaces.set(lt, id);
      const idb = Buffer.alloc(8);
      idb.writeUInt16LE(lt, 0);
      idb.writeUInt32LE(262144, 4);
      parts.push(block(1, idb));
    }
    const ts = p.ts ?? BASE_TS + i * 1000;
    const epb = Buffer.alloc(20);
    epb.writeUInt32LE(id, 0);
    epb.writeUInt32LE(Math.floor(ts / 0x1_0000_0000), 4);
    epb.writeUInt32LE(ts % 0x1_0000_0000, 8);
    epb.writeUInt32LE(p.data.length, 12);
    epb.writeUInt32LE(p.origLen ?? p.data.length, 16);
    parts.push(block(6, Buffer.concat([epb, p.data])));
  });
  return Buffer.concat(parts);
}

/** Write bytes to <fresh temp dir>/<name> and return the path. */
export function writeCaptureFile(name: string, bytes: Buffer): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'reconlens-test-'));
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}
