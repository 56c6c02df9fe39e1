/**
 * SAMR (MS-SAMR, interface 12345778-1234-abcd-ef00-0123456789ac v1.0) above the DCE/RPC seam: every
 * call becomes a SamrCallActivity (plumbing too, with queryClass null), so that evidence shows the
 * whole conversation (Connect, OpenDomain, LookupNames, OpenGroup, GetMembersInGroup ...).
 */
import type { RpcInterfaceModule } from '../dcerpc/interface.ts';
import { SamrAssociationState } from './association.ts';
import { samrCallActivity } from './call.ts';

export const SAMR_UUID = '12345778-1234-abcd-ef00-0123456789ac';

export const samrInterface: RpcInterfaceModule = {
  name: 'samr',
  uuid: SAMR_UUID,
  open() {
    const state = new SamrAssociationState();
    return {
      onCall(call, ctx) {
        ctx.emit(samrCallActivity(call, state, ctx));
      },
    };
  },
};
