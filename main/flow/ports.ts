/**
 * Which ports the dissectors want: the well-known server ports of every ProtocolModule, plus the
 * dynamic TCP ports the RPC endpoint mapper hands out (per server address). Lookups on the hot path
 * are array reads by port number; strings are made only once a port matched.
 */
import type { ProtocolModule } from '../engine/dissector.ts';

const NONE = -1;

export class PortRegistry {
  private readonly tcp = new Int16Array(65536).fill(NONE);
  private readonly udp = new Int16Array(65536).fill(NONE);
  /** Ports learned for some server; confirmed per address in `dynamic`. */
  private readonly dynamicPort = new Uint8Array(65536);
  private readonly dynamic = new Set<string>();
  private readonly dynamicModule: number;

  constructor(readonly modules: readonly ProtocolModule[]) {
    modules.forEach((m, i) => {
      // The first module listed for a port wins: PROTOCOL_MODULES is ordered on purpose.
      for (const p of m.tcpPorts) if (this.tcp[p] === NONE) this.tcp[p] = i;
      for (const p of m.udpPorts) if (this.udp[p] === NONE) this.udp[p] = i;
    });
    this.dynamicModule = modules.findIndex((m) => m.dynamicTcp === 'dcerpc');
  }

  /** Cheap pre-filter: could a TCP packet between these ports be of interest? */
  tcpMaybe(a: number, b: number): boolean {
    return this.tcp[a] !== NONE || this.tcp[b] !== NONE || this.dynamicPort[a] === 1 || this.dynamicPort[b] === 1;
  }

  udpMaybe(a: number, b: number): boolean {
    return this.udp[a] !== NONE || this.udp[b] !== NONE;
  }

  /** Module index serving TCP `port` on `ip`, or -1. */
  tcpServer(ip: string, port: number): number {
    const m = this.tcp[port]!;
    if (m !== NONE) return m;
    if (this.dynamicPort[port] === 1 && this.dynamic.has(`${ip}|${port}`)) return this.dynamicModule;
    return NONE;
  }

  udpServer(port: number): number {
    return this.udp[port]!;
  }

  /** The endpoint mapper said: DCE/RPC is served on ip:port. */
  learnRpcPort(ip: string, port: number): void {
    if (this.dynamicModule === NONE || port <= 0 || port > 65535) return;
    this.dynamicPort[port] = 1;
    this.dynamic.add(`${ip}|${port}`);
  }
}
