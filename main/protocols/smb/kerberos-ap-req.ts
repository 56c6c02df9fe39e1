/**
 * The service ticket inside a Kerberos AP-REQ (SMB session setup): its sname is in clear and says
 * which name the client used for the server (cifs/DC01.corp.local), so the server gets a name and
 * a preceding TGS for that name can tell who the user is. The client's name is encrypted.
 */
import { Cursor, DecodeError } from '../../util/cursor.ts';
import { CLASS_APPLICATION, CLASS_UNIVERSAL, TAG_SEQUENCE, expectNode, required, taggedFields, text } from '../asn1/der.ts';
import { decodePrincipalName, type PrincipalName } from '../kerberos/principal.ts';

const KRB5_OIDS = [Buffer.from('06092a864886f712010202', 'hex'), Buffer.from('06092a864882f712010202', 'hex')];
const TOK_ID_AP_REQ = Buffer.from('0100', 'hex');

/* RFC 4121 §4.1: InitialContextToken ::= [APPLICATION 0] IMPLICIT SEQUENCE { thisMech MechType,
 * innerContextToken }; for Kerberos the inner token is TOK_ID 01 00 (KRB_AP_REQ) then the AP-REQ.
 * Mech OIDs 1.2.840.113554.1.2.2 and Microsoft's 1.2.840.48018.1.2.2 (RFC 4178 §3). In a
 * negTokenInit's mechTypes list the OIDs are followed by other OIDs, never by 01 00.
 * Returns the offset of the AP-REQ in the token, or -1.                                          */
export function findApReq(token: Buffer): number {
  for (const oid of KRB5_OIDS) {
    for (let at = token.indexOf(oid); at >= 0; at = token.indexOf(oid, at + 1)) {
      const after = at + oid.length;
      if (token.subarray(after, after + 2).equals(TOK_ID_AP_REQ)) return after + 2;
    }
  }
  return -1;
}

export interface ApReqTicket {
  realm: string;
  sname: PrincipalName;
}

/* RFC 4120 §5.5.1 AP-REQ ::= [APPLICATION 14] SEQUENCE { pvno [0] INTEGER (5),
 *   msg-type [1] INTEGER (14), ap-options [2] APOptions, ticket [3] Ticket, authenticator [4] EncryptedData }
 * RFC 4120 §5.3 Ticket ::= [APPLICATION 1] SEQUENCE { tkt-vno [0] INTEGER (5), realm [1] Realm,
 *   sname [2] PrincipalName, enc-part [3] EncryptedData }                                         */
export function decodeApReqTicket(buf: Buffer): ApReqTicket {
  const c = new Cursor(buf);
  const app = expectNode(c, 0, CLASS_APPLICATION, 14, 'AP-REQ');
  const seq = expectNode(app.body, 1, CLASS_UNIVERSAL, TAG_SEQUENCE, 'AP-REQ');
  const ticketField = required(taggedFields(seq, 'AP-REQ'), 3, 'AP-REQ', seq.start);
  if (ticketField.cls !== CLASS_APPLICATION || ticketField.tag !== 1) throw new DecodeError(ticketField.start, 'AP-REQ ticket is not [APPLICATION 1]');
  const tseq = expectNode(ticketField.body, ticketField.depth + 1, CLASS_UNIVERSAL, TAG_SEQUENCE, 'Ticket');
  const f = taggedFields(tseq, 'Ticket');
  return { realm: text(required(f, 1, 'Ticket', tseq.start)), sname: decodePrincipalName(required(f, 2, 'Ticket', tseq.start)) };
}
