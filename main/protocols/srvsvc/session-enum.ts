/**
 * MS-SRVS 3.1.4.5 NetrSessionEnum (Opnum 12)
 *   NET_API_STATUS NetrSessionEnum(
 *     [in, string, unique] SRVSVC_HANDLE ServerName,
 *     [in, string, unique] WCHAR* ClientName,
 *     [in, string, unique] WCHAR* UserName,
 *     [in, out] PSESSION_ENUM_STRUCT InfoStruct,
 *     [in] DWORD PreferedMaximumLength,
 *     [out] DWORD* TotalEntries,
 *     [in, out, unique] DWORD* ResumeHandle);
 *
 * MS-SRVS 2.2.4.21 SESSION_ENUM_STRUCT
 *   typedef struct _SESSION_ENUM_STRUCT { DWORD Level; [switch_is(Level)] SESSION_ENUM_UNION SessionInfo; }
 * MS-SRVS 2.2.3.2 SESSION_ENUM_UNION
 *   typedef [switch_type(DWORD)] union _SESSION_ENUM_UNION {
 *     [case(0)] SESSION_INFO_0_CONTAINER* Level0;   [case(1)] SESSION_INFO_1_CONTAINER* Level1;
 *     [case(2)] SESSION_INFO_2_CONTAINER* Level2;   [case(10)] SESSION_INFO_10_CONTAINER* Level10;
 *     [case(502)] SESSION_INFO_502_CONTAINER* Level502; } SESSION_ENUM_UNION;
 * MS-SRVS 2.2.4.16 SESSION_INFO_n_CONTAINER
 *   typedef struct _SESSION_INFO_10_CONTAINER { DWORD EntriesRead; [size_is(EntriesRead)] LPSESSION_INFO_10 Buffer; }
 *   (the same shape for levels 0, 1, 2 and 502)
 */
import { NdrReader } from '../ndr/reader.ts';

/** One member of a SESSION_INFO_n structure: a [string] wchar_t* or a DWORD. */
type Field = 'cname' | 'username' | 'string' | 'dword';

/**
 * The SESSION_INFO_n structures as data (MS-SRVS 2.2.4.10 .. 2.2.4.15):
 *   SESSION_INFO_0   { [string] wchar_t* sesi0_cname; }
 *   SESSION_INFO_1   { cname; username; DWORD num_opens; DWORD time; DWORD idle_time; DWORD user_flags; }
 *   SESSION_INFO_2   { cname; username; num_opens; time; idle_time; user_flags; [string] wchar_t* cltype_name; }
 *   SESSION_INFO_10  { [string] wchar_t* sesi10_cname; [string] wchar_t* sesi10_username; DWORD time; DWORD idle_time; }
 *   SESSION_INFO_502 { cname; username; num_opens; time; idle_time; user_flags; cltype_name; [string] wchar_t* sesi502_transport; }
 */
export const SESSION_INFO_LAYOUT: ReadonlyMap<number, readonly Field[]> = new Map<number, readonly Field[]>([
  [0, ['cname']],
  [1, ['cname', 'username', 'dword', 'dword', 'dword', 'dword']],
  [2, ['cname', 'username', 'dword', 'dword', 'dword', 'dword', 'string']],
  [10, ['cname', 'username', 'dword', 'dword']],
  [502, ['cname', 'username', 'dword', 'dword', 'dword', 'dword', 'string', 'string']],
]);

export interface SessionEnumRequest {
  serverName: string | null;
  clientFilter: string | null;
  userFilter: string | null;
  level: number;
}

export interface SessionEnumResponse {
  level: number;
  sessions: { client: string; user: string }[];
  totalEntries: number;
  status: number;
}

/** Reads SESSION_ENUM_STRUCT: the level, the union arm's container pointer and, deferred, its entries. */
function readInfoStruct(r: NdrReader, sessions: { client: string; user: string }[] | null): number {
  r.alignPtr();
  const level = r.u32();
  // The union is aligned as its largest member, the pointer arm: 8 in NDR64 (NDR64 unions, MS-RPCE 2.2.5).
  r.alignPtr();
  const arm = r.u32();
  if (arm !== level) r.c.fail(`SESSION_ENUM_UNION discriminant ${arm} != level ${level}`);
  const layout = SESSION_INFO_LAYOUT.get(level);
  if (!layout) r.c.fail(`NetrSessionEnum level ${level} not in MS-SRVS`);
  r.deferUnique(() => {
    r.alignPtr();
    const entriesRead = r.u32();
    r.deferUnique(() => {
      const minBytes = layout.length * 4;
      const n = r.checkCount(r.count(), minBytes);
      if (n !== entriesRead) r.c.fail(`array of ${n} sessions, EntriesRead ${entriesRead}`);
      for (let i = 0; i < n; i++) {
        const entry = { client: '', user: '' };
        sessions?.push(entry);
        r.alignPtr();
        for (const f of layout) {
          if (f === 'dword') r.u32();
          else
            r.deferUnique(() => {
              const s = r.varyingWString();
              if (f === 'cname') entry.client = s;
              else if (f === 'username') entry.user = s;
            });
        }
      }
    });
  });
  return level;
}

export function decodeSessionEnumRequest(stub: Buffer, ndr64: boolean, le = true): SessionEnumRequest {
  const r = new NdrReader(stub, ndr64, le);
  const serverName = r.topUnique(() => r.varyingWString());
  const clientFilter = r.topUnique(() => r.varyingWString());
  const userFilter = r.topUnique(() => r.varyingWString());
  const level = r.param(() => readInfoStruct(r, null));
  r.u32(); // PreferedMaximumLength
  r.topUnique(() => r.u32()); // ResumeHandle
  return { serverName, clientFilter, userFilter, level };
}

export function decodeSessionEnumResponse(stub: Buffer, ndr64: boolean, le = true): SessionEnumResponse {
  const r = new NdrReader(stub, ndr64, le);
  const sessions: { client: string; user: string }[] = [];
  const level = r.param(() => readInfoStruct(r, sessions));
  const totalEntries = r.u32();
  r.topUnique(() => r.u32()); // ResumeHandle
  const status = r.u32();
  if (r.remaining !== 0) r.c.fail(`${r.remaining} bytes after the status`);
  return { level, sessions, totalEntries, status };
}
