/**
 * Decoders for the Kerberos messages that matter to reconnaissance: AS-REQ / TGS-REQ, AS-REP /
 * TGS-REP and KRB-ERROR (RFC 4120 §5.4.1, §5.4.2, §5.9.1). Other application tags (AP-REQ 14 ...)
 * are reported as 'other' so that the caller can count them without treating them as errors.
 */
import { Cursor, DecodeError } from '../../util/cursor.ts';
import {
  CLASS_APPLICATION,
  TAG_SEQUENCE,
  CLASS_UNIVERSAL,
  children,
  expectNode,
  integer,
  kerberosTime,
  readNode,
  required,
  taggedFields,
  text,
  type DerNode,
} from '../asn1/der.ts';
import {
  decodeHostAddresses,
  decodePadataTypes,
  decodePrincipalName,
  expectInteger,
  type HostAddress,
  type PrincipalName,
} from './principal.ts';

export const MSG_AS_REQ = 10;
export const MSG_AS_REP = 11;
export const MSG_TGS_REQ = 12;
export const MSG_TGS_REP = 13;
export const MSG_KRB_ERROR = 30;
const MAX_ETYPES = 32;

export interface KdcReq {
  type: 'as-req' | 'tgs-req';
  cname: PrincipalName | null;
  realm: string;
  sname: PrincipalName | null;
  till: string | null;
  nonce: number;
  etypes: number[];
  padataTypes: number[];
  addresses: HostAddress[];
}
export interface KdcRep {
  type: 'as-rep' | 'tgs-rep';
  crealm: string;
  cname: PrincipalName;
  /** The service of the ticket (Ticket.sname): krbtgt/REALM for an AS-REP, cifs/host for a TGS-REP. */
  ticketSname: PrincipalName;
  ticketRealm: string;
}
export interface KrbError {
  type: 'error';
  errorCode: number;
  crealm: string | null;
  cname: PrincipalName | null;
  realm: string;
  /** Required by the RFC, missing in some real answers (zeek optional-service-name.pcap). */
  sname: PrincipalName | null;
  stime: string;
}
export type KerberosMessage = KdcReq | KdcRep | KrbError | { type: 'other'; msgType: number };

/* RFC 4120 §5.4.1
 *   AS-REQ          ::= [APPLICATION 10] KDC-REQ
 *   TGS-REQ         ::= [APPLICATION 12] KDC-REQ
 *   KDC-REQ         ::= SEQUENCE {
 *           -- NOTE: first tag is [1], not [0]
 *           pvno            [1] INTEGER (5) ,
 *           msg-type        [2] INTEGER (10 -- AS -- | 12 -- TGS --),
 *           padata          [3] SEQUENCE OF PA-DATA OPTIONAL
 *                               -- NOTE: not empty --,
 *           req-body        [4] KDC-REQ-BODY
 *   }
 *   KDC-REQ-BODY    ::= SEQUENCE {
 *           kdc-options             [0] KDCOptions,
 *           cname                   [1] PrincipalName OPTIONAL
 *                                       -- Used only in AS-REQ --,
 *           realm                   [2] Realm
 *                                       -- Server's realm
 *                                       -- Also client's in AS-REQ --,
 *           sname                   [3] PrincipalName OPTIONAL,
 *           from                    [4] KerberosTime OPTIONAL,
 *           till                    [5] KerberosTime,
 *           rtime                   [6] KerberosTime OPTIONAL,
 *           nonce                   [7] UInt32,
 *           etype                   [8] SEQUENCE OF Int32 -- EncryptionType
 *                                       -- in preference order --,
 *           addresses               [9] HostAddresses OPTIONAL,
 *           enc-authorization-data  [10] EncryptedData OPTIONAL
 *                                       -- AuthorizationData --,
 *           additional-tickets      [11] SEQUENCE OF Ticket OPTIONAL
 *                                          -- NOTE: not empty
 *   }                                                                          */
function decodeKdcReq(seq: DerNode, msgType: number): KdcReq {
  const f = taggedFields(seq, 'KDC-REQ');
  expectInteger(required(f, 1, 'KDC-REQ pvno', seq.start), 5, 'pvno');
  expectInteger(required(f, 2, 'KDC-REQ msg-type', seq.start), msgType, 'msg-type');
  const padata = f.get(3);
  const body = taggedFields(required(f, 4, 'KDC-REQ req-body', seq.start), 'KDC-REQ-BODY');
  const at = seq.start;
  const cname = body.get(1);
  const sname = body.get(3);
  const till = body.get(5);
  const addresses = body.get(9);
  return {
    type: msgType === MSG_AS_REQ ? 'as-req' : 'tgs-req',
    cname: cname ? decodePrincipalName(cname) : null,
    realm: text(required(body, 2, 'KDC-REQ-BODY realm', at)),
    sname: sname ? decodePrincipalName(sname) : null,
    // till is required by the RFC; a missing one is tolerated (it is evidence, not structure).
    till: till ? kerberosTime(till) : null,
    nonce: integer(required(body, 7, 'KDC-REQ-BODY nonce', at)),
    etypes: children(required(body, 8, 'KDC-REQ-BODY etype', at), MAX_ETYPES).map(integer),
    padataTypes: padata ? decodePadataTypes(padata) : [],
    addresses: addresses ? decodeHostAddresses(addresses) : [],
  };
}

