/**
 * 2021 title, exposed accounts and details from the alert's SAMR calls (UI.md):
 *   `{user} on {source} queried {dc} over SAMR for {classes}; {n} sensitive accounts queried.`
 *   + ` No baseline (learning period off).` when the alert was raised without a learning period.
 * Exposed: the sensitive accounts and groups queried, and the members returned for sensitive groups:
 * names when resolved (on the wire, in this alert's evidence), else `RID-512`.
 */
import { SAMR_QUERY_CLASSES, SENSITIVE_RIDS, type SamrCallActivity, type SamrQueryClass } from '../../engine/activity.ts';
import { computerLabel, type AlertSummarizer } from '../../engine/detector.ts';
import { callerName } from '../session-enum/summarizer.ts';
import { isSensitiveName, isSensitiveRid } from '../../protocols/samr/classify.ts';
import { CLASS_WORDS, effectiveClass, isSensitiveCall, listWords } from './classes.ts';

const LOOKUP_NAMES = 17;

/** Names are case-insensitive in AD: keep the first spelling seen, once. */
class NameSet {
  private readonly m = new Map<string, string>();
  add(name: string): void {
    if (!this.m.has(name.toLowerCase())) this.m.set(name.toLowerCase(), name);
  }
  has(name: string): boolean {
    return this.m.has(name.toLowerCase());
  }
  get size(): number {
    return this.m.size;
  }
  [Symbol.iterator](): IterableIterator<string> {
    return this.m.values();
  }
}

/** RID -> name from every answer in the evidence (lookups, enumerations, resolved objects). */
function ridNames(calls: readonly SamrCallActivity[]): Map<number, string> {
  const m = new Map<number, string>();
  for (const c of calls) {
    if (c.names.length === c.rids.length) c.rids.forEach((rid, i) => rid !== 0 && c.names[i] && m.set(rid, c.names[i]!));
    if (c.object.rid != null && c.object.name) m.set(c.object.rid, c.object.name);
    for (const mem of c.members) if (mem.rid !== null && mem.name) m.set(mem.rid, mem.name);
  }
  return m;
}

const label = (rid: number | null | undefined, name: string | null | undefined, known: Map<number, string>): string =>
  name || (rid != null ? (known.get(rid) ?? `RID-${rid}`) : '?');

/** Title words for a group: its well-known name ("Domain Admins") before what the wire said. */
const groupWords = (rid: number | null | undefined, name: string | null | undefined, known: Map<number, string>): string =>
  (rid != null ? SENSITIVE_RIDS.get(rid) : undefined) ?? label(rid, name, known);

export const summarizer: AlertSummarizer = {
  id: '2021',
  summarize({ source, target, evidence, notes, names, settings }) {
    const tagged = settings.taggedSensitive;
    const calls = evidence.filter((a): a is SamrCallActivity => a.kind === 'samr');
    const known = ridNames(calls);
    const classes = new Set<SamrQueryClass>();
    const sensitiveQueried = new NameSet();
    const exposed = new NameSet();
    const sensitiveGroups = new NameSet();
    for (const c of calls) {
      const cls = effectiveClass(c, tagged);
      if (cls) classes.add(cls);
      if (!cls || !isSensitiveCall(c, tagged)) continue;
      if (c.opnum === LOOKUP_NAMES && c.object.type === 'none') {
        c.names.forEach((n, i) => (isSensitiveName(n, tagged) || isSensitiveRid(c.rids[i], tagged)) && sensitiveQueried.add(n));
      }
      else sensitiveQueried.add(label(c.object.rid, c.object.name, known));
      if (cls === 'members-sensitive-group') {
        sensitiveGroups.add(groupWords(c.object.rid, c.object.name, known));
        for (const m of c.members) exposed.add(m.rid !== null ? label(m.rid, m.name, known) : (m.name ?? m.sid ?? '?'));
      }
    }
    const allExposed = [...sensitiveQueried, ...[...exposed].filter((e) => !sensitiveQueried.has(e))];
    // Sensitive accounts queried, less the groups already named by "members of ...".
    const accounts = [...sensitiveQueried].filter((n) => !sensitiveGroups.has(n));
    const words = SAMR_QUERY_CLASSES.filter((c) => classes.has(c)).flatMap((c) => {
      if (c === 'members-sensitive-group' && sensitiveGroups.size > 0) return [`members of ${listWords([...sensitiveGroups])}`];
      if (c === 'query-sensitive-account' && sensitiveQueried.size > 0) {
        if (accounts.length === 0) return classes.has('members-sensitive-group') ? [] : [CLASS_WORDS.get(c)!];
        return [`the sensitive account${accounts.length > 1 ? 's' : ''} ${listWords(accounts)}`];
      }
      return [CLASS_WORDS.get(c)!];
    });
    const noBaseline = notes.some((n) => n.noBaseline === true);
    const title =
      `${callerName(calls)} on ${computerLabel(source, names)} queried ${computerLabel(target, names)} over SAMR for ` +
      `${listWords(words)}; ${sensitiveQueried.size} sensitive accounts queried.` +
      (noBaseline ? ' No baseline (learning period off).' : '');
    return {
      title,
      exposedAccounts: allExposed,
      details: {
        calls: calls.map((c) => ({
          operation: c.operation,
          object: { type: c.object.type, rid: c.object.rid ?? null, name: c.object.name ?? null },
          queryClass: effectiveClass(c, tagged),
          sensitive: isSensitiveCall(c, tagged),
          status: c.status,
          statusName: c.statusName,
          namesReturned: c.opnum === LOOKUP_NAMES ? 0 : c.names.length,
          membersReturned: c.members.length,
          sealed: c.sealed,
          frame: c.frames[0] ?? null,
        })),
        classes: SAMR_QUERY_CLASSES.filter((c) => classes.has(c)),
        noBaseline,
      },
    };
  },
};
