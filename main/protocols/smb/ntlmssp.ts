/**
 * NTLMSSP AUTHENTICATE: who logged on. Found inside whatever carries it (an SPNEGO token in SMB
 * SESSION_SETUP, a raw token in SMB1, a DCE/RPC auth_value) by its signature, so the SPNEGO
 * wrapping (RFC 4178 §4.2: NegotiationToken ::= CHOICE { negTokenInit [0], negTokenResp [1] },
 * the NTLM token in mechToken / responseToken OCTET STRING) need not be walked.
 */
import { Cursor, DecodeError } from '../../util/cursor.ts';

const SIGNATURE = Buffer.from('NTLMSSP\0', 'latin1');
const NTLMSSP_NEGOTIATE_UNICODE = 0x00000001;
const AUTHENTICATE = 3;

export interface NtlmAuthenticate {
  user: string;
  domain: string;
  workstation: string;
}

/* MS-NLMP §2.2.1.3 AUTHENTICATE_MESSAGE:
 *   Signature (8) "NTLMSSP\0"; MessageType (4) = 0x00000003;
 *   LmChallengeResponseFields (8); NtChallengeResponseFields (8); DomainNameFields (8);
 *   UserNameFields (8); WorkstationFields (8); EncryptedRandomSessionKeyFields (8);
 *   NegotiateFlags (4); Version (8, optional); MIC (16, optional); Payload.
 * Each *Fields is Len (2), MaxLen (2), BufferOffset (4), the offset counted from the signature.
 * Strings are UTF-16LE when NTLMSSP_NEGOTIATE_UNICODE (flag A) is set, OEM otherwise.           */
export function decodeNtlmAuthenticate(msg: Buffer): NtlmAuthenticate {
  const c = new Cursor(msg);
  if (!c.bytes(8).equals(SIGNATURE)) throw new DecodeError(0, 'no NTLMSSP signature');
  const type = c.u32(true);
  if (type !== AUTHENTICATE) throw new DecodeError(8, `NTLMSSP message type ${type}, not AUTHENTICATE`);
  c.skip(16);
  const fields = [readField(c), readField(c), readField(c)];
  c.skip(8);
  const flags = c.u32(true);
  const unicode = (flags & NTLMSSP_NEGOTIATE_UNICODE) !== 0;
  const [domain, user, workstation] = fields.map((f) => readString(msg, f, unicode));
  return { domain: domain ?? '', user: user ?? '', workstation: workstation ?? '' };
}

interface Field {
  at: number;
  length: number;
  offset: number;
}

function readField(c: Cursor): Field {
  const at = c.pos;
  const length = c.u16(true);
  c.skip(2);
  return { at, length, offset: c.u32(true) };
}

function readString(msg: Buffer, f: Field, unicode: boolean): string {
  if (f.length === 0) return '';
  if (f.offset + f.length > msg.length) throw new DecodeError(f.at, `field ${f.offset}+${f.length} beyond ${msg.length}`);
  const raw = msg.subarray(f.offset, f.offset + f.length);
  return unicode ? raw.toString('utf16le', 0, raw.length & ~1) : raw.toString('latin1');
}

/** The first NTLMSSP AUTHENTICATE inside a security token, or null when there is none. */
export function findNtlmAuthenticate(token: Buffer): NtlmAuthenticate | null {
  let from = 0;
  for (;;) {
    const at = token.indexOf(SIGNATURE, from);
    if (at < 0 || at + 12 > token.length) return null;
    if (token.readUInt32LE(at + 8) === AUTHENTICATE) return decodeNtlmAuthenticate(token.subarray(at));
    from = at + 1;
  }
}
