/**
 * Who drove an SMB session (DESIGN.md "Names"): an NTLMSSP AUTHENTICATE names the user, domain and
 * workstation; a Kerberos AP-REQ hides the client, so a user learned from a preceding TGS for
 * cifs/<server> is kept, else the session is "unknown (Kerberos)".
 */
import type { SessionUser } from '../../engine/activity.ts';
import type { DissectorContext } from '../../engine/dissector.ts';
import { findNtlmAuthenticate, hasKerberosApReq } from './ntlmssp.ts';

/** Returns what was learned (for tests and traces), null when the token named nobody. */
export function noteSessionToken(ctx: DissectorContext, client: string, server: string, token: Buffer, ts: number): SessionUser | null {
  const ntlm = findNtlmAuthenticate(token);
  if (ntlm) {
    // An empty user name is an anonymous (null) session: say so rather than inventing a name.
    const user: SessionUser = { name: ntlm.user || null, domain: ntlm.domain || null, source: 'ntlmssp', workstation: ntlm.workstation || null };
    ctx.sessionUsers.set(client, server, user);
    if (ntlm.workstation) ctx.learnName(client, ntlm.workstation, 'ntlmssp', ts);
    return user;
  }
  if (hasKerberosApReq(token)) {
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
