/**
 * Message decoders called directly: Kerberos (DER), DNS, DHCP, NetBIOS names and session request,
 * SMB1 and SMB2 headers and bodies, DCE/RPC PDUs, and the NDR decoders of SRVSVC, SAMR and EPM
 * (with huge conformance counts). Seeds are the messages the engine met in real captures.
 */
import { decodeKerberosMessage } from '../../../main/protocols/kerberos/messages.ts';
import { decodeDnsMessage } from '../../../main/protocols/dns/message.ts';
import { decodeDhcp } from '../../../main/protocols/naming/dhcp.ts';
import { decodeNetbiosName, decodeSessionRequest } from '../../../main/protocols/smb/netbios.ts';
import { decodeSmb1Header, smb1Blocks, readSmbString } from '../../../main/protocols/smb/smb1-header.ts';
import { decodeSmb2Header } from '../../../main/protocols/smb/smb2-header.ts';
import * as smb2 from '../../../main/protocols/smb/smb2-bodies.ts';
import { decodeNtlmAuthenticate, findNtlmAuthenticate } from '../../../main/protocols/smb/ntlmssp.ts';
import { decodeRpcHeader, decodeRequest, decodeResponse, decodeFault, splitAuth, PTYPE } from '../../../main/protocols/dcerpc/pdu.ts';
import { decodeBind, decodeBindAck } from '../../../main/protocols/dcerpc/bind.ts';
import { decodeEptMapResponse, decodeTower } from '../../../main/protocols/dcerpc/epm.ts';
import { decodeSessionEnumRequest, decodeSessionEnumResponse } from '../../../main/protocols/srvsvc/session-enum.ts';
import { decodeSamrRequest, SAMR_REQUEST_DECODERS } from '../../../main/protocols/samr/requests.ts';
import { decodeSamrResponse, SAMR_RESPONSE_DECODERS } from '../../../main/protocols/samr/responses.ts';
import { Cursor } from '../../../main/util/cursor.ts';
import { havoc, hugeCount, truncate } from '../mutate.ts';
import type { Rng } from '../rng.ts';
import type { Seeds } from '../seeds.ts';
import { typed, type Outcome, type Target } from './common.ts';

const KRB_RECORD = 4;
const NBSS = 4;

function udpOf(s: Seeds, name: string): Buffer[] {
  return (s.datagrams.get(name) ?? []).map((m) => m.data);
}
function streamMsgs(s: Seeds, name: string): Buffer[] {
  return (s.streams.get(name) ?? []).flat().map((m) => m.data);
}

/** Wrap in `depth` levels of constructed DER (deep nesting). */
function nest(b: Buffer, depth: number, r: Rng): Buffer {
  let out = b;
  for (let i = 0; i < depth; i++) {
    const tag = r.pick([0x30, 0xa0, 0xa1, 0x6a, 0x7e]);
    const len = out.length;
    const hdr = len < 128 ? Buffer.from([tag, len]) : Buffer.from([tag, 0x84, len >>> 24, (len >>> 16) & 0xff, (len >>> 8) & 0xff, len & 0xff]);
    out = Buffer.concat([hdr, out]);
  }
  return out;
}

/** A message target: pick a seed, mutate it, decode it; every 8th case also at every truncation. */
function messageTarget(name: string, seeds: (s: Seeds) => Buffer[], decode: (b: Buffer) => void, extra?: (b: Buffer, r: Rng) => Buffer): Target {
  return {
    name,
    generate(r, s) {
      const list = seeds(s);
      const seed = list.length ? r.pick(list) : r.bytes(r.range(0, 64));
      const m = extra && r.bool(0.25) ? extra(seed, r) : havoc(seed, r, 5);
      return Buffer.concat([Buffer.from([r.bool(0.12) ? 1 : 0]), m]);
    },
    run(input) {
      const body = input.subarray(1);
      if (input[0] !== 1) return typed(() => decode(body));
      let out: Outcome = 'ok';
      for (let at = 0; at <= body.length; at++) if (typed(() => decode(truncate(body, at))) === 'typed') out = 'typed';
      return out;
    },
  };
}