/* RFC 4120 §5.4.2
 *   AS-REP          ::= [APPLICATION 11] KDC-REP
 *   TGS-REP         ::= [APPLICATION 13] KDC-REP
 *   KDC-REP         ::= SEQUENCE {
 *           pvno            [0] INTEGER (5),
 *           msg-type        [1] INTEGER (11 -- AS -- | 13 -- TGS --),
 *           padata          [2] SEQUENCE OF PA-DATA OPTIONAL
 *                                   -- NOTE: not empty --,
 *           crealm          [3] Realm,
 *           cname           [4] PrincipalName,
 *           ticket          [5] Ticket,
 *           enc-part        [6] EncryptedData
 *                                   -- EncASRepPart or EncTGSRepPart,
 *                                   -- as appropriate
 *   }
 * §5.3
 *   Ticket          ::= [APPLICATION 1] SEQUENCE {
 *           tkt-vno         [0] INTEGER (5),
 *           realm           [1] Realm,
 *           sname           [2] PrincipalName,
 *           enc-part        [3] EncryptedData -- EncTicketPart
 *   }                                                                          */
function decodeKdcRep(seq: DerNode, msgType: number): KdcRep {
  const f = taggedFields(seq, 'KDC-REP');
  expectInteger(required(f, 0, 'KDC-REP pvno', seq.start), 5, 'pvno');
  expectInteger(required(f, 1, 'KDC-REP msg-type', seq.start), msgType, 'msg-type');
  const ticketApp = required(f, 5, 'KDC-REP ticket', seq.start);
  if (ticketApp.cls !== CLASS_APPLICATION || ticketApp.tag !== 1) throw new DecodeError(ticketApp.start, 'Ticket: expected [APPLICATION 1]');
  const ticketSeq = expectNode(ticketApp.body, ticketApp.depth + 1, CLASS_UNIVERSAL, TAG_SEQUENCE, 'Ticket');
  const t = taggedFields(ticketSeq, 'Ticket');
  return {
    type: msgType === MSG_AS_REP ? 'as-rep' : 'tgs-rep',
    crealm: text(required(f, 3, 'KDC-REP crealm', seq.start)),
    cname: decodePrincipalName(required(f, 4, 'KDC-REP cname', seq.start)),
    ticketRealm: text(required(t, 1, 'Ticket realm', ticketSeq.start)),
    ticketSname: decodePrincipalName(required(t, 2, 'Ticket sname', ticketSeq.start)),
  };
}

/* RFC 4120 §5.9.1
 *   KRB-ERROR       ::= [APPLICATION 30] SEQUENCE {
 *           pvno            [0] INTEGER (5),
 *           msg-type        [1] INTEGER (30),
 *           ctime           [2] KerberosTime OPTIONAL,
 *           cusec           [3] Microseconds OPTIONAL,
 *           stime           [4] KerberosTime,
 *           susec           [5] Microseconds,
 *           error-code      [6] Int32,
 *           crealm          [7] Realm OPTIONAL,
 *           cname           [8] PrincipalName OPTIONAL,
 *           realm           [9] Realm -- service realm --,
 *           sname           [10] PrincipalName -- service name --,
 *           e-text          [11] KerberosString OPTIONAL,
 *           e-data          [12] OCTET STRING OPTIONAL
 *   }                                                                          */
function decodeKrbError(seq: DerNode): KrbError {
  const f = taggedFields(seq, 'KRB-ERROR');
  expectInteger(required(f, 0, 'KRB-ERROR pvno', seq.start), 5, 'pvno');
  expectInteger(required(f, 1, 'KRB-ERROR msg-type', seq.start), MSG_KRB_ERROR, 'msg-type');
  const crealm = f.get(7);
  const cname = f.get(8);
  const sname = f.get(10);
  return {
    type: 'error',
    errorCode: integer(required(f, 6, 'KRB-ERROR error-code', seq.start)),
    stime: kerberosTime(required(f, 4, 'KRB-ERROR stime', seq.start)),
    crealm: crealm ? text(crealm) : null,
    cname: cname ? decodePrincipalName(cname) : null,
    realm: text(required(f, 9, 'KRB-ERROR realm', seq.start)),
    sname: sname ? decodePrincipalName(sname) : null,
  };
}

/** Decodes one whole Kerberos message (a UDP payload or one TCP record). Throws DecodeError. */
export function decodeKerberosMessage(buf: Buffer): KerberosMessage {
  const c = new Cursor(buf);
  const app = readNode(c, 0);
  if (app.cls !== CLASS_APPLICATION || !app.constructed) throw new DecodeError(app.start, 'not a Kerberos message (no APPLICATION tag)');
  const msgType = app.tag;
  if (![MSG_AS_REQ, MSG_AS_REP, MSG_TGS_REQ, MSG_TGS_REP, MSG_KRB_ERROR].includes(msgType)) return { type: 'other', msgType };
  const seq = expectNode(app.body, 1, CLASS_UNIVERSAL, TAG_SEQUENCE, `Kerberos message ${msgType}`);
  if (msgType === MSG_AS_REQ || msgType === MSG_TGS_REQ) return decodeKdcReq(seq, msgType);
  if (msgType === MSG_AS_REP || msgType === MSG_TGS_REP) return decodeKdcRep(seq, msgType);
  return decodeKrbError(seq);
}
