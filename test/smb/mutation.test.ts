/**
 * Hostile input on real traffic: corpus SMB connections with bytes flipped, segments cut short or
 * dropped (a gap) at deterministic pseudo-random places. Whatever arrives, the SMB and DCE/RPC
 * layers count decode errors and go on: no exception escapes a StreamDissector.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SmbConnection } from '../../main/protocols/smb/connection.ts';
import { epmInterface } from '../../main/protocols/dcerpc/epm.ts';
import { corpus, tcpStreams, type TcpStream } from '../dcerpc/support/tshark-streams.ts';
import { recordingContext } from '../dcerpc/support/fake-context.ts';
import { RecordingInterfaces } from '../dcerpc/support/drive.ts';

/** A small deterministic PRNG (mulberry32), so that a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function replay(s: TcpStream, seed: number): { errors: number; calls: number } {
  const rnd = prng(seed);
  const ctx = recordingContext();
  const interfaces = new RecordingInterfaces([epmInterface]);
  const c = new SmbConnection({ transport: 'tcp', clientIp: s.clientIp, clientPort: s.clientPort, serverIp: s.serverIp, serverPort: s.serverPort }, ctx, interfaces);
  for (const seg of s.segments) {
    const r = rnd();
    const meta = { frame: seg.frame, ts: seg.ts };
    if (r < 0.03) {
      c.onGap(seg.fromClient, seg.data.length, meta);
      continue;
    }
    const data = Buffer.from(seg.data);
    if (r < 0.25) for (let i = 0; i < 3; i++) data[Math.floor(rnd() * data.length)] = Math.floor(rnd() * 256);
    else if (r < 0.3) data.fill(0xff, Math.floor(rnd() * data.length));
    c.onData(seg.fromClient, r < 0.35 ? data.subarray(0, Math.floor(rnd() * data.length)) : data, meta);
  }
  c.onEnd(null);
  return { errors: ctx.decodeErrors.length, calls: interfaces.calls.length };
}

for (const name of ['zeek/20-fids.pcap', 'suricata-verify/20171220_smb_net_user.pcap', 'samr-enum-lab/sharphound_domain_z.pcapng']) {
  test(`mutated, cut and gapped SMB traffic never throws: ${name}`, () => {
    const streams = tcpStreams(corpus(name), [445]);
    let errors = 0;
    for (let seed = 1; seed <= 12; seed++) for (const s of streams) errors += replay(s, seed).errors;
    // The mutations did land somewhere that a decoder noticed.
    assert.ok(errors > 0);
  });
}
