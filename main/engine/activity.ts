/**
 * Activities: small, typed, JSON-serialisable facts decoded from traffic (GLOSSARY.md). They are
 * what dissectors emit, what detectors consume and what the store keeps as evidence. Every
 * activity says when (packet time), where (client -> server) and in which frames it was seen.
 *
 * Times are packet times in microseconds since the Unix epoch (a JS number holds them exactly).
 */

export type DetectionId = '2003' | '2007' | '2012' | '2021';
export const DETECTION_IDS: readonly DetectionId[] = ['2003', '2007', '2012', '2021'];

export interface ActivityBase {
  /** Packet time of the request (or of the first frame seen), µs since epoch. */
  ts: number;
  /** Packet time of the answer when there is one, µs since epoch. */
  tsEnd?: number;
  /** Frame numbers (1-based, as Wireshark numbers them) that carry this fact; capped at 64. */
  frames: number[];
  /** The computer that asked (client IP). */
  src: string;
  /** The computer that was asked (server IP). */
  dst: string;
}

/** Outcome of one Kerberos AS exchange for account enumeration (see DESIGN.md Conventions). */
export type GuessOutcome = 'unknown' | 'exists' | 'no-answer' | 'other';

/** RFC 4120 AS-REQ and its answer. */
export interface KerberosAsActivity extends ActivityBase {
  kind: 'krb-as';
  transport: 'udp' | 'tcp';
  cname: string;
  realm: string;
  sname: string;
  etypes: number[];
  padataTypes: number[];
  /** The answer: an AS-REP, a KRB-ERROR with its code, or none seen. */
  answer: { type: 'as-rep' } | { type: 'error'; code: number; name: string } | { type: 'none' };
  outcome: GuessOutcome;
}

/** RFC 4120 TGS-REQ (and its answer when seen); feeds host naming and SMB user inference. */
export interface KerberosTgsActivity extends ActivityBase {
  kind: 'krb-tgs';
  transport: 'udp' | 'tcp';
  /** Client principal, from the TGS-REP (the request hides it in the ticket). */
  cname: string | null;
  realm: string;
  /** Service principal, e.g. cifs/dc01.corp.local. */
  sname: string;
  answer: { type: 'tgs-rep' } | { type: 'error'; code: number; name: string } | { type: 'none' };
}

/** RFC 5936 AXFR / RFC 1995 IXFR request and what came back. */
export interface DnsTransferActivity extends ActivityBase {
  kind: 'dns-xfer';
  transport: 'udp' | 'tcp';
  zone: string;
  qtype: 'AXFR' | 'IXFR';
  /** false when only the answer was captured (the request is inferred from its question). */
  requestSeen: boolean;
  /** Response code of the (first) answer, null when no answer was seen. */
  rcode: number | null;
  rcodeName: string | null;
  /** Resource records transferred (answer section records over all messages). */
  records: number;
  /** SOA serial of the transferred zone when seen. */
  serial: number | null;
}

/** Who authenticated an SMB session, and how we know. */
export interface SessionUser {
  /** Bare account name, null when unknown. */
  name: string | null;
  domain: string | null;
  /** ntlmssp: AUTHENTICATE message; kerberos-tgs: client of the preceding TGS for cifs/<server>;
   *  kerberos: Kerberos AP-REQ seen but client unknown; unknown: session setup not seen. */
  source: 'ntlmssp' | 'kerberos-tgs' | 'kerberos' | 'smb1' | 'unknown';
  workstation?: string | null;
}

/** MS-SRVS NetrSessionEnum (opnum 12) call and answer. */
export interface SessionEnumActivity extends ActivityBase {
  kind: 'srvsvc-sessenum';
  user: SessionUser;
  level: number;
  serverName: string | null;
  clientFilter: string | null;
  userFilter: string | null;
  /** WERROR / NTSTATUS of the answer (0 = success); null when no answer was seen. */
  status: number | null;
  statusName: string | null;
  /** Sessions returned: the client (computer name or IP as the server reports it) and user. */
  sessions: { client: string; user: string }[];
  totalEntries: number | null;
  /** The call was sealed (packet privacy): operation known, content not. */
  sealed: boolean;
}

export type SamrQueryClass =
  | 'enumerate-users'
  | 'enumerate-groups'
  | 'enumerate-aliases'
  | 'members-sensitive-group'
  | 'members-other-group'
  | 'query-sensitive-account';

export const SAMR_QUERY_CLASSES: readonly SamrQueryClass[] = [
  'enumerate-users',
  'enumerate-groups',
  'enumerate-aliases',
  'members-sensitive-group',
  'members-other-group',
  'query-sensitive-account',
];

/** The object a SAMR call was about (resolved through handle tracking). */
export interface SamrObject {
  type: 'server' | 'domain' | 'user' | 'group' | 'alias' | 'none';
  domainSid?: string | null;
  domainName?: string | null;
  rid?: number | null;
  name?: string | null;
  /** The call names an object (its handle or RID) that could not be read: a sealed stub (packet
   *  privacy) or a handle opened before the capture began. `type` then comes from the operation. */
  unknown?: boolean;
}

/** One MS-SAMR call and its answer. */
export interface SamrCallActivity extends ActivityBase {
  kind: 'samr';
  user: SessionUser;
  opnum: number;
  operation: string;
  object: SamrObject;
  /** NTSTATUS of the answer, null when none was seen. */
  status: number | null;
  statusName: string | null;
  /** Names returned (enumerations, LookupIds) or asked for (LookupNames), capped at 1000. */
  names: string[];
  /** RIDs returned (LookupNames, enumerations) or asked for (LookupIds), capped at 1000. */
  rids: number[];
  /** Members returned by GetMembersInGroup / GetMembersInAlias (RID, or SID for aliases). */
  members: { rid: number | null; sid?: string | null; name?: string | null }[];
  /** Reconnaissance class of this call, null for plumbing (Connect, Close, OpenDomain...). */
  queryClass: SamrQueryClass | null;
  /** Whether the object asked about is sensitive (well-known RID or tagged). */
  sensitive: boolean;
  sealed: boolean;
  transport: 'smb' | 'tcp';
}

export type Activity =
  | KerberosAsActivity
  | KerberosTgsActivity
  | DnsTransferActivity
  | SessionEnumActivity
  | SamrCallActivity;

export type ActivityKind = Activity['kind'];

/** Well-known sensitive RIDs (DESIGN.md). */
export const SENSITIVE_RIDS: ReadonlyMap<number, string> = new Map([
  [500, 'Administrator'],
  [502, 'krbtgt'],
  [512, 'Domain Admins'],
  [516, 'Domain Controllers'],
  [518, 'Schema Admins'],
  [519, 'Enterprise Admins'],
  [520, 'Group Policy Creator Owners'],
  [526, 'Key Admins'],
  [527, 'Enterprise Key Admins'],
  [544, 'Administrators'],
  [548, 'Account Operators'],
  [549, 'Server Operators'],
  [550, 'Print Operators'],
  [551, 'Backup Operators'],
]);

/** Cap frames lists so that an activity stays small. */
export const MAX_FRAMES_PER_ACTIVITY = 64;
export function addFrame(frames: number[], frame: number): void {
  if (frames.length < MAX_FRAMES_PER_ACTIVITY && frames[frames.length - 1] !== frame) frames.push(frame);
}
