/**
 * What Kerberos tells about hosts (DESIGN.md "Names"): a computer account NAME$ or a host/NAME
 * principal authenticating from an IP names that IP; the NetBIOS address an AS-REQ carries
 * (RFC 4120 §7.5.3, addr-type 20) names the client; a KDC that answers is a DC; a TGS-REP for
 * cifs/<host> tells the SMB layer which user is about to open a session to <host>.
 */
import type { DissectorContext } from '../../engine/dissector.ts';
import type { KdcRep, KdcReq } from './messages.ts';
import { ADDR_IPV4, ADDR_IPV6, ADDR_NETBIOS, principalText, type PrincipalName } from './principal.ts';

/** Learned facts are reported once per run; bounded so a flood of names cannot grow it forever. */
const MAX_REMEMBERED = 100_000;
const reported = new WeakMap<DissectorContext, Set<string>>();

function once(ctx: DissectorContext, key: string): boolean {
  let seen = reported.get(ctx);
  if (!seen) reported.set(ctx, (seen = new Set()));
  if (seen.has(key)) return false;
  if (seen.size >= MAX_REMEMBERED) seen.clear();
  seen.add(key);
  return true;
}

function learn(ctx: DissectorContext, ip: string, name: string, ts: number): void {
  const clean = name.trim();
  if (!clean || clean.length > 255) return;
  if (once(ctx, `n\0${ip}\0${clean.toLowerCase()}`)) ctx.learnName(ip, clean, 'kerberos', ts);
}

/** Service classes whose two-part principal names the machine itself (host/NAME, cifs/NAME). */
const HOST_SERVICES: ReadonlySet<string> = new Set(['host', 'cifs']);

/** The host a client principal stands for: NAME$ -> NAME, host/NAME or cifs/NAME -> NAME; users -> null. */
export function hostOfPrincipal(p: PrincipalName | null): string | null {
  if (!p) return null;
  const [first, second] = p.parts;
  if (p.parts.length === 1 && first && first.length > 1 && first.endsWith('$')) return first.slice(0, -1);
  if (p.parts.length === 2 && first && HOST_SERVICES.has(first.toLowerCase()) && second) return second;
  return null;
}

export function learnFromRequest(ctx: DissectorContext, clientIp: string, req: KdcReq, ts: number): void {
  const host = hostOfPrincipal(req.cname);
  if (host) learn(ctx, clientIp, host, ts);
  const netbios = req.addresses.find((a) => a.type === ADDR_NETBIOS)?.value;
  if (!netbios) return;
  learn(ctx, clientIp, netbios, ts);
  for (const a of req.addresses) if (a.type === ADDR_IPV4 || a.type === ADDR_IPV6) learn(ctx, a.value, netbios, ts);
}

export function learnFromReply(ctx: DissectorContext, clientIp: string, rep: KdcRep, ts: number): void {
  const host = hostOfPrincipal(rep.cname);
  if (host) learn(ctx, clientIp, host, ts);
}

/** What the role was learned from, for the analyst: "answered KRB-ERROR 25 to 10.0.0.66 from port 88". */
export function learnKdc(ctx: DissectorContext, kdcIp: string, clientIp: string, answer: string, ts: number): void {
  if (once(ctx, `r\0${kdcIp}`)) ctx.learnRole(kdcIp, 'dc', 'kerberos-answer', ts, `answered ${answer} to ${clientIp} from port 88`);
}

/** TGS-REP for service/host: the SMB layer uses cifs tickets to name the user of the next session. */
export function noteServiceTicket(ctx: DissectorContext, clientIp: string, sname: PrincipalName, rep: KdcRep, ts: number): void {
  const [service, host] = sname.parts;
  if (!service || !host || service.toLowerCase() !== 'cifs') return;
  ctx.sessionUsers.noteServiceTicket(clientIp, 'cifs', host, { name: principalText(rep.cname), domain: rep.crealm, source: 'kerberos-tgs' }, ts);
}
