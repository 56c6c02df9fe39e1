/**
 * 2012 title, exposed accounts and details from the alert's NetrSessionEnum calls (UI.md):
 *   `{user} on {source} listed the SMB sessions on {dc}; {n} users exposed.`
 * Exposed: each user name in the returned session lists (bare, as DESIGN.md's conventions say), with
 * the client it sat on in the details.
 */
import type { SessionEnumActivity } from '../../engine/activity.ts';
import { computerLabel, type AlertSummarizer } from '../../engine/detector.ts';

/** "CORP\bob" -> "bob": exposed accounts are bare names. */
export function bareName(user: string): string {
  const i = user.lastIndexOf('\\');
  return i >= 0 ? user.slice(i + 1) : user;
}

/** The user who drove the calls: the first known SMB session user, else "An unknown user". */
export function callerName(evidence: readonly { user: { name: string | null } }[]): string {
  return evidence.find((a) => a.user.name)?.user.name ?? 'An unknown user';
}

export const summarizer: AlertSummarizer = {
  id: '2012',
  summarize({ source, target, evidence, names }) {
    const calls = evidence.filter((a): a is SessionEnumActivity => a.kind === 'srvsvc-sessenum');
    const exposed = new Set<string>();
    const sessions = new Map<string, { client: string; user: string }>();
    for (const c of calls)
      for (const s of c.sessions) {
        const user = bareName(s.user);
        if (user !== '') exposed.add(user);
        sessions.set(`${s.client}\n${s.user}`, s);
      }
    const user = callerName(calls);
    return {
      title: `${user} on ${computerLabel(source, names)} listed the SMB sessions on ${computerLabel(target, names)}; ${exposed.size} users exposed.`,
      exposedAccounts: [...exposed],
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
        sessions: [...sessions.values()],
      },
    };
  },
};
