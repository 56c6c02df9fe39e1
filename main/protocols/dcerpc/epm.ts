/**
 * The endpoint mapper (EPM, C706 Appendix O / MS-RPCE §2.2.1.2): ept_map answers say on which TCP
 * port of which host an interface listens. Those ports carry DCE/RPC from then on, so the flow
 * layer is told (ctx.learnRpcPort) and hands their connections to dcerpcTcpModule.
 */
import { Cursor, DecodeError } from '../../util/cursor.ts';
import type { RpcAssociation, RpcCall, RpcInterfaceHandler, RpcInterfaceModule } from './interface.ts';
import type { DissectorContext } from '../../engine/dissector.ts';

export const EPM_UUID = 'e1af8308-5d1f-11c9-91a4-08002b14a0fa';
const OPNUM_EPT_MAP = 3;
/* C706 Appendix O: [in, range(0, 500)] unsigned32 max_towers. */
const MAX_TOWERS = 500;

export interface TowerEndpoint {
  tcpPort: number | null;
  ip: string | null;
}

/* C706 Appendix L (protocol towers), tower_octet_string:
 *   u_int16 floor_count (little-endian);
 *   floor[floor_count]: u_int16 lhs_length; byte lhs[lhs_length] (lhs[0] = protocol identifier);
 *                       u_int16 rhs_length; byte rhs[rhs_length];
 * Protocol identifiers: 0x07 DOD TCP, rhs = port (u_int16 big-endian); 0x09 DOD IP, rhs = IPv4.  */
export function decodeTower(octets: Buffer): TowerEndpoint {
  const c = new Cursor(octets);
  const floors = c.u16(true);
  let tcpPort: number | null = null;
  let ip: string | null = null;
  for (let i = 0; i < floors; i++) {
    const lhs = c.bytes(c.u16(true));
    const rhs = c.bytes(c.u16(true));
    const protocol = lhs[0];
    if (protocol === 0x07 && rhs.length >= 2) tcpPort = rhs.readUInt16BE(0);
    if (protocol === 0x09 && rhs.length >= 4) ip = `${rhs[0]}.${rhs[1]}.${rhs[2]}.${rhs[3]}`;
  }
  return { tcpPort, ip };
}

/* C706 Appendix O, ept_map response:
 *   [in, out] ept_lookup_handle_t *entry_handle;       -- context handle, 20 octets
 *   [out] unsigned32 *num_towers;
 *   [out, ptr, size_is(max_towers), length_is(*num_towers)] twr_p_t towers[];
 *   [out] error_status_t *status;
 * twr_t: { unsigned32 tower_length; [size_is(tower_length)] byte tower_octet_string[]; }
 * NDR (C706 §14) puts the array's max_count/offset/actual_count, then the pointers, then each
 * pointed-to tower (its conformance first); NDR64 (MS-RPCE §2.2.5) widens counts and pointers to
 * 8 octets, aligned to 8.                                                                      */
export function decodeEptMapResponse(stub: Buffer, le: boolean, ndr64: boolean): TowerEndpoint[] {
  const c = new Cursor(stub);
  const wide = (): number => {
    if (ndr64) {
      c.align(8);
      return c.u64(le);
    }
    c.align(4);
    return c.u32(le);
  };
  c.skip(20);
  c.align(4);
  c.u32(le); // num_towers: the varying array's actual_count says the same
  const max = wide();
  const offset = wide();
  const actual = wide();
  if (actual > MAX_TOWERS || actual > max || offset > max) throw new DecodeError(c.pos, `ept_map towers ${offset}+${actual} of ${max}`);
  const present: boolean[] = [];
  for (let i = 0; i < actual; i++) present.push(wide() !== 0);
  const out: TowerEndpoint[] = [];
  for (const p of present) {
    if (!p) continue;
    const conformance = wide();
    c.align(4);
    const length = c.u32(le);
    if (length !== conformance) throw new DecodeError(c.pos, `tower_length ${length} != conformance ${conformance}`);
    out.push(decodeTower(c.bytes(length)));
  }
  c.align(4);
  c.u32(le); // status: the whole response must be there, or the towers are suspect
  return out;
}

class EpmHandler implements RpcInterfaceHandler {
  constructor(private readonly assoc: RpcAssociation) {}

  onCall(call: RpcCall, ctx: DissectorContext): void {
    if (call.opnum !== OPNUM_EPT_MAP || !call.responseStub) return;
    for (const t of decodeEptMapResponse(call.responseStub, call.littleEndian, call.ndr64)) {
      if (t.tcpPort === null || t.tcpPort === 0) continue;
      // 0.0.0.0 in a tower means "the host you asked".
      const ip = t.ip === null || t.ip === '0.0.0.0' ? this.assoc.serverIp : t.ip;
      ctx.learnRpcPort(ip, t.tcpPort);
    }
  }
}

export const epmInterface: RpcInterfaceModule = {
  name: 'epm',
  uuid: EPM_UUID,
  open: (assoc) => new EpmHandler(assoc),
};
