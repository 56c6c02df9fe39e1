/**
 * Who drove an SMB session (DESIGN.md "Names"): an NTLMSSP AUTHENTICATE names the user, domain and
 * workstation; a Kerberos AP-REQ hides the client, so a user learned from a preceding TGS for
 * cifs/<server> is kept, else the session is "unknown (Kerberos)". The AP-REQ's ticket names the
 * server (its sname, cifs/<host>), which is learned first so that the TGS lookup can match it.
 */
import type { SessionUser } from '../../engine/activity.ts';
import type { DissectorContext, PacketMeta } from '../../engine/dissector.ts';
import { DecodeError } from '../../util/cursor.ts';
import { findNtlmAuthenticate } from './ntlmssp.ts';
import { decodeApReqTicket, findApReq } from './kerberos-ap-req.ts';

/** Returns what was learned (for tests and traces), null when the token named nobody. */
export function noteSessionToken(ctx: DissectorContext, client: string, server: string, token: Buffer, meta: PacketMeta): SessionUser | null {
  const ntlm = findNtlmAuthenticate(token);
  if (ntlm) {
    // An empty user name is an anonymous (null) session: say so rather than inventing a name.
    const user: SessionUser = { name: ntlm.user || null, domain: ntlm.domain || null, source: 'ntlmssp', workstation: ntlm.workstation || null };
    ctx.sessionUsers.set(client, server, user);
    if (ntlm.workstation) ctx.learnName(client, ntlm.workstation, 'ntlmssp', meta.ts);
    return user;
  }
  const apReq = findApReq(token);
  if (apReq >= 0) {
    learnServerName(ctx, server, token.subarray(apReq), meta);
    const known = ctx.sessionUsers.get(client, server);
    const user: SessionUser = known.source === 'kerberos-tgs' ? known : { name: null, domain: null, source: 'kerberos' };
    ctx.sessionUsers.set(client, server, user);
    return user;
  }
  return null;
}

/** SMB1 without extended security (MS-CIFS §2.2.4.53.1): the account and domain travel in clear. */
export function notePlainSessionUser(ctx: DissectorContext, client: string, server: string, account: string, domain: string): SessionUser | null {
  if (!account) return null;
  const user: SessionUser = { name: account, domain: domain || null, source: 'smb1' };
  ctx.sessionUsers.set(client, server, user);
  return user;
}

/** Service classes whose ticket names the SMB server itself. */
const SERVER_SERVICES: ReadonlySet<string> = new Set(['cifs', 'host']);

function learnServerName(ctx: DissectorContext, server: string, apReq: Buffer, meta: PacketMeta): void {
  try {
    const { sname } = decodeApReqTicket(apReq);
    const [service, host] = sname.parts;
    if (sname.parts.length === 2 && service && host && SERVER_SERVICES.has(service.toLowerCase())) ctx.learnName(server, host, 'kerberos', meta.ts);
  } catch (e) {
    // The session is still Kerberos even when its ticket cannot be read: report and go on.
    if (!(e instanceof DecodeError)) throw e;
    ctx.decodeError('smb', `AP-REQ ticket: ${e.reason}`, meta.frame);
  }
}
