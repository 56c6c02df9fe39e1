/**
 * TCP payloads of a capture as tshark sees them, grouped per connection and oriented client ->
 * server, so that a StreamDissector can be driven without the flow layer. tshark is the decoder
 * of record; retransmissions are left out as a reassembler would.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const corpus = (rel: string): string => path.resolve(repoRoot, '../shared/corpus', rel);

export interface Segment {
  fromClient: boolean;
  data: Buffer;
  frame: number;
  ts: number;
}

export interface TcpStream {
  id: number;
  clientIp: string;
  clientPort: number;
  serverIp: string;
  serverPort: number;
  segments: Segment[];
}

/**
 * tshark is slow (seconds per pass on the larger captures) and several test files ask it the same
 * questions: answers are cached in the OS temp dir, keyed by the file's path, size and mtime and
 * the arguments, so a changed capture is read again.
 */
const CACHE_DIR = path.join(os.tmpdir(), 'reconlens-tshark-cache');
function cached(file: string, key: string[], run: () => string): string {
  const st = statSync(file);
  const id = createHash('sha256').update(JSON.stringify([path.resolve(file), st.size, st.mtimeMs, ...key])).digest('hex');
  const where = path.join(CACHE_DIR, `${id}.txt`);
  try {
    return readFileSync(where, 'utf8');
  } catch {
    const out = run();
    mkdirSync(CACHE_DIR, { recursive: true });
    writeFileSync(where, out);
    return out;
  }
}

export function tshark(file: string, args: string[]): string {
  return cached(file, ['tshark', ...args], () =>
    execFileSync('tshark', ['-n', '-r', file, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] }));
}

/** Connections of the capture whose server port is one of `serverPorts` (or any, when empty). */
export function tcpStreams(file: string, serverPorts: readonly number[] = []): TcpStream[] {
  const out = tshark(file, [
    '-Y', '(tcp.len > 0 && !tcp.analysis.retransmission) || (tcp.flags.syn == 1 && tcp.flags.ack == 0)',
    '-T', 'fields', '-E', 'separator=\t',
    '-e', 'frame.number', '-e', 'frame.time_epoch', '-e', 'tcp.stream', '-e', 'ip.src', '-e', 'tcp.srcport',
    '-e', 'ip.dst', '-e', 'tcp.dstport', '-e', 'tcp.flags.syn', '-e', 'tcp.payload',
  ]);
  const streams = new Map<number, TcpStream>();
  for (const line of out.split('\n')) {
    if (!line) continue;
    const [frame, time, id, src, sport, dst, dport, syn, payload] = line.split('\t');
    const sid = Number(id);
    let s = streams.get(sid);
    if (!s) {
      // The SYN's destination is the server; without a SYN, the side on a known server port.
      const dstIsServer = syn === '1' || serverPorts.includes(Number(dport)) || !serverPorts.includes(Number(sport));
      s = dstIsServer
        ? { id: sid, clientIp: src!, clientPort: Number(sport), serverIp: dst!, serverPort: Number(dport), segments: [] }
        : { id: sid, clientIp: dst!, clientPort: Number(dport), serverIp: src!, serverPort: Number(sport), segments: [] };
      streams.set(sid, s);
    }
    if (!payload) continue;
    const fromClient = src === s.clientIp && Number(sport) === s.clientPort;
    s.segments.push({ fromClient, data: Buffer.from(payload.replace(/:/g, ''), 'hex'), frame: Number(frame), ts: Math.round(Number(time) * 1e6) });
  }
  return [...streams.values()].filter((s) => serverPorts.length === 0 || serverPorts.includes(s.serverPort));
}

/** tshark-facts lines of one kind, parsed. */
export function tsharkFacts(file: string, what: string): Record<string, string | number>[] {
  const tool = path.resolve(repoRoot, '../shared/tools/tshark-facts');
  const out = cached(file, ['tshark-facts', String(statSync(tool).mtimeMs), what], () =>
    execFileSync(tool, [file, what], { encoding: 'utf8', maxBuffer: 1 << 28 }));
  return out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, string | number>);
}
