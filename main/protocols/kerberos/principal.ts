/**
 * Kerberos building blocks shared by every message (RFC 4120 §5.2.2, §5.2.5, §5.2.7).
 */
import { DecodeError } from '../../util/cursor.ts';
import { children, integer, octets, required, taggedFields, text, type DerNode } from '../asn1/der.ts';

/* RFC 4120 §5.2.2
 *   PrincipalName   ::= SEQUENCE {
 *           name-type       [0] Int32,
 *           name-string     [1] SEQUENCE OF KerberosString
 *   }                                                                  */
export interface PrincipalName {
  nameType: number;
  parts: string[];
}
/** Name components kept; a real principal has one to three. */
export const MAX_NAME_PARTS = 16;

export function decodePrincipalName(n: DerNode): PrincipalName {
  const f = taggedFields(n, 'PrincipalName');
  const nameType = integer(required(f, 0, 'PrincipalName', n.start));
  const parts = children(required(f, 1, 'PrincipalName', n.start), MAX_NAME_PARTS).map(text);
  return { nameType, parts };
}

/** "host/ws1.corp.local", as Kerberos writes principals without their realm. */
export const principalText = (p: PrincipalName | null): string => (p ? p.parts.join('/') : '');

/* RFC 4120 §5.2.5
 *   HostAddress     ::= SEQUENCE  {
 *           addr-type       [0] Int32,
 *           address         [1] OCTET STRING
 *   }
 *   HostAddresses   -- NOTE: subtly different from rfc1510,
 *                   -- but has a value mapping and encodes the same
 *           ::= SEQUENCE OF HostAddress
 * §7.5.3 address types: 2 IPv4, 24 IPv6, 20 NetBIOS (16 octets, space padded).           */
export interface HostAddress {
  type: number;
  /** Dotted IPv4, IPv6 text, the NetBIOS name (trimmed), or hex for other types. */
  value: string;
}
export const ADDR_IPV4 = 2;
export const ADDR_NETBIOS = 20;
export const ADDR_IPV6 = 24;
const MAX_ADDRESSES = 32;

function addressText(type: number, raw: Buffer): string {
  if (type === ADDR_IPV4 && raw.length === 4) return Array.from(raw).join('.');
  if (type === ADDR_IPV6 && raw.length === 16) {
    const groups: string[] = [];
    for (let i = 0; i < 16; i += 2) groups.push(raw.readUInt16BE(i).toString(16));
    return groups.join(':');
  }
  if (type === ADDR_NETBIOS) return raw.toString('latin1', 0, Math.min(raw.length, 16)).trimEnd();
  return raw.subarray(0, 64).toString('hex');
}

export function decodeHostAddresses(n: DerNode): HostAddress[] {
  return children(n, MAX_ADDRESSES).map((a) => {
    const f = taggedFields(a, 'HostAddress');
    const type = integer(required(f, 0, 'HostAddress', a.start));
    return { type, value: addressText(type, octets(required(f, 1, 'HostAddress', a.start))) };
  });
}

/* RFC 4120 §5.2.7
 *   PA-DATA         ::= SEQUENCE {
 *           -- NOTE: first tag is [1], not [0]
 *           padata-type     [1] Int32,
 *           padata-value    [2] OCTET STRING -- might be encoded AP-REQ
 *   }
 *   (the KDC-REQ carries padata [3] SEQUENCE OF PA-DATA)                         */
const MAX_PADATA = 32;
export function decodePadataTypes(n: DerNode): number[] {
  return children(n, MAX_PADATA).map((p) => {
    const f = taggedFields(p, 'PA-DATA');
    return integer(required(f, 1, 'PA-DATA', p.start));
  });
}

/** Int32 that must be in range, e.g. pvno = 5. */
export function expectInteger(n: DerNode, value: number, what: string): void {
  const v = integer(n);
  if (v !== value) throw new DecodeError(n.start, `${what} ${v}, expected ${value}`);
}
