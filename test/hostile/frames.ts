/** Raw pcap record writing for hostile files (streamed parts, so a big file is never one array of objects). */
import { ethTcp, ethUdp, ethernet, ipv4 } from '../helpers/packets.ts';

export function pcapHeader(linkType = 1): Buffer {
  const h = Buffer.alloc(24);
  h.writeUInt32LE(0xa1b2c3d4, 0);
  h.writeUInt16LE(2, 4);
  h.writeUInt16LE(4, 6);
  h.writeUInt32LE(262144, 16);
  h.writeUInt32LE(linkType, 20);
  return h;
}

/** One record; `claim` overrides the captured-length field (the data written stays `data`). */
export function record(data: Buffer, i: number, claim?: number): Buffer {
  const r = Buffer.alloc(16);
  const ts = 1_700_000_000 + Math.floor(i / 1000);
  r.writeUInt32LE(ts, 0);
  r.writeUInt32LE((i % 1000) * 1000, 4);
  r.writeUInt32LE((claim ?? data.length) >>> 0, 8);
  r.writeUInt32LE(data.length, 12);
  return Buffer.concat([r, data]);
}

export { ethTcp, ethUdp, ethernet, ipv4 };
