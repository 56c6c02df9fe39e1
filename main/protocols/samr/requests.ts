/**
 * MS-SAMR request stubs: the [in] parameters of the methods reconnaissance uses (MS-SAMR 3.1.5).
 * Every method but the Connect family takes a context handle first (SAMPR_HANDLE, 20 bytes).
 */
import { NdrReader } from '../ndr/reader.ts';

export interface SamrRequestFacts {
  /** The [in] context handle (hex), null for the Connect family. */
  handle: string | null;
  /** OpenGroup / OpenAlias / OpenUser / RidToSid: the RID asked for. */
  rid?: number;
  /** OpenDomain: the domain SID. */
  domainSid?: string;
  /** LookupDomainInSamServer: the domain name; LookupNamesInDomain: the names. */
  names: string[];
  /** LookupIdsInDomain: the RIDs. */
  rids: number[];
  /** GetAliasMembership: the SIDs whose alias memberships are asked for. */
  sids: string[];
  /** Information class / display class / level of a query. */
  level?: number;
}

type RequestDecoder = (r: NdrReader, f: SamrRequestFacts) => void;

/** [in] SAMPR_HANDLE Handle, [in] ACCESS_MASK DesiredAccess, [in] unsigned long Id, [out] SAMPR_HANDLE* ... */
const openById: RequestDecoder = (r, f) => {
  r.u32(); // DesiredAccess
  f.rid = r.u32();
};

/** [in] SAMPR_HANDLE Handle, [in] <enum> InformationClass, ... */
const infoClass: RequestDecoder = (r, f) => {
  f.level = r.enumValue();
};

export const SAMR_REQUEST_DECODERS: ReadonlyMap<number, RequestDecoder> = new Map<number, RequestDecoder>([
  /* 3.1.5.1.1 SamrLookupDomainInSamServer (Opnum 5)
   *   ([in] SAMPR_HANDLE ServerHandle, [in] PRPC_UNICODE_STRING Name, [out] PRPC_SID* DomainId) */
  [5, (r, f) => r.param(() => r.unicodeString((s) => f.names.push(s)))],
  /* 3.1.5.1.5 SamrOpenDomain (Opnum 7)
   *   ([in] SAMPR_HANDLE ServerHandle, [in] ACCESS_MASK DesiredAccess, [in] PRPC_SID DomainId, [out] SAMPR_HANDLE* DomainHandle) */
  [
    7,
    (r, f) => {
      r.u32();
      f.domainSid = r.sid();
    },
  ],
  /* 3.1.5.11.1 SamrLookupNamesInDomain (Opnum 17)
   *   ([in] SAMPR_HANDLE DomainHandle, [in, range(0,1000)] unsigned long Count,
   *    [in, size_is(1000), length_is(Count)] RPC_UNICODE_STRING Names[*],
   *    [out] PSAMPR_ULONG_ARRAY RelativeIds, [out] PSAMPR_ULONG_ARRAY Use) */
  [
    17,
    (r, f) => {
      const count = r.u32();
      const slots: string[] = [];
      r.param(() => r.conformantVaryingArray(r.ptrAlign * 2, (i) => r.unicodeString((s) => (slots[i] = s))));
      if (slots.length > count) r.c.fail(`${slots.length} names for Count ${count}`);
      for (const s of slots) f.names.push(s ?? '');
    },
  ],
  /* 3.1.5.11.2 SamrLookupIdsInDomain (Opnum 18)
   *   ([in] SAMPR_HANDLE DomainHandle, [in, range(0,1000)] unsigned long Count,
   *    [in, size_is(1000), length_is(Count)] unsigned long* RelativeIds,
   *    [out] PSAMPR_RETURNED_USTRING_ARRAY Names, [out] PSAMPR_ULONG_ARRAY Use) */
  [
    18,
    (r, f) => {
      r.u32();
      f.rids.push(...r.conformantVaryingArray(4, () => r.u32()));
    },
  ],
  /* 3.1.5.9.3 SamrGetAliasMembership (Opnum 16)
   *   ([in] SAMPR_HANDLE DomainHandle, [in] PSAMPR_PSID_ARRAY SidArray, [out] PSAMPR_ULONG_ARRAY Membership)
   * MS-SAMR 2.2.3 SAMPR_PSID_ARRAY { [range(0,1024)] unsigned long Count; [size_is(Count)] PSAMPR_SID_INFORMATION Sids; }
   *        SAMPR_SID_INFORMATION { PRPC_SID SidPointer; } */
  [
    16,
    (r, f) =>
      r.param(() => {
        r.alignPtr();
        r.u32();
        r.deferUnique(() => r.conformantArray(r.ptrAlign, () => r.deferUnique(() => f.sids.push(r.sid()))));
      }),
  ],
  /* 3.1.5.1.7 SamrOpenGroup (Opnum 19), 3.1.5.1.8 SamrOpenAlias (Opnum 27), 3.1.5.1.9 SamrOpenUser (Opnum 34) */
  [19, openById],
  [27, openById],
  [34, openById],
  /* MS-SAMR 3.1.5 SamrRidToSid (Opnum 65) ([in] SAMPR_HANDLE ObjectHandle, [in] unsigned long Rid, [out] PRPC_SID* Sid) */
  [
    65,
    (r, f) => {
      f.rid = r.u32();
    },
  ],
  /* 3.1.5.5.1 SamrQueryInformationGroup (Opnum 20) ([in] GroupHandle, [in] GROUP_INFORMATION_CLASS, [out] ...)
   * 3.1.5.5.6 SamrQueryInformationUser (Opnum 36), 3.1.5.5.5 SamrQueryInformationUser2 (Opnum 47)
   *   ([in] UserHandle, [in] USER_INFORMATION_CLASS UserInformationClass, [out, switch_is] Buffer) */
  [20, infoClass],
  [36, infoClass],
  [47, infoClass],
  /* 3.1.5.3.3 SamrQueryDisplayInformation (Opnum 40), ...2 (48), ...3 (51)
   *   ([in] SAMPR_HANDLE DomainHandle, [in] DOMAIN_DISPLAY_INFORMATION DisplayInformationClass,
   *    [in] unsigned long Index, [in] unsigned long EntryCount, [in] unsigned long PreferredMaximumLength, ...) */
  [40, infoClass],
  [48, infoClass],
  [51, infoClass],
]);

/** The Connect family has no [in] handle: SamrConnect (0), Connect2 (57), Connect4 (62), Connect5 (64). */
export const SAMR_CONNECT_OPNUMS: ReadonlySet<number> = new Set([0, 57, 62, 64]);

export function decodeSamrRequest(opnum: number, stub: Buffer, ndr64: boolean, le = true): SamrRequestFacts {
  const f: SamrRequestFacts = { handle: null, names: [], rids: [], sids: [] };
  if (SAMR_CONNECT_OPNUMS.has(opnum)) return f;
  const r = new NdrReader(stub, ndr64, le);
  f.handle = r.contextHandle();
  SAMR_REQUEST_DECODERS.get(opnum)?.(r, f);
  return f;
}
