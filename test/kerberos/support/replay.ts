/**
 * Feeds the frames of a corpus capture to one protocol module, as the flow layer will: per
 * conversation (client = the side not on the module's well-known port), in capture order, TCP
 * payloads in order (tshark drops retransmissions for us), onEnd(null) for all at the end.
 * The frames come from tshark, the decoder of record; tests skip (with a reason) without it.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { DatagramDissector, DissectorContext, ProtocolModule, StreamDissector } from '../../../main/engine/dissector.ts';
import { corpusPath, repoRoot } from '../../helpers/paths.ts';

export const corpus = corpusPath;
export const tsharkFacts = path.resolve(repoRoot, '../shared/tools/tshark-facts');

export const hasTshark = (): boolean => spawnSync('tshark', ['-v'], { encoding: 'utf8' }).status === 0;
export const NO_TSHARK = 'tshark is not installed: cannot read corpus frames';

export interface WireFrame {
  frame: number;
  ts: number;
  src: string;
  dst: string;
  sport: number;
  dport: number;
  transport: 'tcp' | 'udp';
  payload: Buffer;
}

/** Decimal epoch seconds "1421708030.829536000" -> µs, exactly. */
export function epochToUs(s: string): number {
  const [sec = '0', frac = ''] = s.split('.');
  return Number(sec) * 1_000_000 + Number((frac + '000000').slice(0, 6));
}

export function readFrames(file: string, ports: readonly number[]): WireFrame[] {
  const portFilter = ports.map((p) => `udp.port==${p} || tcp.port==${p}`).join(' || ');
  const r = spawnSync('tshark', ['-n', '-r', file, '-Y', `(${portFilter}) && !tcp.analysis.retransmission`, '-T', 'fields', '-E', 'separator=\t',
    '-e', 'frame.number', '-e', 'frame.time_epoch', '-e', 'ip.src', '-e', 'ipv6.src', '-e', 'ip.dst', '-e', 'ipv6.dst',
    '-e', 'udp.srcport', '-e', 'udp.dstport', '-e', 'tcp.srcport', '-e', 'tcp.dstport', '-e', 'udp.payload', '-e', 'tcp.payload'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`tshark failed on ${file}: ${r.stderr}`);
  const out: WireFrame[] = [];
  for (const line of r.stdout.split('\n')) {
    if (!line) continue;
    const [frame, time, ip4s, ip6s, ip4d, ip6d, us, ud, ts, td, up, tp] = line.split('\t');
    const udp = Boolean(us);
    const hex = udp ? up : tp;
    if (!hex) continue;
    out.push({
      frame: Number(frame),
      ts: epochToUs(time ?? '0'),
      src: (ip4s || ip6s || '').split(',')[0]!,
      dst: (ip4d || ip6d || '').split(',')[0]!,
      sport: Number(udp ? us : ts),
      dport: Number(udp ? ud : td),
      transport: udp ? 'udp' : 'tcp',
      payload: Buffer.from(hex.replace(/:/g, ''), 'hex'),
    });
  }
  return out;
}

/** Replays frames through a module; returns nothing, the context records what it did. */
export function replay(module: ProtocolModule, frames: readonly WireFrame[], ctx: DissectorContext): void {
  const convs = new Map<string, { d: DatagramDissector | StreamDissector; clientIp: string; clientPort: number }>();
  for (const f of frames) {
    const wellKnown = f.transport === 'udp' ? module.udpPorts : module.tcpPorts;
    const toServer = wellKnown.includes(f.dport) && !(wellKnown.includes(f.sport) && f.sport < f.dport);
    const [cIp, cPort, sIp, sPort] = toServer ? [f.src, f.sport, f.dst, f.dport] : [f.dst, f.dport, f.src, f.sport];
    const key = `${f.transport} ${cIp}:${cPort} ${sIp}:${sPort}`;
    let c = convs.get(key);
    if (!c) {
      const conv = { transport: f.transport, clientIp: cIp, clientPort: cPort, serverIp: sIp, serverPort: sPort };
      const d = f.transport === 'udp' ? module.openDatagram?.(conv, ctx) : module.openStream?.(conv, ctx);
      if (!d) continue;
      convs.set(key, (c = { d, clientIp: cIp, clientPort: cPort }));
    }
    const fromClient = f.src === c.clientIp && f.sport === c.clientPort;
    const meta = { frame: f.frame, ts: f.ts };
    if ('onDatagram' in c.d) c.d.onDatagram(fromClient, f.payload, meta);
    else c.d.onData(fromClient, f.payload, meta);
  }
  for (const c of convs.values()) c.d.onEnd?.(null);
}
