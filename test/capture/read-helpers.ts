/** Read a capture held in memory, in chunks of a given size, collecting copies of the packets. */
import { Readable } from 'node:stream';
import { readCapture, type ReadResult } from '../../main/capture/reader.ts';

export interface Got {
  frame: number;
  ts: number;
  linkType: number;
  data: string;
  origLen: number;
}

export async function readBytes(bytes: Buffer, chunk = 1 << 20): Promise<{ r: ReadResult; got: Got[] }> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) chunks.push(bytes.subarray(i, i + chunk));
  const got: Got[] = [];
  const r = await readCapture(Readable.from(chunks, { objectMode: false }), {
    onPacket: (p) => got.push({ frame: p.frame, ts: p.ts, linkType: p.linkType, data: p.data.toString('hex'), origLen: p.origLen }),
  });
  return { r, got };
}
