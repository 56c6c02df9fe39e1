/**
 * 2021 title, exposed accounts and details from the alert's SAMR calls (UI.md):
 *   `{user} on {source} queried {dc} over SAMR for {classes}; {n} sensitive accounts queried.`
 *   + ` No baseline (learning period off).` when the alert was raised without a learning period.
 * Exposed: the sensitive accounts and groups queried, and the members returned for sensitive groups:
 * names when resolved (on the wire, in this alert's evidence), else `RID-512` (DESIGN.md Conventions).
 * The title names each account or group once, by the same words wherever it appears: the name the
 * evidence gives it, else its well-known name (SENSITIVE_RIDS), else RID-n. A member query whose group
 * could not be read (sealed stub, handle not seen: SamrObject.unknown) claims no sensitivity either
 * way: "members of a group it could not read (sealed)".
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

/** What the alert's evidence says about RIDs and names, both ways. */
interface Known {
  /** RID -> name from every answer in the evidence (lookups, enumerations, resolved objects). */
  names: Map<number, string>;
  /** Lower-case name -> RID, the same pairs read the other way. */
  rids: Map<string, number>;
}

function knownNames(calls: readonly SamrCallActivity[]): Known {
  const names = new Map<number, string>();
  const put = (rid: number, name: string): void => {
    if (rid !== 0 && name !== '' && !names.has(rid)) names.set(rid, name);
  };
  for (const c of calls) {
    if (c.names.length === c.rids.length) c.rids.forEach((rid, i) => put(rid, c.names[i] ?? ''));
    if (c.object.rid != null && c.object.name) put(c.object.rid, c.object.name);
    for (const mem of c.members) if (mem.rid !== null && mem.name) put(mem.rid, mem.name);
  }
  const rids = new Map<string, number>();
  for (const [rid, name] of names) if (!rids.has(name.toLowerCase())) rids.set(name.toLowerCase(), rid);
  return { names, rids };
}

/**
 * One account or group, however the evidence reached it (by RID, by name, or both): its identity
 * key, so that "Domain Admins" looked up by name and group 512 opened by RID count once.
 */
interface SamrEntity {
  key: string;
  /** exposedAccounts spelling (DESIGN.md Conventions): the name as seen on the wire, else RID-n. */
  exposed: string;
  /** Title spelling: the wire name (in its well-known spelling when it is the well-known name),
   *  else the well-known name of the RID (SENSITIVE_RIDS), else RID-n. */
  title: string;
}

function entity(rid: number | null | undefined, name: string | null | undefined, known: Known): SamrEntity {
  const r = rid != null && rid !== 0 ? rid : name ? known.rids.get(name.toLowerCase()) : undefined;
  const wire = name || (r !== undefined ? known.names.get(r) : undefined) || null;
  const wellKnown = r !== undefined ? SENSITIVE_RIDS.get(r) : undefined;
  const ridWord = r !== undefined ? `RID-${r}` : '?';
  const title = wire && wellKnown && wire.toLowerCase() === wellKnown.toLowerCase() ? wellKnown : (wire ?? wellKnown ?? ridWord);
  return { key: r !== undefined ? `rid:${r}` : `name:${(wire ?? '?').toLowerCase()}`, exposed: wire ?? ridWord, title };
}

/** Distinct entities in the order first seen. */
class EntitySet {
  private readonly m = new Map<string, SamrEntity>();
  add(e: SamrEntity): void {
    if (!this.m.has(e.key)) this.m.set(e.key, e);
  }
  has(key: string): boolean {
    return this.m.has(key);
  }
  get size(): number {
    return this.m.size;
  }
  values(): SamrEntity[] {
    return [...this.m.values()];
  }
}

/** A member query whose group or alias could not be read (sealed, or its handle was not seen). */
const isUnreadMemberQuery = (c: SamrCallActivity, cls: SamrQueryClass | null): boolean =>
  c.object.unknown === true && (cls === 'members-other-group' || cls === 'members-sensitive-group');

