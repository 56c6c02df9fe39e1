/**
 * Seeds from real data: the capture files under test/captures/ and the shared corpus, and what the
 * engine itself sees in them (taken by running them once through the real pipeline with recording
 * wrappers): TCP bytes per conversation and direction as the flow layer delivers them, UDP
 * datagrams, link-layer frames, and DCE/RPC calls (interface, opnum, request and response stubs).
 * Computed once per process and cached.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Engine } from '../../main/pipeline/engine.ts';
import { PROTOCOL_MODULES } from '../../main/protocols/index.ts';
import { RPC_INTERFACES } from '../../main/protocols/dcerpc/interfaces.ts';
import type { RpcInterfaceModule } from '../../main/protocols/dcerpc/interface.ts';
import type { ProtocolModule, StreamDissector } from '../../main/engine/dissector.ts';
import { readCapture } from '../../main/capture/reader.ts';
import { memorySink } from '../helpers/memory-sink.ts';
import { repoRoot } from '../helpers/paths.ts';
import type { Message } from './sequence.ts';

export interface RpcSeed {
  uuid: string;
  opnum: number;
  ndr64: boolean;
  le: boolean;
  request: Buffer | null;
  response: Buffer | null;
}

export interface Seeds {
  /** Whole capture files by format. */
  pcap: Buffer[];
  pcapng: Buffer[];
  gzip: Buffer[];
  /** Frames with their link type. */
  frames: { linkType: number; data: Buffer }[];
  /** Per protocol module: TCP conversations (messages in delivery order, flags bit 0 = from client). */
  streams: Map<string, Message[][]>;
  /** Per protocol module: UDP datagrams. */
  datagrams: Map<string, Message[]>;
  rpc: RpcSeed[];
}

const MAX_FILE = 300 * 1024;
/** Conversations kept per module in all, and per module from one file (so every file contributes). */
const MAX_CONVS = 160;
const MAX_CONVS_PER_FILE = 4;
const MAX_RPC_PER_OPNUM = 30;
let currentFile = '';
const MAX_MSGS = 48;
const MAX_FRAMES_PER_FILE = 200;

export function seedFiles(): string[] {
  const dirs = [path.join(repoRoot, 'test/captures'), path.resolve(repoRoot, '../shared/corpus')];
  const out: string[] = [];
  const walk = (d: string): void => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(pcap|pcapng|pcap\.gz)$/.test(e.name)) out.push(p);
    }
  };
  dirs.forEach(walk);
  return out.sort();
}

let cached: Promise<Seeds> | null = null;
export function loadSeeds(): Promise<Seeds> {
  return (cached ??= collect());
}

async function collect(): Promise<Seeds> {
  const s: Seeds = { pcap: [], pcapng: [], gzip: [], frames: [], streams: new Map(), datagrams: new Map(), rpc: [] };
  const files = seedFiles();
  for (const f of files) {
    const bytes = readFileSync(f);
    if (bytes.length > MAX_FILE) continue;
    if (f.endsWith('.gz')) s.gzip.push(bytes);
    else if (bytes.readUInt32LE(0) === 0x0a0d0d0a) s.pcapng.push(bytes);
    else s.pcap.push(bytes);
  }
  if (s.gzip.length === 0 && s.pcap[0]) s.gzip.push(gzipSync(s.pcap[0]));
  for (const f of files) {
    let n = 0;
    await readCapture(f, {
      onPacket: (p) => {
        if (n++ < MAX_FRAMES_PER_FILE) s.frames.push({ linkType: p.linkType, data: Buffer.from(p.data) });
      },
    }).catch(() => undefined);
  }
  await recordEngine(files, s);
  return s;
}

/** One engine run over every seed file with modules and RPC interfaces wrapped to record. */
async function recordEngine(files: string[], s: Seeds): Promise<void> {
  const modules = PROTOCOL_MODULES.map((m) => wrapModule(m, s));
  const rpcMap = RPC_INTERFACES as Map<string, RpcInterfaceModule>;
  const originals = [...rpcMap.entries()];
  for (const [uuid, m] of originals) rpcMap.set(uuid, wrapInterface(m, s));
  try {
    const sink = memorySink();
    const engine = new Engine({ sink, modules, detectors: [] });
    let id = 0;
    for (const f of files) {
      const begun = sink.beginCapture({ file: f, size: 0, sha256: `seed-${++id}`, live: false });
      currentFile = f;
      await engine.runCapture({ captureId: begun.id, resumeFromFrame: 0, source: f, hash: false }).catch(() => undefined);
    }
  } finally {
    for (const [uuid, m] of originals) rpcMap.set(uuid, m);
  }
}

const perFile = new Map<string, number>();

function wrapModule(m: ProtocolModule, s: Seeds): ProtocolModule {
  const w: ProtocolModule = { ...m };
  const open = m.openStream;
  if (open) {
    w.openStream = (conv, ctx) => {
      const d: StreamDissector = open.call(m, conv, ctx);
      const list = s.streams.get(m.name) ?? [];
      s.streams.set(m.name, list);
      const msgs: Message[] = [];
      const key = `${m.name}|${currentFile}`;
      const fromFile = perFile.get(key) ?? 0;
      if (list.length < MAX_CONVS && fromFile < MAX_CONVS_PER_FILE) {
        list.push(msgs);
        perFile.set(key, fromFile + 1);
      }
      return {
        onData(fromClient, data, meta) {
          if (msgs.length < MAX_MSGS) msgs.push({ flags: fromClient ? 1 : 0, data: Buffer.from(data) });
          d.onData(fromClient, data, meta);
        },
        onGap: (fc, missing, meta) => d.onGap(fc, missing, meta),
        onEnd: (meta) => d.onEnd(meta),
      };
    };
  }
  const openD = m.openDatagram;
  if (openD) {
    w.openDatagram = (conv, ctx) => {
      const d = openD.call(m, conv, ctx);
      const list = s.datagrams.get(m.name) ?? [];
      s.datagrams.set(m.name, list);
      return {
        onDatagram(fromClient, data, meta) {
          if (list.length < 400) list.push({ flags: fromClient ? 1 : 0, data: Buffer.from(data) });
          d.onDatagram(fromClient, data, meta);
        },
        ...(d.onEnd ? { onEnd: (meta: Parameters<NonNullable<typeof d.onEnd>>[0]) => d.onEnd!(meta) } : {}),
      };
    };
  }
  return w;
}

const perOpnum = new Map<string, number>();

function wrapInterface(m: RpcInterfaceModule, s: Seeds): RpcInterfaceModule {
  return {
    name: m.name,
    uuid: m.uuid,
    open(assoc) {
      const h = m.open(assoc);
      return {
        onCall(call, ctx) {
          const key = `${call.interfaceUuid}:${call.opnum}`;
          const n = perOpnum.get(key) ?? 0;
          if (s.rpc.length < 2000 && n < MAX_RPC_PER_OPNUM) {
            perOpnum.set(key, n + 1);
            s.rpc.push({
              uuid: call.interfaceUuid,
              opnum: call.opnum,
              ndr64: call.ndr64,
              le: call.littleEndian,
              request: call.requestStub ? Buffer.from(call.requestStub) : null,
              response: call.responseStub ? Buffer.from(call.responseStub) : null,
            });
          }
          h.onCall(call, ctx);
        },
      };
    },
  };
}
