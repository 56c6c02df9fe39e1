/**
 * Integration: corpus SMB captures through the real pipeline (capture reader, decoder, flow table,
 * TCP reassembly, smbModule / dcerpcTcpModule with the real RPC interface registry) into the memory
 * sink. The SAMR, SRVSVC and NETLOGON calls that reach interface handlers have tshark's opnums; the
 * capture's blind-spot counts equal tshark's encrypted frames and packet-privacy PDUs; ports handed
 * out by ept_map carry DCE/RPC.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFiles } from '../../main/pipeline/analyze.ts';
import type { ProtocolModule } from '../../main/engine/dissector.ts';
import { smbModule } from '../../main/protocols/smb/index.ts';
import { dcerpcTcpModule } from '../../main/protocols/dcerpc/index.ts';
import { SmbConnection } from '../../main/protocols/smb/connection.ts';
import { RpcConnection } from '../../main/protocols/dcerpc/connection.ts';
import { RPC_INTERFACES } from '../../main/protocols/dcerpc/interfaces.ts';
import { memorySink } from '../helpers/memory-sink.ts';
import { corpus, tcpStreams, tshark, tsharkFacts } from '../dcerpc/support/tshark-streams.ts';
import { RecordingInterfaces } from '../dcerpc/support/drive.ts';
import { expand } from './support.ts';

const SAMR = '12345778-1234-abcd-ef00-0123456789ac';
const SRVSVC = '4b324fc8-1670-01d3-1278-5a47bf6ee188';
const NETLOGON = '12345678-1234-abcd-ef00-01234567cffb';

/** The shipped modules, with a registry that records each call before the real handler runs. */
function recordingModules(interfaces: RecordingInterfaces): ProtocolModule[] {
  const smb: ProtocolModule = { ...smbModule, openStream: (conv, ctx) => new SmbConnection(conv, ctx, interfaces) };
  const rpc: ProtocolModule = {
    ...dcerpcTcpModule,
    openStream(conv, ctx) {
      const c = new RpcConnection({ clientIp: conv.clientIp, serverIp: conv.serverIp, transport: 'tcp', pipe: null, user: { name: null, domain: null, source: 'unknown' } }, ctx, interfaces);
      return { onData: (f, d, m) => c.onData(f, d, m), onGap: (f) => c.onGap(f), onEnd: () => c.end() };
    },
  };
  return [smb, rpc];
}

const requests = (file: string, what: string) =>
  tsharkFacts(file, what).filter((f) => f['pkt_type'] === 0).map((f) => Number(f['opnum'])).sort((a, b) => a - b);

for (const name of [
  'zeek/20-fids.pcap',
  'suricata-verify/20171220_smb_net_user.pcap',
  'samr-enum-lab/rpcclient_enumdomusers.pcapng',
  'samr-enum-lab/net.exe_user_administrator__domain.pcapng',
  'samr-enum-lab/sharphound_domain_z.pcapng',
  'samr-enum-lab/python.exe_crackmapexec_users.pcapng',
  'zeek/smb3.pcap',
]) {
  test(`through the pipeline, calls and blind spots equal tshark: ${name}`, async () => {
    const file = corpus(name);
    const interfaces = new RecordingInterfaces([...RPC_INTERFACES.values()]);
    const sink = memorySink();
    const r = await analyzeFiles([file], { sink, modules: recordingModules(interfaces), detectors: [] });
    assert.equal(r.captures[0]?.status, 'complete');
    const opnums = (uuid: string) => interfaces.calls.filter((c) => c.interfaceUuid === uuid).map((c) => c.opnum).sort((a, b) => a - b);
    assert.deepEqual(opnums(SAMR), requests(file, 'samr'), 'SAMR opnums');
    assert.deepEqual(opnums(SRVSVC), requests(file, 'srvsvc'), 'SRVSVC opnums');

    const calls = tsharkFacts(file, 'dcerpc').filter((f) => f['kind'] === 'dcerpc-call');
    // NETLOGON runs on a dynamic port: it is read only when an ept_map answer in the capture announced it.
    const mapped = tshark(file, ['-Y', 'epm.opnum == 3 && dcerpc.pkt_type == 2', '-T', 'fields', '-e', 'epm.proto.tcp_port']).split(/[\s,]+/).filter(Boolean).map(Number);
    const netlogonOnMapped = calls.filter((f) => f['pkt_type'] === 0 && mapped.length > 0).length > 0 && tsharkFacts(file, 'dcerpc').some((f) => f['kind'] === 'dcerpc-bind' && String(f['cn_bind_to_uuid']).includes(NETLOGON));
    const netlogonCalls = interfaces.calls.filter((c) => c.interfaceUuid === NETLOGON).length;
    assert.equal(netlogonCalls > 0, netlogonOnMapped, `NETLOGON calls ${netlogonCalls}, ept_map ports ${mapped.join(',')}`);

    const stats = sink.captures[0]!.stats!;
    // Only ports the engine reads: 445, 139, 135 and those ept_map announced.
    const read = new Set(tcpStreams(file, [445, 139, 135, ...mapped]).flatMap((st) => st.segments.map((g) => g.frame)));
    const sealed = expand(calls.filter((f) => read.has(Number(f['frame']))), ['auth_level']).filter((l) => l.endsWith(' 6')).length;
    assert.equal(stats.blindSpots.rpcEncryptedPdus, sealed, 'rpcEncryptedPdus');
    const encrypted = tsharkFacts(file, 'smb').filter((f) => f['kind'] === 'smb3-encrypted').length;
    assert.equal(stats.blindSpots.smb3EncryptedFrames, encrypted, 'smb3EncryptedFrames');
    const ours = Object.keys(stats.decodeErrors).filter((k) => /^(smb|smb1|smb2|nbss|dcerpc|epm)\b/.test(k));
    assert.deepEqual(ours, [], 'no SMB / DCE/RPC decode errors');
  });
}