export const derTarget = messageTarget(
  'kerberos-der',
  (s) => [...udpOf(s, 'kerberos'), ...streamMsgs(s, 'kerberos').filter((b) => b.length > KRB_RECORD).map((b) => b.subarray(KRB_RECORD))],
  (b) => void decodeKerberosMessage(b),
  (b, r) => (r.bool() ? nest(b, r.pick([15, 16, 17, 64, 2000]), r) : nest(b.subarray(r.int(b.length)), r.range(1, 40), r)),
);

/** Point a name somewhere that loops: at itself, at the header, or into a chain of pointers. */
function compressionLoop(b: Buffer, r: Rng): Buffer {
  if (b.length < 14) return b;
  const out = Buffer.from(b);
  const at = 12 + r.int(out.length - 13);
  const target = r.pick([at, 12, at - 2, 0, r.int(out.length)]);
  out[at] = 0xc0 | ((target >> 8) & 0x3f);
  out[at + 1] = target & 0xff;
  if (r.bool(0.3)) {
    // A long forward-and-back pointer chain appended.
    const chain = Buffer.alloc(400);
    for (let i = 0; i < 200; i++) chain.writeUInt16BE(0xc000 | (out.length + ((i * 2 + 2) % 400)), i * 2);
    return Buffer.concat([out, chain]);
  }
  return out;
}

export const dnsTarget = messageTarget(
  'dns',
  (s) => [...udpOf(s, 'dns'), ...udpOf(s, 'nbns'), ...streamMsgs(s, 'dns').filter((b) => b.length > 2).map((b) => b.subarray(2))],
  (b) => {
    decodeDnsMessage(b, { allSections: true });
    decodeDnsMessage(b, { allSections: true, rawRdata: true });
  },
  compressionLoop,
);

export function dhcpSeed(): Buffer {
  const b = Buffer.alloc(300);
  b[0] = 1;
  b.writeUInt32BE(0x63825363, 236);
  Buffer.from([53, 1, 3, 12, 5, 0x57, 0x53, 0x30, 0x31, 0x00, 81, 6, 0, 0, 0, 0x57, 0x53, 0x31, 255]).copy(b, 240);
  return b;
}
export const dhcpTarget = messageTarget('dhcp', (s) => [dhcpSeed(), ...udpOf(s, 'dhcp')], (b) => void decodeDhcp(b));

function sessionRequestSeed(): Buffer {
  const enc = (n: string): Buffer => {
    const p = n.padEnd(15).slice(0, 15) + ' ';
    const out = Buffer.alloc(34);
    out[0] = 32;
    for (let i = 0; i < 16; i++) {
      const c = p.charCodeAt(i);
      out[1 + i * 2] = 0x41 + (c >> 4);
      out[2 + i * 2] = 0x41 + (c & 15);
    }
    return out;
  };
  return Buffer.concat([enc('DC01'), enc('WS01')]);
}
export const netbiosTarget = messageTarget('netbios', () => [sessionRequestSeed()], (b) => {
  typed(() => void decodeNetbiosName(b, 0));
  decodeSessionRequest(b);
});

function smbMessages(s: Seeds, magic: number): Buffer[] {
  return streamMsgs(s, 'smb').filter((b) => b.length > NBSS + 4 && b[NBSS] === magic).map((b) => b.subarray(NBSS));
}

export const smb1Target = messageTarget('smb1', (s) => smbMessages(s, 0xff), (b) => {
  const h = decodeSmb1Header(b);
  const blocks = smb1Blocks(b, h.command);
  for (const bl of blocks) readSmbString(b, bl.bytesAt, bl.bytesAt + bl.byteCount, h.unicode);
});

export const smb2Target = messageTarget('smb2', (s) => smbMessages(s, 0xfe), (b) => {
  decodeSmb2Header(b);
  const bodies: ((m: Buffer) => unknown)[] = [
    smb2.decodeNegotiateResponse, smb2.decodeSessionSetupRequest, smb2.decodeTreeConnectRequest, smb2.decodeTreeConnectResponse,
    smb2.decodeCreateRequest, smb2.decodeCreateResponse, smb2.decodeCloseRequest, smb2.decodeReadRequest, smb2.decodeReadResponse,
    smb2.decodeWriteRequest, smb2.decodeIoctlRequest, smb2.decodeIoctlResponse,
  ];
  for (const f of bodies) typed(() => void f(b));
  typed(() => {
    const token = smb2.decodeSessionSetupRequest(b).securityBuffer;
    findNtlmAuthenticate(token);
    decodeNtlmAuthenticate(token);
  });
});

