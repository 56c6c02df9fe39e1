/**
 * MS-SAMR response stubs: the [out] parameters of the methods reconnaissance uses (MS-SAMR 3.1.5),
 * each followed by the NTSTATUS return value. Structures are quoted from MS-SAMR 2.2 above their use.
 */
import { NdrReader } from '../ndr/reader.ts';
import { DISPLAY_LAYOUT, readDisplayBuffer } from './display.ts';
import { readAccountInfo } from './user-info.ts';

export interface SamrEntry {
  rid: number | null;
  name: string;
}

export interface SamrResponseFacts {
  /** The context handle an Open or Connect returned (hex). */
  handle?: string;
  /** LookupDomainInSamServer, RidToSid: the SID returned. */
  sid?: string;
  /** Names with their RIDs: enumerations, display information, LookupIds answers. */
  entries: SamrEntry[];
  /** LookupNames: RIDs and SID_NAME_USE per asked name; GetGroupsForUser, GetAliasMembership: RIDs. */
  rids: number[];
  uses: number[];
  /** GetMembersInGroup: member RIDs; GetMembersInAlias: member SIDs. */
  memberRids: number[];
  memberSids: string[];
  status: number;
}

type ResponseDecoder = (r: NdrReader, f: SamrResponseFacts) => void;

/**
 * MS-SAMR 2.2.7.10 SAMPR_ENUMERATION_BUFFER { unsigned long EntriesRead; [size_is(EntriesRead)] PSAMPR_RID_ENUMERATION Buffer; }
 * MS-SAMR 2.2.3 SAMPR_RID_ENUMERATION { unsigned long RelativeId; RPC_UNICODE_STRING Name; }
 * Used by Enumerate{Domains,Groups,Users,Aliases}: ([in,out] unsigned long* EnumerationContext,
 *   [out] PSAMPR_ENUMERATION_BUFFER* Buffer, ..., [out] unsigned long* CountReturned).
 */
const enumeration =
  (withRid: boolean): ResponseDecoder =>
  (r, f) => {
    r.u32(); // EnumerationContext
    r.topUnique(() => {
      r.alignPtr();
      const entriesRead = r.u32();
      r.deferUnique(() => {
        const list = r.conformantArray(r.ptrAlign * 3, () => {
          r.alignPtr();
          const entry: SamrEntry = { rid: r.u32(), name: '' };
          if (!withRid) entry.rid = null;
          r.unicodeString((s) => (entry.name = s));
          return entry;
        });
        if (list.length !== entriesRead) r.c.fail(`${list.length} entries, EntriesRead ${entriesRead}`);
        f.entries.push(...list);
      });
    });
    r.u32(); // CountReturned
  };

/** MS-SAMR 2.2.7 SAMPR_ULONG_ARRAY { unsigned long Count; [size_is(Count)] unsigned long* Element; } */
function ulongArray(r: NdrReader): number[] {
  let out: number[] = [];
  r.param(() => {
    r.alignPtr();
    const count = r.u32();
    r.deferUnique(() => {
      out = r.conformantArray(4, () => r.u32());
      if (out.length !== count) r.c.fail(`${out.length} elements, Count ${count}`);
    });
  });
  return out;
}

const handleOut: ResponseDecoder = (r, f) => {
  f.handle = r.contextHandle();
};

