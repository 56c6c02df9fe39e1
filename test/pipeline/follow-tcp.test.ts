/**
 * The bytes the flow layer delivers to a dissector equal tshark's `-z follow,tcp,raw` (the decoder
 * of record) for every TCP stream on ports of interest in a few corpus captures (SMB, Kerberos over
 * TCP with segmentation offload, SAMR over SMB).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readCapture } from '../../main/capture/reader.ts';
import { PacketDecoder } from '../../main/net/decode.ts';
import { FlowTable } from '../../main/flow/flow-table.ts';
import { SkipCounter } from '../../main/capture/types.ts';
import { EngineContext } from '../../main/pipeline/context.ts';
import { corpusPath } from '../helpers/paths.ts';
import { recordingModule, type Recorded } from '../helpers/recording-module.ts';

const missing = spawnSync('tshark', ['-v'], { stdio: 'ignore' }).error ? 'tshark not installed' : false;
if (missing) console.log(`# skipped: ${missing}`);

const FILES = ['suricata-verify/20171220_smb_net_user.pcap', 'zeek/kerberos_tso.pcapng', 'samr-enum-lab/rpcclient_enumdomusers.pcapng', 'zeek/smb3.pcap'];

interface Followed {
  node0: string;
  fromNode0: Buffer;
  fromNode1: Buffer;
}

function follow(file: string, stream: number): Followed | null {
  const out = execFileSync('tshark', ['-n', '-r', file, '-q', '-z', `follow,tcp,raw,${stream}`], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'ignore'] });
  const node0 = /Node 0: (\S+)/.exec(out)?.[1];
  if (!node0 || node0.startsWith(':')) return null;
  const a: string[] = [];
  const b: string[] = [];
  for (const line of out.split('\n')) {
    if (/^\t[0-9a-f]+$/.test(line)) b.push(line.slice(1));
    else if (/^[0-9a-f]+$/.test(line)) a.push(line);
  }
  return { node0, fromNode0: Buffer.from(a.join(''), 'hex'), fromNode1: Buffer.from(b.join(''), 'hex') };
}

async function ours(file: string): Promise<Recorded[]> {
  const m = recordingModule({ tcpPorts: [88, 445, 139, 135] });
  const ctx = new EngineContext({ roles: [], names: [] });
  const flows = new FlowTable([m], ctx);
  const dec = new PacketDecoder(new SkipCounter());
  await readCapture(file, {
    onPacket: (pkt) => {
      const p = dec.decode(pkt);
      if (p && p.proto === 6) flows.handle(p, pkt.frame, pkt.ts);
    },
  });
  flows.endAll(null);
  return m.opened;
}

for (const rel of FILES) {
  test(`delivered bytes equal tshark follow,tcp,raw: ${rel}`, { skip: missing }, async () => {
    const file = corpusPath(rel);
    const convs = await ours(file);
    assert.ok(convs.length > 0);
    let compared = 0;
    for (let stream = 0; stream < 12; stream++) {
      const f = follow(file, stream);
      if (!f) break;
      const [ip, port] = [f.node0.slice(0, f.node0.lastIndexOf(':')), Number(f.node0.slice(f.node0.lastIndexOf(':') + 1))];
      const conv = convs.find((c) => (c.conv.clientIp === ip && c.conv.clientPort === port) || (c.conv.serverIp === ip && c.conv.serverPort === port));
      if (!conv) continue; // a stream on a port we do not dissect
      const node0IsClient = conv.conv.clientIp === ip && conv.conv.clientPort === port;
      const client = Buffer.concat(conv.client);
      const server = Buffer.concat(conv.server);
      assert.ok((node0IsClient ? client : server).equals(f.fromNode0), `${rel} stream ${stream}: node 0 bytes (${f.fromNode0.length} expected)`);
      assert.ok((node0IsClient ? server : client).equals(f.fromNode1), `${rel} stream ${stream}: node 1 bytes (${f.fromNode1.length} expected)`);
      compared++;
    }
    assert.ok(compared > 0, 'no stream compared');
  });
}
