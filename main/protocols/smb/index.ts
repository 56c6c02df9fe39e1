/** SMB over direct TCP (445) and the NetBIOS session service (139). */
import type { ProtocolModule } from '../../engine/dissector.ts';
import { RPC_INTERFACES } from '../dcerpc/interfaces.ts';
import { SmbConnection } from './connection.ts';

export const smbModule: ProtocolModule = {
  name: 'smb',
  tcpPorts: [445, 139],
  udpPorts: [],
  openStream: (conv, ctx) => new SmbConnection(conv, ctx, RPC_INTERFACES),
};
