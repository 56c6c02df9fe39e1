/**
 * Presentation context negotiation: BIND / ALTER_CONTEXT and their acknowledgements.
 */
import { Cursor, DecodeError } from '../../util/cursor.ts';
import { readUuid } from './uuid.ts';
import { RPC_HEADER_LENGTH, wholePdu, type RpcHeader } from './pdu.ts';

/** A context list is a u_int8 count: no allocation can exceed 255 entries. */
export interface SyntaxId {
  uuid: string;
  /** Major version (low 16 bits of the u_int32 version), as tshark's cn_bind_if_ver. */
  version: number;
  minor: number;
}

export interface ContextElement {
  contextId: number;
  abstract: SyntaxId;
  transfers: SyntaxId[];
}

/* C706 §12.6.3.1 (p_syntax_id_t): uuid_t if_uuid; u_int32 if_version (major in the low 16 bits). */
function readSyntax(c: Cursor, le: boolean): SyntaxId {
  const uuid = readUuid(c, le);
  const v = c.u32(le);
  return { uuid, version: v & 0xffff, minor: v >>> 16 };
}

/* C706 §12.6.4.3 rpcconn_bind_hdr_t (alter_context §12.6.4.1 has the same layout):
 *   u_int16 max_xmit_frag; u_int16 max_recv_frag; u_int32 assoc_group_id;
 *   p_cont_list_t p_context_elem:
 *     u_int8 n_context_elem; u_int8 reserved; u_int16 reserved2;
 *     p_cont_elem_t [n_context_elem]:
 *       p_context_id_t p_cont_id (u_int16); u_int8 n_transfer_syn; u_int8 reserved;
 *       p_syntax_id_t abstract_syntax; p_syntax_id_t transfer_syntaxes[n_transfer_syn];
 *   optional auth_verifier.                                                                */
export interface BindPdu {
  assocGroupId: number;
  contexts: ContextElement[];
}

export function decodeBind(pdu: Buffer, h: RpcHeader): BindPdu {
  wholePdu(pdu, h);
  const c = new Cursor(pdu, RPC_HEADER_LENGTH, h.fragLength);
  c.skip(4);
  const assocGroupId = c.u32(h.le);
  const n = c.u8();
  c.skip(3);
  const contexts: ContextElement[] = [];
  for (let i = 0; i < n; i++) {
    const contextId = c.u16(h.le);
    const nTransfer = c.u8();
    c.skip(1);
    const abstract = readSyntax(c, h.le);
    const transfers: SyntaxId[] = [];
    for (let t = 0; t < nTransfer; t++) transfers.push(readSyntax(c, h.le));
    contexts.push({ contextId, abstract, transfers });
  }
  return { assocGroupId, contexts };
}

/* C706 §12.6.4.4 rpcconn_bind_ack_hdr_t (alter_context_resp §12.6.4.2 likewise):
 *   u_int16 max_xmit_frag; u_int16 max_recv_frag; u_int32 assoc_group_id;
 *   port_any_t sec_addr: u_int16 length; char port_spec[length];
 *   u_int8 pad[align(4)];     -- relative to the start of the PDU
 *   p_result_list_t p_result_list:
 *     u_int8 n_results; u_int8 reserved; u_int16 reserved2;
 *     p_result_t [n_results]: p_cont_def_result_t result (u_int16: 0 acceptance,
 *       1 user_rejection, 2 provider_rejection, 3 negotiate_ack (MS-RPCE §2.2.2.4));
 *       p_provider_reason_t reason (u_int16); p_syntax_id_t transfer_syntax;
 * Results are positional: result i answers context element i of the bind.                 */
export interface ContextResult {
  result: number;
  reason: number;
  transfer: SyntaxId;
}
export const RESULT_ACCEPTANCE = 0;

export interface BindAckPdu {
  assocGroupId: number;
  secondaryAddress: string;
  results: ContextResult[];
}

export function decodeBindAck(pdu: Buffer, h: RpcHeader): BindAckPdu {
  wholePdu(pdu, h);
  const c = new Cursor(pdu, RPC_HEADER_LENGTH, h.fragLength);
  c.skip(4);
  const assocGroupId = c.u32(h.le);
  const addrLength = c.u16(h.le);
  if (addrLength > 256) throw new DecodeError(c.pos - 2, `sec_addr length ${addrLength}`);
  const secondaryAddress = c.bytes(addrLength).toString('latin1').replace(/\0+$/, '');
  c.align(4);
  const n = c.u8();
  c.skip(3);
  const results: ContextResult[] = [];
  for (let i = 0; i < n; i++) {
    const result = c.u16(h.le);
    const reason = c.u16(h.le);
    results.push({ result, reason, transfer: readSyntax(c, h.le) });
  }
  return { assocGroupId, secondaryAddress, results };
}
