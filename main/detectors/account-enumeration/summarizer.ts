/**
 * 2003 alert summary from all of its evidence (UI.md title sentence and details table):
 *   `{source} guessed {total} account names against {dc} over Kerberos; {matched} exist, {unknown} unknown.`
 * total = distinct names guessed; a name counts as matched if any answer proved it exists, else as
 * unknown if the KDC said PRINCIPAL_UNKNOWN. exposedAccounts = the matched names, bare as on the wire.
 */
import type { Activity, KerberosAsActivity } from '../../engine/activity.ts';
import { computerLabel, type AlertSummarizer, type AlertSummary } from '../../engine/detector.ts';
import { guessKey } from './detector.ts';

/** Guesses listed one by one in the details; the rest are counted. */
export const MAX_LISTED_GUESSES = 1000;

const answerText = (a: KerberosAsActivity): string =>
  a.answer.type === 'as-rep' ? 'AS-REP' : a.answer.type === 'error' ? a.answer.name : 'no answer';

/** Enterprise principals (RFC 6806) carry user@domain as one component: the account is the user part. */
export const bareAccount = (cname: string): string => cname.split('@')[0] ?? cname;

const iso = (us: number): string => new Date(Math.floor(us / 1000)).toISOString();

export function summarizeGuesses(source: string, target: string, evidence: readonly Activity[], label: (ip: string) => string): AlertSummary {
  const guesses = evidence
    .filter((a): a is KerberosAsActivity => a.kind === 'krb-as')
    .sort((x, y) => x.ts - y.ts || (x.frames[0] ?? 0) - (y.frames[0] ?? 0));
  const matched = new Map<string, { name: string; answer: string }>();
  const unknown = new Set<string>();
  const names = new Set<string>();
  const realms = new Map<string, string>();
  const etypes: number[] = [];
  for (const g of guesses) {
    const key = guessKey(g);
    names.add(key);
    if (!realms.has(g.realm.toLowerCase())) realms.set(g.realm.toLowerCase(), g.realm);
    for (const e of g.etypes) if (!etypes.includes(e)) etypes.push(e);
    if (g.outcome === 'exists' && !matched.has(key)) matched.set(key, { name: bareAccount(g.cname), answer: answerText(g) });
    if (g.outcome === 'unknown') unknown.add(key);
  }
  for (const key of matched.keys()) unknown.delete(key);
  const first = guesses[0];
  const last = guesses[guesses.length - 1];
  const matchedList = [...matched.values()];
  return {
    title: `${label(source)} guessed ${names.size} account names against ${label(target)} over Kerberos; ${matchedList.length} exist, ${unknown.size} unknown.`,
    exposedAccounts: [...new Set(matchedList.map((m) => m.name))],
    details: {
      totalGuesses: guesses.length,
      distinctNames: names.size,
      unknownNames: unknown.size,
      matched: matchedList,
      realms: [...realms.values()],
      firstGuess: first ? iso(first.ts) : null,
      lastGuess: last ? iso(last.ts) : null,
      etypes,
      guesses: guesses.slice(0, MAX_LISTED_GUESSES).map((g) => ({ name: g.cname, realm: g.realm, answer: answerText(g), frame: g.frames[0] ?? null })),
      guessesNotListed: Math.max(0, guesses.length - MAX_LISTED_GUESSES),
    },
  };
}

export const summarizer: AlertSummarizer = {
  id: '2003',
  summarize: ({ source, target, evidence, names }) => summarizeGuesses(source, target, evidence, (ip) => computerLabel(ip, names)),
};
