/** NET_API_STATUS / WERROR values a NetrSessionEnum answer carries (MS-ERREF 2.2, MS-SRVS 3.1.4.5). */
export const SRVSVC_STATUS_NAMES: ReadonlyMap<number, string> = new Map([
  [0x0, 'WERR_OK'],
  [0x5, 'WERR_ACCESS_DENIED'],
  [0x8, 'WERR_NOT_ENOUGH_MEMORY'],
  [0x32, 'WERR_NOT_SUPPORTED'],
  [0x57, 'WERR_INVALID_PARAMETER'],
  [0x7c, 'WERR_INVALID_LEVEL'],
  [0xea, 'WERR_MORE_DATA'],
  [0x84b, 'NERR_BufTooSmall'],
  [0x8ad, 'NERR_UserNotFound'],
  [0x908, 'NERR_ClientNameNotFound'],
  [0x92f, 'NERR_InvalidComputer'],
]);

export function srvsvcStatusName(status: number): string {
  return SRVSVC_STATUS_NAMES.get(status) ?? `WERROR_0x${status.toString(16).padStart(8, '0')}`;
}
