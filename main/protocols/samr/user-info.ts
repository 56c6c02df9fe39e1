/**
 * The account name in QueryInformationUser(2) and QueryInformationGroup answers: the union arm of
 * the information class the request asked for (MS-SAMR 2.2.6.29 SAMPR_USER_INFO_BUFFER, 2.2.5.6
 * SAMPR_GROUP_INFO_BUFFER). Classes we do not read return null (the object's name is then known from
 * the association's lookups and enumerations, or not at all).
 */
import type { NdrReader } from '../ndr/reader.ts';
import { unionArm } from './display.ts';

export interface AccountInfo {
  name: string;
  /** USER_ALL_INFORMATION carries the account's RID (UserId). */
  rid: number | null;
}

/**
 * Arms made of strings only:
 *   USER_NAME_INFORMATION (6)        { RPC_UNICODE_STRING UserName; RPC_UNICODE_STRING FullName; }
 *   USER_A_NAME_INFORMATION (7)      { RPC_UNICODE_STRING UserName; }
 *   GROUP_GENERAL_INFORMATION (1)    { RPC_UNICODE_STRING Name; unsigned long Attributes;
 *                                      unsigned long MemberCount; RPC_UNICODE_STRING AdminComment; }
 *   GROUP_NAME_INFORMATION (2)       { RPC_UNICODE_STRING Name; }
 *   GroupReplicationInformation (5)  carries a GROUP_GENERAL_INFORMATION too ("DoNotUse"): net.exe asks it.
 */
function stringsArm(r: NdrReader, group: boolean, level: number): AccountInfo {
  const info: AccountInfo = { name: '', rid: null };
  r.unicodeString((s) => (info.name = s));
  const general = group && (level === 1 || level === 5);
  if (general) {
    r.u32();
    r.u32();
  }
  if (general || (!group && level === 6)) r.unicodeString(() => {});
  return info;
}

/**
 * MS-SAMR 2.2.6.6 SAMPR_USER_ALL_INFORMATION (21)
 *   OLD_LARGE_INTEGER LastLogon, LastLogoff, PasswordLastSet, AccountExpires, PasswordCanChange,
 *     PasswordMustChange;                                   // { unsigned long LowPart; long HighPart; }
 *   RPC_UNICODE_STRING UserName, FullName, HomeDirectory, HomeDirectoryDrive, ScriptPath, ProfilePath,
 *     AdminComment, WorkStations, UserComment, Parameters;
 *   RPC_SHORT_BLOB LmOwfPassword, NtOwfPassword;             // same wire shape as RPC_UNICODE_STRING
 *   RPC_UNICODE_STRING PrivateData;
 *   SAMPR_SR_SECURITY_DESCRIPTOR SecurityDescriptor;         // { [range(0,256*1024)] unsigned long Length;
 *                                                            //   [size_is(Length)] unsigned char* SecurityDescriptor; }
 *   unsigned long UserId, PrimaryGroupId, UserAccountControl, WhichFields;
 *   SAMPR_LOGON_HOURS LogonHours;                            // { unsigned short UnitsPerWeek;
 *                                                            //   [size_is(1260), length_is((UnitsPerWeek+7)/8)] unsigned char* LogonHours; }
 *   unsigned short BadPasswordCount, LogonCount, CountryCode, CodePage;
 *   unsigned char LmPasswordPresent, NtPasswordPresent, PasswordExpired, PrivateDataSensitive;
 */
function userAll(r: NdrReader): AccountInfo {
  const info: AccountInfo = { name: '', rid: null };
  r.alignPtr();
  for (let i = 0; i < 12; i++) r.u32();
  r.unicodeString((s) => (info.name = s));
  for (let i = 0; i < 12; i++) r.unicodeString(() => {});
  r.alignPtr();
  r.u32();
  r.deferUnique(() => r.c.skip(r.checkCount(r.count(), 1)));
  info.rid = r.u32();
  for (let i = 0; i < 3; i++) r.u32();
  r.alignPtr();
  r.u16();
  r.deferUnique(() => r.c.skip(r.checkCount(r.varyingHeader().actual, 1)));
  for (let i = 0; i < 4; i++) r.u16();
  for (let i = 0; i < 4; i++) r.u8();
  return info;
}

/** Reads the [out, switch_is(class)] buffer's union (the pointer is read by the caller). */
export function readAccountInfo(r: NdrReader, opnum: number, level: number): AccountInfo | null {
  const group = opnum === 20;
  const strings = group ? level === 1 || level === 2 || level === 5 : level === 6 || level === 7;
  if (!strings && (group || level !== 21)) return null;
  unionArm(r, level);
  const info = strings ? stringsArm(r, group, level) : userAll(r);
  r.flush();
  return info;
}
