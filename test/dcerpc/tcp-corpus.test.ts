/**
 * DCE/RPC over TCP on corpus captures (EPM on 135, NETLOGON on a port EPM handed out), compared
 * with tshark: binds (call id, context ids, interface UUIDs), every REQUEST/RESPONSE/FAULT PDU
 * (type, call id, context id, opnum, auth level), and the ports ept_map answers hand out.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RpcConnection, type RpcObserver } from '../../main/protocols/dcerpc/connection.ts';
import { epmInterface } from '../../main/protocols/dcerpc/epm.ts';
import { corpus, tcpStreams, tsharkFacts, type TcpStream } from './support/tshark-streams.ts';
import { recordingContext } from './support/fake-context.ts';
import { drive, RecordingInterfaces } from './support/drive.ts';

/** tshark aggregates the fields of several PDUs in one frame with commas: one row per PDU. */
function expand(rows: Record<string, string | number>[], fields: string[]): string[] {
  const out: string[] = [];
  for (const r of rows) {
    const cols = fields.map((f) => String(r[f] ?? '').split(','));
    const n = Math.max(...cols.map((c) => c.length));
    for (let i = 0; i < n; i++) out.push([r['frame'], ...cols.map((c) => c[i] ?? c[0])].join(' '));
  }
  return out.sort();
}

function runTcp(file: string) {
  const ctx = recordingContext();
  const interfaces = new RecordingInterfaces([epmInterface]);
  const binds: string[] = [];
  const pdus: string[] = [];
  const observer: RpcObserver = {
    bind: (e) => e.contexts.forEach((c) => binds.push(`${e.frame} ${e.callId} ${c.contextId} ${c.abstract.uuid}`)),
    pdu: (e) => pdus.push(`${e.frame} ${e.ptype} ${e.callId} ${e.contextId} ${e.opnum ?? ''} ${e.authLevel || ''}`),
  };
  // Port 135 plus the dynamic ports an EPM answer in the same capture hands out (the flow layer's job).
  const all = tcpStreams(file);
  const rpcStreams = all.filter((s: TcpStream) => s.serverPort === 135 || s.serverPort > 1024);
  drive(rpcStreams, (s) => {
    const rpc = new RpcConnection(
      { clientIp: s.clientIp, serverIp: s.serverIp, transport: 'tcp', pipe: null, user: { name: null, domain: null, source: 'unknown' } },
      ctx, interfaces, observer,
    );
    return { onData: (f, d, m) => rpc.onData(f, d, m), onGap: (f) => rpc.onGap(f), onEnd: () => rpc.end() };
  });
  return { ctx, interfaces, binds: binds.sort(), pdus: pdus.sort() };
}

for (const name of ['samr-enum-lab/metasploit_smb_enumusers.pcapng', 'samr-enum-lab/rpcclient_enumdomusers.pcapng', 'samr-enum-lab/samr-enum.py_users.pcapng', 'samr-enum-lab/python.exe_crackmapexec_users.pcapng']) {
  test(`DCE/RPC over TCP equals tshark: ${name}`, () => {
    const file = corpus(name);
    const r = runTcp(file);
    const facts = tsharkFacts(file, 'dcerpc');
    // Only PDUs on TCP streams (not SMB pipes) are compared: SMB-carried ones are tested in test/smb.
    const smbFrames = new Set(tcpStreams(file, [445, 139]).flatMap((s) => s.segments.map((g) => g.frame)));
    const tcpFacts = facts.filter((f) => !smbFrames.has(Number(f['frame'])));
    const bindFacts = tcpFacts.filter((f) => f['kind'] === 'dcerpc-bind');
    assert.ok(bindFacts.length > 0 || name.includes('crackmapexec'));
    assert.deepEqual(r.binds, expand(bindFacts, ['cn_call_id', 'cn_ctx_id', 'cn_bind_to_uuid']));
    const callFacts = tcpFacts.filter((f) => f['kind'] === 'dcerpc-call');
    assert.deepEqual(r.pdus, expand(callFacts, ['pkt_type', 'cn_call_id', 'cn_ctx_id', 'opnum', 'auth_level']));
    const sealedPdus = expand(callFacts, ['auth_level']).filter((l) => l.endsWith(' 6')).length;
    const blind = [...r.ctx.blindSpots].filter(([k]) => k.startsWith('rpcEncrypted ')).reduce((n, [, v]) => n + v, 0);
    assert.equal(blind, sealedPdus, 'rpcEncrypted PDUs');
    assert.equal(r.ctx.decodeErrors.length, 0, JSON.stringify(r.ctx.decodeErrors));
  });
}

test('ept_map answers hand out NETLOGON ports (equal to tshark epm.proto.tcp_port)', () => {
  const r = runTcp(corpus('samr-enum-lab/rpcclient_enumdomusers.pcapng'));
  assert.deepEqual(r.ctx.rpcPorts.sort(), ['192.168.11.11:49664', '192.168.11.11:49668', '192.168.11.11:53000']);
  const epmCalls = r.interfaces.calls.filter((c) => c.interfaceUuid === epmInterface.uuid);
  assert.deepEqual(epmCalls.map((c) => c.opnum), [3]);
});
