/** RPC interfaces decoded above the DCE/RPC layer, by interface UUID. */
import type { RpcInterfaceModule } from './interface.ts';
import { srvsvcInterface } from '../srvsvc/index.ts';
import { samrInterface } from '../samr/index.ts';
import { epmInterface } from './epm.ts';

export const RPC_INTERFACES: ReadonlyMap<string, RpcInterfaceModule> = new Map(
  [srvsvcInterface, samrInterface, epmInterface].map((m) => [m.uuid, m]),
);
