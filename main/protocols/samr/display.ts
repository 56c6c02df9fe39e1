/**
 * Union-typed SAMR answers whose arm depends on the information class of the request.
 *
 * MS-SAMR 2.2.8 SAMPR_DISPLAY_INFO_BUFFER
 *   typedef [switch_type(DOMAIN_DISPLAY_INFORMATION)] union _SAMPR_DISPLAY_INFO_BUFFER {
 *     [case(DomainDisplayUser)] SAMPR_DOMAIN_DISPLAY_USER_BUFFER UserInformation;          // 1
 *     [case(DomainDisplayMachine)] SAMPR_DOMAIN_DISPLAY_MACHINE_BUFFER MachineInformation; // 2
 *     [case(DomainDisplayGroup)] SAMPR_DOMAIN_DISPLAY_GROUP_BUFFER GroupInformation;       // 3
 *     [case(DomainDisplayOemUser)] SAMPR_DOMAIN_DISPLAY_OEM_USER_BUFFER OemUserInformation; // 4
 *     [case(DomainDisplayOemGroup)] SAMPR_DOMAIN_DISPLAY_OEM_GROUP_BUFFER OemGroupInformation; } // 5
 *   each buffer: { unsigned long EntriesRead; [size_is(EntriesRead)] PSAMPR_DOMAIN_DISPLAY_xxx Buffer; }
 */
import type { NdrReader } from '../ndr/reader.ts';
import type { SamrEntry } from './responses.ts';

/**
 * The display entries as data (MS-SAMR 2.2.8):
 *   USER    { unsigned long Index; unsigned long Rid; unsigned long AccountControl;
 *             RPC_UNICODE_STRING AccountName; RPC_UNICODE_STRING AdminComment; RPC_UNICODE_STRING FullName; }
 *   MACHINE { Index; Rid; AccountControl; RPC_UNICODE_STRING AccountName; RPC_UNICODE_STRING AdminComment; }
 *   GROUP   { Index; Rid; unsigned long Attributes; RPC_UNICODE_STRING AccountName; RPC_UNICODE_STRING AdminComment; }
 *   OEM_USER / OEM_GROUP { unsigned long Index; RPC_STRING OemAccountName; }   (no RID)
 */
export const DISPLAY_LAYOUT: ReadonlyMap<number, { dwords: number; strings: number; oem: boolean }> = new Map([
  [1, { dwords: 3, strings: 3, oem: false }],
  [2, { dwords: 3, strings: 2, oem: false }],
  [3, { dwords: 3, strings: 2, oem: false }],
  [4, { dwords: 1, strings: 1, oem: true }],
  [5, { dwords: 1, strings: 1, oem: true }],
]);

/** Which display classes list users (and machines) and which list groups. */
export const DISPLAY_CLASS_KIND: ReadonlyMap<number, 'users' | 'groups'> = new Map([
  [1, 'users'],
  [2, 'users'],
  [3, 'groups'],
  [4, 'users'],
  [5, 'groups'],
]);

/** Reads the union discriminant (an enum) and checks it against the class the request asked for. */
export function unionArm(r: NdrReader, level: number): void {
  r.alignPtr();
  const arm = r.enumValue();
  if (arm !== level) r.c.fail(`union arm ${arm}, class asked ${level}`);
}

/**
 * MS-DTYP 2.3 RPC_STRING { unsigned short Length; unsigned short MaximumLength;
 *   [size_is(MaximumLength), length_is(Length)] char* Buffer; }: 8-bit OEM characters.
 */
function oemString(r: NdrReader, onValue: (s: string) => void): void {
  r.alignPtr();
  r.u16();
  r.u16();
  r.deferUnique(() => {
    const n = r.checkCount(r.varyingHeader().actual, 1);
    onValue(r.c.bytes(n).toString('latin1').replace(/\0+$/, ''));
  });
}

export function readDisplayBuffer(r: NdrReader, level: number, out: SamrEntry[]): void {
  const layout = DISPLAY_LAYOUT.get(level);
  if (!layout) r.c.fail(`display class ${level}`);
  unionArm(r, level);
  r.alignPtr();
  const entriesRead = r.u32();
  r.deferUnique(() => {
    const list = r.conformantArray(4 * layout.dwords + 8 * layout.strings, () => {
      r.alignPtr();
      const entry: SamrEntry = { rid: null, name: '' };
      for (let i = 0; i < layout.dwords; i++) {
        const v = r.u32();
        if (i === 1) entry.rid = v;
      }
      const setName = (s: string) => (entry.name = s);
      for (let i = 0; i < layout.strings; i++) {
        const onValue = i === 0 ? setName : () => {};
        if (layout.oem) oemString(r, onValue);
        else r.unicodeString(onValue);
      }
      return entry;
    });
    if (list.length !== entriesRead) r.c.fail(`${list.length} display entries, EntriesRead ${entriesRead}`);
    out.push(...list);
  });
}
