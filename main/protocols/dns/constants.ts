/** DNS constants as data (RFC 1035 §3.2.2, §4.1.1; RFC 3596 AAAA; RFC 2782 SRV; RFC 1995 IXFR; RFC 5936 AXFR). */
export const TYPE_A = 1;
export const TYPE_NS = 2;
export const TYPE_CNAME = 5;
export const TYPE_SOA = 6;
export const TYPE_PTR = 12;
export const TYPE_AAAA = 28;
export const TYPE_SRV = 33;
export const TYPE_IXFR = 251;
export const TYPE_AXFR = 252;

/* RFC 1035 §4.1.1 RCODE, with RFC 2136 §2.2 (YXDOMAIN .. NOTZONE). */
export const RCODE_NAMES: ReadonlyMap<number, string> = new Map([
  [0, 'NOERROR'],
  [1, 'FORMERR'],
  [2, 'SERVFAIL'],
  [3, 'NXDOMAIN'],
  [4, 'NOTIMP'],
  [5, 'REFUSED'],
  [6, 'YXDOMAIN'],
  [7, 'YXRRSET'],
  [8, 'NXRRSET'],
  [9, 'NOTAUTH'],
  [10, 'NOTZONE'],
]);
export const rcodeName = (rcode: number): string => RCODE_NAMES.get(rcode) ?? `RCODE${rcode}`;

export const TRANSFER_TYPES: ReadonlyMap<number, 'AXFR' | 'IXFR'> = new Map([
  [TYPE_AXFR, 'AXFR'],
  [TYPE_IXFR, 'IXFR'],
]);
