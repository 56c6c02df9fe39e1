/**
 * DCE/RPC over TCP: the endpoint mapper port 135 and the dynamic ports it hands out (dynamicTcp).
 * Over SMB, named pipes carry the same PDUs (main/protocols/smb).
 */
import type { ProtocolModule } from '../../engine/dissector.ts';
import { RPC_INTERFACES } from './interfaces.ts';
import { RpcConnection } from './connection.ts';

export const dcerpcTcpModule: ProtocolModule = {
  name: 'dcerpc',
  tcpPorts: [135],
  udpPorts: [],
  dynamicTcp: 'dcerpc',
  openStream(conv, ctx) {
    const rpc = new RpcConnection(
      {
        clientIp: conv.clientIp,
        serverIp: conv.serverIp,
        transport: 'tcp',
        pipe: null,
        user: { name: null, domain: null, source: 'unknown' },
      },
      ctx,
      RPC_INTERFACES,
    );
    return {
      onData: (fromClient, data, meta) => rpc.onData(fromClient, data, meta),
      onGap: (fromClient) => rpc.onGap(fromClient),
      onEnd: () => rpc.end(),
    };
  },
};
