/**
 * DCE/RPC connection-oriented PDUs: the common header, the authentication trailer, and the bodies
 * of REQUEST / RESPONSE / FAULT. Binds live in bind.ts.
 */
import { Cursor, DecodeError } from '../../util/cursor.ts';

/* C706 §12.6.1 / MS-RPCE §2.2.2.1, rpcconn_common_hdr_t (16 bytes):
 *   u_int8 rpc_vers = 5; u_int8 rpc_vers_minor = 0 | 1; u_int8 PTYPE; u_int8 pfc_flags;
 *   byte packed_drep[4];      -- drep[0] >> 4: 0 big-endian, 1 little-endian
 *   u_int16 frag_length; u_int16 auth_length; u_int32 call_id;                            */
export interface RpcHeader {
  ptype: number;
  flags: number;
  le: boolean;
  fragLength: number;
  authLength: number;
  callId: number;
}

export const RPC_HEADER_LENGTH = 16;

/* C706 §12.6.3.1 PTYPE values, plus MS-RPCE §2.2.2.1 additions. */
export const PTYPE = {
  request: 0,
  response: 2,
  fault: 3,
  bind: 11,
  bindAck: 12,
  bindNak: 13,
  alterContext: 14,
  alterContextResp: 15,
  auth3: 16,
  shutdown: 17,
  coCancel: 18,
  orphaned: 19,
} as const;
const KNOWN_PTYPES: ReadonlySet<number> = new Set(Object.values(PTYPE));

/* C706 §12.6.3.1 pfc_flags. */
export const PFC_FIRST_FRAG = 0x01;
export const PFC_LAST_FRAG = 0x02;
export const PFC_OBJECT_UUID = 0x80;

export function decodeRpcHeader(c: Cursor): RpcHeader {
  const at = c.pos;
  const vers = c.u8();
  const minor = c.u8();
  if (vers !== 5 || minor > 1) throw new DecodeError(at, `rpc version ${vers}.${minor}`);
  const ptype = c.u8();
  if (!KNOWN_PTYPES.has(ptype)) throw new DecodeError(at + 2, `PTYPE ${ptype}`);
  const flags = c.u8();
  const drep0 = c.u8();
  c.skip(3);
  const le = drep0 >> 4 === 1;
  const fragLength = c.u16(le);
  const authLength = c.u16(le);
  const callId = c.u32(le);
  if (fragLength < RPC_HEADER_LENGTH) throw new DecodeError(at + 8, `frag_length ${fragLength} < 16`);
  if (authLength > 0 && authLength + 8 > fragLength - RPC_HEADER_LENGTH) {
    throw new DecodeError(at + 10, `auth_length ${authLength} does not fit frag_length ${fragLength}`);
  }
  return { ptype, flags, le, fragLength, authLength, callId };
}

/* C706 §13.2.6.1 / MS-RPCE §2.2.2.11, sec_trailer (8 bytes, 4-aligned, right before auth_value):
 *   u_int8 auth_type; u_int8 auth_level; u_int8 auth_pad_length; u_int8 auth_reserved;
 *   u_int32 auth_context_id;
 * MS-RPCE §2.2.1.1.8 auth_level: 1 none, 2 connect, 3 call, 4 pkt, 5 integrity, 6 privacy.       */
export interface SecTrailer {
  authType: number;
  authLevel: number;
  padLength: number;
  contextId: number;
}
export const AUTH_LEVEL_PRIVACY = 6;

/** The body of a PDU (after its fixed fields) without auth padding, trailer and verifier. */
export interface PduBody {
  /** Offset in the PDU where the auth pad starts (= end of the stub). */
  bodyEnd: number;
  auth: SecTrailer | null;
}

/** Body decoders read up to frag_length: the buffer must hold the whole PDU (the framer ensures it). */
export function wholePdu(pdu: Buffer, h: RpcHeader): void {
  if (pdu.length < h.fragLength) throw new DecodeError(pdu.length, `PDU cut at ${pdu.length} of frag_length ${h.fragLength}`);
}

