/**
 * DCE/RPC FAULT statuses (C706 Appendix E, MS-RPCE 2.2.2.12 / 3.1.1.5.5): the status an interface
 * reports for a call that faulted instead of answering. Windows sends Win32 codes here too (5).
 */
export const RPC_FAULT_NAMES: ReadonlyMap<number, string> = new Map([
  [0x5, 'ACCESS_DENIED'],
  [0x6f7, 'RPC_X_BAD_STUB_DATA'],
  [0x1c010002, 'nca_s_op_rng_error'],
  [0x1c010003, 'nca_s_unk_if'],
  [0x1c00001c, 'nca_s_fault_remote_no_memory'],
  [0x1c000011, 'nca_s_fault_ndr'],
  [0x1c000012, 'nca_s_fault_cant_perform'],
  [0x1c010013, 'nca_s_proto_error'],
  [0x1c010014, 'nca_s_fault_context_mismatch'],
]);

export function rpcFaultName(status: number): string {
  return `fault ${RPC_FAULT_NAMES.get(status) ?? `0x${status.toString(16).padStart(8, '0')}`}`;
}
