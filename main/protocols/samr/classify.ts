/**
 * SAMR query classes (DESIGN.md "SAMR learning", after Defender for Identity: "both enumeration and
 * individual queries of sensitive accounts"). Connect, Close, LookupDomain, EnumerateDomains,
 * OpenDomain and single lookups of ordinary users are plumbing: null. Shared by the dissector (which
 * knows the well-known RIDs and names) and the 2021 detector (which re-checks analyst-tagged names).
 */
import { SENSITIVE_RIDS, type SamrQueryClass } from '../../engine/activity.ts';
import { DISPLAY_CLASS_KIND } from './display.ts';

/** Lower-case names of the well-known sensitive accounts and groups (and "domain admins" etc.). */
export const SENSITIVE_NAMES: ReadonlySet<string> = new Set([...SENSITIVE_RIDS.values()].map((n) => n.toLowerCase()));

/** Operations that query one account: sensitive when the account is. */
const ACCOUNT_QUERIES: ReadonlySet<number> = new Set([
  17, // SamrLookupNamesInDomain
  34, // SamrOpenUser
  36, // SamrQueryInformationUser
  39, // SamrGetGroupsForUser
  47, // SamrQueryInformationUser2
]);

const ENUMERATIONS: ReadonlyMap<number, SamrQueryClass> = new Map([
  [11, 'enumerate-groups'], // SamrEnumerateGroupsInDomain
  [13, 'enumerate-users'], // SamrEnumerateUsersInDomain
  [15, 'enumerate-aliases'], // SamrEnumerateAliasesInDomain
]);

const MEMBER_QUERIES: ReadonlySet<number> = new Set([25, 33]); // GetMembersInGroup, GetMembersInAlias
const DISPLAY_QUERIES: ReadonlySet<number> = new Set([40, 48, 51]); // QueryDisplayInformation, 2, 3

/**
 * The class of one call. `level` is the display class of QueryDisplayInformation (unknown when the
 * call was sealed); `sensitive` says whether the object or a looked-up name is sensitive. A member
 * query whose group could not be read (SamrObject.unknown) is 'members-other-group' here: it is a
 * member query all the same, and the summary says that the group was not read instead of calling it
 * "another group".
 */
export function samrQueryClass(opnum: number, level: number | undefined, sensitive: boolean): SamrQueryClass | null {
  const e = ENUMERATIONS.get(opnum);
  if (e) return e;
  if (DISPLAY_QUERIES.has(opnum)) {
    const kind = level === undefined ? undefined : DISPLAY_CLASS_KIND.get(level);
    return kind === 'users' ? 'enumerate-users' : kind === 'groups' ? 'enumerate-groups' : null;
  }
  if (MEMBER_QUERIES.has(opnum)) return sensitive ? 'members-sensitive-group' : 'members-other-group';
  if (ACCOUNT_QUERIES.has(opnum)) return sensitive ? 'query-sensitive-account' : null;
  return null;
}

export function isSensitiveRid(rid: number | null | undefined, tagged?: ReadonlySet<string>): boolean {
  if (rid === null || rid === undefined) return false;
  return SENSITIVE_RIDS.has(rid) || (tagged !== undefined && (tagged.has(String(rid)) || tagged.has(`rid-${rid}`)));
}

export function isSensitiveName(name: string | null | undefined, tagged?: ReadonlySet<string>): boolean {
  if (!name) return false;
  const n = name.toLowerCase();
  return SENSITIVE_NAMES.has(n) || (tagged !== undefined && tagged.has(n));
}
