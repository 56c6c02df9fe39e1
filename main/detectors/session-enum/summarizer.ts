/**
 * 2012 title, exposed accounts and details from the alert's NetrSessionEnum calls (UI.md):
 *   `{user} on {source} listed the SMB sessions on {dc}; {n} users exposed.`
 * Exposed: each user name in the returned session lists (bare, as DESIGN.md's conventions say), with
 * the client it sat on in the details.
 */
import type { SessionEnumActivity, SessionUser } from '../../engine/activity.ts';
import { computerLabel, type AlertSummarizer } from '../../engine/detector.ts';

/** "CORP\bob" -> "bob": exposed accounts are bare names. */
export function bareName(user: string): string {
  const i = user.lastIndexOf('\\');
  return i >= 0 ? user.slice(i + 1) : user;
}

/**
 * The user who drove the calls: the first known SMB session user; else, when the session was set up
 * with Kerberos (an AP-REQ whose client the capture cannot tell: no TGS for cifs/<server> in it),
 * "An unknown user (Kerberos)"; else "An unknown user". Shared by 2012 and 2021.
 */
export function callerName(evidence: readonly { user: Pick<SessionUser, 'name' | 'source'> }[]): string {
  const known = evidence.find((a) => a.user.name)?.user.name;
  if (known) return known;
  const kerberos = evidence.some((a) => a.user.source === 'kerberos' || a.user.source === 'kerberos-tgs');
  return kerberos ? 'An unknown user (Kerberos)' : 'An unknown user';
}

/** Session identity: the client without its leading backslashes and the bare user name, case-insensitive. */
function sessionKey(s: { client: string; user: string }): { client: string; user: string } {
  return { client: s.client.replace(/^\\+/, '').toLowerCase(), user: bareName(s.user).toLowerCase() };
}

/**
 * The sessions returned by all calls, merged by (client, user) in the order first seen (the
 * domain-qualified user spelling kept when both appear). A level-0 entry (client only, user empty)
 * is dropped when another entry names a user for that client: it says nothing more.
 */
export function mergeSessions(lists: readonly (readonly { client: string; user: string }[])[]): { client: string; user: string }[] {
  const merged = new Map<string, { client: string; withUser: boolean; session: { client: string; user: string } }>();
  const clientsWithUser = new Set<string>();
  for (const list of lists)
    for (const s of list) {
      const k = sessionKey(s);
      if (k.user !== '') clientsWithUser.add(k.client);
      const key = JSON.stringify([k.client, k.user]);
      const seen = merged.get(key);
      if (!seen) merged.set(key, { client: k.client, withUser: k.user !== '', session: { client: s.client, user: s.user } });
      // The richer spelling wins: "CORP\\bob" over "bob".
      else if (!seen.session.user.includes('\\') && s.user.includes('\\')) seen.session = { client: seen.session.client, user: s.user };
    }
  return [...merged.values()].filter((m) => m.withUser || !clientsWithUser.has(m.client)).map((m) => m.session);
}

export const summarizer: AlertSummarizer = {
  id: '2012',
  summarize({ source, target, evidence, names }) {
    const calls = evidence.filter((a): a is SessionEnumActivity => a.kind === 'srvsvc-sessenum');
    // Bare names, once each (AD names are case-insensitive: the first spelling is kept).
    const exposed = new Map<string, string>();
    for (const c of calls)
      for (const s of c.sessions) {
        const user = bareName(s.user);
        if (user !== '' && !exposed.has(user.toLowerCase())) exposed.set(user.toLowerCase(), user);
      }
    const sessions = mergeSessions(calls.map((c) => c.sessions));
    const user = callerName(calls);
    return {
      title: `${user} on ${computerLabel(source, names)} listed the SMB sessions on ${computerLabel(target, names)}; ${exposed.size} users exposed.`,
      exposedAccounts: [...exposed.values()],
      details: {
        calls: calls.map((c) => ({
          level: c.level,
          status: c.status,
          statusName: c.statusName,
          sessionsReturned: c.sessions.length,
          totalEntries: c.totalEntries,
          user: c.user.name,
          sealed: c.sealed,
          frame: c.frames[0] ?? null,
        })),
        sessions,
      },
    };
  },
};