export const SAMR_RESPONSE_DECODERS: ReadonlyMap<number, ResponseDecoder> = new Map<number, ResponseDecoder>([
  /* SamrConnect (0), Connect2 (57), Connect4 (62): ([in] ..., [out] SAMPR_HANDLE* ServerHandle) */
  [0, handleOut],
  [57, handleOut],
  [62, handleOut],
  /* 3.1.5.1.1 SamrConnect5 (Opnum 64): ..., [out] unsigned long* OutVersion,
   *   [out, switch_is(*OutVersion)] SAMPR_REVISION_INFO* OutRevisionInfo, [out] SAMPR_HANDLE* ServerHandle)
   * 2.2.3.15 SAMPR_REVISION_INFO_V1 { unsigned long Revision; unsigned long SupportedFeatures; } */
  [
    64,
    (r, f) => {
      const version = r.u32();
      const arm = r.u32();
      if (arm !== version) r.c.fail(`SAMPR_REVISION_INFO arm ${arm} != OutVersion ${version}`);
      r.u32();
      r.u32();
      f.handle = r.contextHandle();
    },
  ],
  /* SamrOpenDomain (7), OpenGroup (19), OpenAlias (27), OpenUser (34): [out] SAMPR_HANDLE* */
  [7, handleOut],
  [19, handleOut],
  [27, handleOut],
  [34, handleOut],
  /* SamrCloseHandle (1): ([in, out] SAMPR_HANDLE* SamHandle) */
  [1, handleOut],
  /* SamrLookupDomainInSamServer (5): [out] PRPC_SID* DomainId; SamrRidToSid (65): [out] PRPC_SID* Sid */
  [
    5,
    (r, f) => {
      f.sid = r.topUnique(() => r.sid()) ?? undefined;
    },
  ],
  [
    65,
    (r, f) => {
      f.sid = r.topUnique(() => r.sid()) ?? undefined;
    },
  ],
  [6, enumeration(false)],
  [11, enumeration(true)],
  [13, enumeration(true)],
  [15, enumeration(true)],
  /* SamrGetAliasMembership (16): [out] PSAMPR_ULONG_ARRAY Membership */
  [16, (r, f) => f.rids.push(...ulongArray(r))],
  /* SamrLookupNamesInDomain (17): [out] PSAMPR_ULONG_ARRAY RelativeIds, [out] PSAMPR_ULONG_ARRAY Use */
  [
    17,
    (r, f) => {
      f.rids.push(...ulongArray(r));
      f.uses.push(...ulongArray(r));
    },
  ],
  /* SamrLookupIdsInDomain (18): [out] PSAMPR_RETURNED_USTRING_ARRAY Names, [out] PSAMPR_ULONG_ARRAY Use
   * MS-SAMR 2.2.7 SAMPR_RETURNED_USTRING_ARRAY { unsigned long Count; [size_is(Count)] PRPC_UNICODE_STRING Element; } */
  [
    18,
    (r, f) => {
      r.param(() => {
        r.alignPtr();
        r.u32();
        r.deferUnique(() =>
          r.conformantArray(r.ptrAlign * 2, () => {
            const e: SamrEntry = { rid: null, name: '' };
            f.entries.push(e);
            r.unicodeString((s) => (e.name = s));
          }),
        );
      });
      f.uses.push(...ulongArray(r));
    },
  ],
  /* SamrGetMembersInGroup (25): [out] PSAMPR_GET_MEMBERS_BUFFER* Members
   * MS-SAMR 2.2.7 SAMPR_GET_MEMBERS_BUFFER { unsigned long MemberCount; [size_is(MemberCount)] unsigned long* Members;
   *                                    [size_is(MemberCount)] unsigned long* Attributes; } */
  [
    25,
    (r, f) => {
      r.topUnique(() => {
        r.alignPtr();
        r.u32();
        r.deferUnique(() => f.memberRids.push(...r.conformantArray(4, () => r.u32())));
        r.deferUnique(() => r.conformantArray(4, () => r.u32()));
      });
    },
  ],
  /* SamrGetMembersInAlias (33): [out] PSAMPR_PSID_ARRAY_OUT Members
   * MS-SAMR 2.2.3 SAMPR_PSID_ARRAY_OUT { unsigned long Count; [size_is(Count)] PSAMPR_SID_INFORMATION Sids; }
   *         SAMPR_SID_INFORMATION { PRPC_SID SidPointer; } */
  [
    33,
    (r, f) => {
      r.param(() => {
        r.alignPtr();
        r.u32();
        r.deferUnique(() => r.conformantArray(r.ptrAlign, () => r.deferUnique(() => f.memberSids.push(r.sid()))));
      });
    },
  ],
  /* SamrGetGroupsForUser (39): [out] PSAMPR_GET_GROUPS_BUFFER* Groups
   * SAMPR_GET_GROUPS_BUFFER { unsigned long MembershipCount; [size_is(MembershipCount)] PGROUP_MEMBERSHIP Groups; }
   * GROUP_MEMBERSHIP { unsigned long RelativeId; unsigned long Attributes; } */
  [
    39,
    (r, f) => {
      r.topUnique(() => {
        r.alignPtr();
        r.u32();
        r.deferUnique(() =>
          r.conformantArray(8, () => {
            f.rids.push(r.u32());
            r.u32();
          }),
        );
      });
    },
  ],
]);

/** Methods whose answer depends on the request's information class (union arms). */
function decodeByLevel(opnum: number, level: number | undefined, r: NdrReader, f: SamrResponseFacts): boolean {
  if ((opnum === 40 || opnum === 48 || opnum === 51) && level !== undefined && DISPLAY_LAYOUT.has(level)) {
    r.u32(); // TotalAvailable
    r.u32(); // TotalReturned
    r.param(() => readDisplayBuffer(r, level, f.entries));
    return true;
  }
  if ((opnum === 36 || opnum === 47 || opnum === 20) && level !== undefined) {
    const info = r.topUnique(() => readAccountInfo(r, opnum, level));
    if (info) f.entries.push(info);
    return info !== null;
  }
  return false;
}

/**
 * Decodes a response stub. `level` is the information class of the request (needed for the
 * union-typed answers). Answers whose body we do not read still give their status: the last word.
 */
export function decodeSamrResponse(opnum: number, level: number | undefined, stub: Buffer, ndr64: boolean, le = true): SamrResponseFacts {
  const f: SamrResponseFacts = { entries: [], rids: [], uses: [], memberRids: [], memberSids: [], status: 0 };
  const r = new NdrReader(stub, ndr64, le);
  const decoder = SAMR_RESPONSE_DECODERS.get(opnum);
  let whole = false;
  if (decoder) {
    decoder(r, f);
    whole = true;
  } else whole = decodeByLevel(opnum, level, r, f);
  if (whole) {
    f.status = r.u32();
    if (r.remaining !== 0) r.c.fail(`${r.remaining} bytes after the status`);
  } else {
    if (stub.length < 4) r.c.fail('response shorter than its status');
    f.status = le ? stub.readUInt32LE(stub.length - 4) : stub.readUInt32BE(stub.length - 4);
  }
  return f;
}
