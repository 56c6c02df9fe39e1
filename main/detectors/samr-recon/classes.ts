/**
 * The query class of a SAMR activity as the detector sees it: the dissector's class (well-known
 * RIDs and names), raised to the sensitive class when the analyst tagged the object or a looked-up
 * name as sensitive (settings.taggedSensitive, lower-case bare names or RIDs).
 */
import type { SamrCallActivity, SamrQueryClass } from '../../engine/activity.ts';
import { isSensitiveName, isSensitiveRid, samrQueryClass } from '../../protocols/samr/classify.ts';

const LOOKUP_NAMES = 17;

/** Whether the call is about a sensitive account or group, tags included. */
export function isSensitiveCall(a: SamrCallActivity, tagged: ReadonlySet<string>): boolean {
  if (a.sensitive) return true;
  if (tagged.size === 0) return false;
  const o = a.object;
  if (o.type !== 'domain' && o.type !== 'server' && (isSensitiveRid(o.rid, tagged) || isSensitiveName(o.name, tagged))) return true;
  return a.opnum === LOOKUP_NAMES && a.names.some((n) => isSensitiveName(n, tagged));
}

export function effectiveClass(a: SamrCallActivity, tagged: ReadonlySet<string>): SamrQueryClass | null {
  if (a.sensitive || tagged.size === 0 || !isSensitiveCall(a, tagged)) return a.queryClass;
  return samrQueryClass(a.opnum, undefined, true) ?? a.queryClass;
}

/** Plain words for the title: "users", "groups", "aliases", "members of Domain Admins" ... */
export const CLASS_WORDS: ReadonlyMap<SamrQueryClass, string> = new Map<SamrQueryClass, string>([
  ['enumerate-users', 'users'],
  ['enumerate-groups', 'groups'],
  ['enumerate-aliases', 'aliases'],
  ['members-sensitive-group', 'members of sensitive groups'],
  ['members-other-group', 'members of other groups'],
  ['query-sensitive-account', 'sensitive accounts'],
]);

/** "a", "a and b", "a, b and c". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
