/**
 * DNS server role, learned (DESIGN.md "Who is a DC or a DNS server"): a host that answers queries
 * from port 53 for at least two distinct clients. Per engine run (DissectorContext).
 */
import type { DissectorContext } from '../../engine/dissector.ts';

export const DNS_SERVER_MIN_CLIENTS = 2;
/** Hosts tracked per run; a scan of the whole Internet cannot grow it past this. */
const MAX_SERVERS = 65_536;

interface ServerSeen { clients: Set<string>; learned: boolean }
const runs = new WeakMap<DissectorContext, Map<string, ServerSeen>>();

export function noteDnsAnswer(ctx: DissectorContext, serverIp: string, clientIp: string, ts: number): void {
  let servers = runs.get(ctx);
  if (!servers) runs.set(ctx, (servers = new Map()));
  let s = servers.get(serverIp);
  if (!s) {
    if (servers.size >= MAX_SERVERS) return;
    servers.set(serverIp, (s = { clients: new Set(), learned: false }));
  }
  if (s.learned || s.clients.has(clientIp)) return;
  s.clients.add(clientIp);
  if (s.clients.size < DNS_SERVER_MIN_CLIENTS) return;
  s.learned = true;
  ctx.learnRole(serverIp, 'dns-server', 'dns-answers', ts, `answered ${[...s.clients].join(', ')}`);
}