/** "members of a group it could not read (sealed)", "members of groups it could not read (2 sealed calls)". */
function unreadMembersWords(calls: readonly SamrCallActivity[]): string {
  const kinds = new Set(calls.map((c) => c.object.type));
  const one = calls.length === 1;
  const what = kinds.size > 1 ? 'groups or aliases' : kinds.has('alias') ? (one ? 'an alias' : 'aliases') : one ? 'a group' : 'groups';
  const sealed = calls.filter((c) => c.sealed).length;
  const unseen = calls.length - sealed;
  let why: string;
  if (unseen === 0) why = one ? 'sealed' : `${sealed} sealed calls`;
  else if (sealed === 0) why = one ? 'its handle was not seen' : `${unseen} calls whose handle was not seen`;
  else why = `${sealed} sealed calls, ${unseen} whose handle was not seen`;
  return `members of ${what} it could not read (${why})`;
}

export const summarizer: AlertSummarizer = {
  id: '2021',
  summarize({ source, target, evidence, notes, names, settings }) {
    const tagged = settings.taggedSensitive;
    const calls = evidence.filter((a): a is SamrCallActivity => a.kind === 'samr');
    const known = knownNames(calls);
    const classes = new Set<SamrQueryClass>();
    const sensitiveQueried = new EntitySet();
    const exposed = new EntitySet();
    const sensitiveGroups = new EntitySet();
    const unread: SamrCallActivity[] = [];
    let readOtherGroups = false;
    for (const c of calls) {
      const cls = effectiveClass(c, tagged);
      if (cls) classes.add(cls);
      if (isUnreadMemberQuery(c, cls)) unread.push(c);
      else if (cls === 'members-other-group') readOtherGroups = true;
      if (!cls || !isSensitiveCall(c, tagged)) continue;
      if (c.opnum === LOOKUP_NAMES && c.object.type === 'none') {
        c.names.forEach((n, i) => {
          if (isSensitiveName(n, tagged) || isSensitiveRid(c.rids[i], tagged)) sensitiveQueried.add(entity(c.rids[i], n, known));
        });
      } else sensitiveQueried.add(entity(c.object.rid, c.object.name, known));
      if (cls === 'members-sensitive-group') {
        sensitiveGroups.add(entity(c.object.rid, c.object.name, known));
        for (const m of c.members) {
          if (m.rid !== null) exposed.add(entity(m.rid, m.name, known));
          else {
            const n = m.name ?? m.sid ?? '?';
            exposed.add({ key: `name:${n.toLowerCase()}`, exposed: n, title: n });
          }
        }
      }
    }
    const queried = sensitiveQueried.values();
    // One spelling per entity, one entity per spelling (names are case-insensitive in AD).
    const exposedNames = new NameSet();
    for (const e of [...queried, ...exposed.values().filter((e) => !sensitiveQueried.has(e.key))]) exposedNames.add(e.exposed);
    // Sensitive accounts queried, less the groups already named by "members of ...".
    const accounts = queried.filter((e) => !sensitiveGroups.has(e.key)).map((e) => e.title);
    const words = SAMR_QUERY_CLASSES.filter((c) => classes.has(c)).flatMap((c) => {
      if (c === 'members-sensitive-group' && sensitiveGroups.size > 0) return [`members of ${listWords(sensitiveGroups.values().map((e) => e.title))}`];
      if (c === 'members-other-group') {
        const out = readOtherGroups ? [CLASS_WORDS.get(c)!] : [];
        if (unread.length > 0) out.push(unreadMembersWords(unread));
        return out;
      }
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
      exposedAccounts: [...exposedNames],
      details: {
        calls: calls.map((c) => {
          const unknown = c.object.unknown === true;
          return {
            operation: c.operation,
            object: { type: c.object.type, rid: c.object.rid ?? null, name: c.object.name ?? null, ...(unknown ? { unknown: true } : {}) },
            queryClass: effectiveClass(c, tagged),
            // An object that could not be read is neither sensitive nor not: null.
            sensitive: unknown ? null : isSensitiveCall(c, tagged),
            status: c.status,
            statusName: c.statusName,
            namesReturned: c.opnum === LOOKUP_NAMES ? 0 : c.names.length,
            membersReturned: c.members.length,
            sealed: c.sealed,
            frame: c.frames[0] ?? null,
          };
        }),
        classes: SAMR_QUERY_CLASSES.filter((c) => classes.has(c)),
        noBaseline,
      },
    };
  },
};