/** Locate the sec_trailer from the end of the PDU (auth_length counts only auth_value). */
export function splitAuth(pdu: Buffer, h: RpcHeader, bodyStart: number): PduBody {
  wholePdu(pdu, h);
  if (h.authLength === 0) return { bodyEnd: h.fragLength, auth: null };
  const trailerAt = h.fragLength - h.authLength - 8;
  if (trailerAt < bodyStart) throw new DecodeError(trailerAt, `sec_trailer at ${trailerAt} overlaps the body`);
  const c = new Cursor(pdu, trailerAt, h.fragLength);
  const authType = c.u8();
  const authLevel = c.u8();
  const padLength = c.u8();
  c.skip(1);
  const contextId = c.u32(h.le);
  // A pad longer than the body is hostile or damaged: clamp rather than read before the body.
  const bodyEnd = Math.max(bodyStart, trailerAt - padLength);
  return { bodyEnd, auth: { authType, authLevel, padLength, contextId } };
}

/* C706 §12.6.4.9 rpcconn_request_hdr_t, after the common header:
 *   u_int32 alloc_hint; p_context_id_t p_cont_id (u_int16); u_int16 opnum;
 *   uuid_t object;            -- only when PFC_OBJECT_UUID is set
 *   stub data, 8-octet aligned; then optional auth_verifier.                              */
export interface RequestPdu {
  allocHint: number;
  contextId: number;
  opnum: number;
  stub: Buffer;
  auth: SecTrailer | null;
}

export function decodeRequest(pdu: Buffer, h: RpcHeader): RequestPdu {
  wholePdu(pdu, h);
  const c = new Cursor(pdu, RPC_HEADER_LENGTH, h.fragLength);
  const allocHint = c.u32(h.le);
  const contextId = c.u16(h.le);
  const opnum = c.u16(h.le);
  if (h.flags & PFC_OBJECT_UUID) c.skip(16);
  const { bodyEnd, auth } = splitAuth(pdu, h, c.pos);
  return { allocHint, contextId, opnum, stub: pdu.subarray(c.pos, bodyEnd), auth };
}

/* C706 §12.6.4.10 rpcconn_response_hdr_t:
 *   u_int32 alloc_hint; p_context_id_t p_cont_id; u_int8 cancel_count; u_int8 reserved;
 *   stub data; optional auth_verifier.                                                     */
export interface ResponsePdu {
  allocHint: number;
  contextId: number;
  stub: Buffer;
  auth: SecTrailer | null;
}

export function decodeResponse(pdu: Buffer, h: RpcHeader): ResponsePdu {
  wholePdu(pdu, h);
  const c = new Cursor(pdu, RPC_HEADER_LENGTH, h.fragLength);
  const allocHint = c.u32(h.le);
  const contextId = c.u16(h.le);
  c.skip(2);
  const { bodyEnd, auth } = splitAuth(pdu, h, c.pos);
  return { allocHint, contextId, stub: pdu.subarray(c.pos, bodyEnd), auth };
}

/* C706 §12.6.4.7 rpcconn_fault_hdr_t:
 *   u_int32 alloc_hint; p_context_id_t p_cont_id; u_int8 cancel_count; u_int8 reserved;
 *   u_int32 status;           -- nca_s_* / Win32 error                                    */
export interface FaultPdu {
  contextId: number;
  status: number;
  auth: SecTrailer | null;
}

export function decodeFault(pdu: Buffer, h: RpcHeader): FaultPdu {
  wholePdu(pdu, h);
  const c = new Cursor(pdu, RPC_HEADER_LENGTH, h.fragLength);
  c.skip(4);
  const contextId = c.u16(h.le);
  c.skip(2);
  const status = c.u32(h.le);
  return { contextId, status, auth: splitAuth(pdu, h, c.pos).auth };
}

/** The auth level carried by a bind / alter_context (its sec_trailer), or 0 when absent. */
export function authLevelOf(pdu: Buffer, h: RpcHeader, bodyStart: number): number {
  return splitAuth(pdu, h, bodyStart).auth?.authLevel ?? 0;
}