function rpcPdus(s: Seeds): Buffer[] {
  const out = streamMsgs(s, 'dcerpc').filter((b) => b[0] === 5);
  for (const b of streamMsgs(s, 'smb')) {
    const i = b.indexOf(Buffer.from([5, 0]));
    if (i > 0 && i + 16 < b.length && b[i + 4] === 0x10 && out.length < 400) out.push(b.subarray(i));
  }
  return out;
}

export const dcerpcPduTarget = messageTarget('dcerpc-pdu', rpcPdus, (b) => {
  const h = decodeRpcHeader(new Cursor(b));
  const pdu = b.subarray(0, Math.min(b.length, h.fragLength));
  switch (h.ptype) {
    case PTYPE.bind:
    case PTYPE.alterContext:
      decodeBind(pdu, h);
      break;
    case PTYPE.bindAck:
    case PTYPE.alterContextResp:
      decodeBindAck(pdu, h);
      break;
    case PTYPE.request:
      decodeRequest(pdu, h);
      break;
    case PTYPE.response:
      decodeResponse(pdu, h);
      break;
    case PTYPE.fault:
      decodeFault(pdu, h);
      break;
    default:
      splitAuth(pdu, h, 16);
  }
});

/** Stub decoders: input = [kind][opnum][flags: bit0 ndr64, bit1 big-endian][level][stub]. */
function stubTarget(name: string, uuidPrefix: string, decode: (response: boolean, opnum: number, level: number, ndr64: boolean, le: boolean, stub: Buffer) => void, opnums: readonly number[]): Target {
  return {
    name,
    generate(r, s) {
      const calls = s.rpc.filter((c) => c.uuid.startsWith(uuidPrefix));
      const c = calls.length ? r.pick(calls) : null;
      const response = r.bool() && c?.response ? 1 : 0;
      let stub = (response ? c?.response : c?.request) ?? r.bytes(r.range(0, 200));
      stub = r.bool(0.4) ? hugeCount(r.bool() ? havoc(stub, r, 2) : stub, r) : havoc(stub, r, 5);
      const opnum = c && r.bool(0.85) ? c.opnum : r.pick(opnums);
      const flags = (c?.ndr64 ? 1 : 0) | (r.bool(0.1) ? 1 : 0) | (c && !c.le ? 2 : r.bool(0.05) ? 2 : 0);
      return Buffer.concat([Buffer.from([response, opnum & 0xff, flags, r.pick([1, 2, 3, 4, 5, 10, 0, 255])]), stub]);
    },
    run(input) {
      if (input.length < 4) return 'ok';
      return typed(() => decode(input[0] === 1, input[1]!, input[3]!, (input[2]! & 1) === 1, (input[2]! & 2) === 0, input.subarray(4)));
    },
  };
}

export const srvsvcTarget = stubTarget('srvsvc', '4b324fc8', (resp, _op, _lvl, ndr64, le, stub) => void (resp ? decodeSessionEnumResponse(stub, ndr64, le) : decodeSessionEnumRequest(stub, ndr64, le)), [12]);
export const samrTarget = stubTarget('samr-ndr', '12345778', (resp, op, lvl, ndr64, le, stub) => void (resp ? decodeSamrResponse(op, lvl, stub, ndr64, le) : decodeSamrRequest(op, stub, ndr64, le)), [...new Set([...SAMR_REQUEST_DECODERS.keys(), ...SAMR_RESPONSE_DECODERS.keys()])]);
export const epmTarget = stubTarget('epm-ndr', 'e1af8308', (resp, _op, _lvl, ndr64, le, stub) => {
  if (resp) decodeEptMapResponse(stub, le, ndr64);
  else decodeTower(stub);
}, [3]);
