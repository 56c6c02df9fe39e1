/**
 * Runs a corpus capture's SMB connections (445, 139) through SmbConnection, recording what the
 * RPC layer sees, in the shape tshark-facts prints it.
 */
import { SmbConnection } from '../../main/protocols/smb/connection.ts';
import { epmInterface } from '../../main/protocols/dcerpc/epm.ts';
import type { RpcObserver } from '../../main/protocols/dcerpc/connection.ts';
import { tcpStreams } from '../dcerpc/support/tshark-streams.ts';
import { recordingContext } from '../dcerpc/support/fake-context.ts';
import { drive, RecordingInterfaces } from '../dcerpc/support/drive.ts';

export function runSmb(file: string) {
  const ctx = recordingContext();
  const interfaces = new RecordingInterfaces([epmInterface]);
  const binds: string[] = [];
  const pdus: string[] = [];
  const rpcAuths: string[] = [];
  const observer: RpcObserver = {
    bind: (e) => e.contexts.forEach((c) => binds.push(`${e.frame} ${e.callId} ${c.contextId} ${c.abstract.uuid}`)),
    pdu: (e) => pdus.push(`${e.frame} ${e.ptype} ${e.callId} ${e.contextId} ${e.opnum ?? ''} ${e.authLevel || ''}`),
    auth: (e) => rpcAuths.push(`${e.domain || 'NULL'} ${e.user || 'NULL'}`),
  };
  const streams = tcpStreams(file, [445, 139]);
  const connections: SmbConnection[] = [];
  drive(streams, (s) => {
    const conn = new SmbConnection(
      { transport: 'tcp', clientIp: s.clientIp, clientPort: s.clientPort, serverIp: s.serverIp, serverPort: s.serverPort },
      ctx, interfaces, observer,
    );
    connections.push(conn);
    return conn;
  });
  const smbFrames = new Set(streams.flatMap((s) => s.segments.map((g) => g.frame)));
  return { ctx, interfaces, binds: binds.sort(), pdus: pdus.sort(), rpcAuths, connections, smbFrames };
}

/** tshark aggregates the fields of several PDUs in one frame with commas: one row per PDU. */
export function expand(rows: Record<string, string | number>[], fields: string[]): string[] {
  const out: string[] = [];
  for (const r of rows) {
    const cols = fields.map((f) => String(r[f] ?? '').split(','));
    const n = Math.max(...cols.map((c) => c.length));
    for (let i = 0; i < n; i++) out.push([r['frame'], ...cols.map((c) => c[i] ?? c[0])].join(' '));
  }
  return out.sort();
}
