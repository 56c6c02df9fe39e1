/** App info, overview, search, evidence files, live capture. Imports only zod. */
import { z } from 'zod';
import { CaptureRow } from './captures.ts';
import { DetectionId, Id, Micros } from './common.ts';

export const AppInfo = z.object({
  version: z.string(),
  dbPath: z.string(),
  dataDir: z.string(),
  mode: z.enum(['electron', 'browser']),
  analyst: z.string(),
  sampleAvailable: z.boolean(),
  openAlerts: z.number().int(),
});

const PerStatus = z.object({ open: z.number(), closed: z.number(), reopened: z.number() });
export const OverviewArgs = z.object({ from: Micros.optional(), to: Micros.optional() }).strict();
export const Overview = z.object({
  byDetection: z.record(DetectionId, PerStatus),
  open: z.number().int(),
  total: z.number().int(),
  exposed: z.object({ total: z.number().int(), sensitive: z.number().int() }),
  blindSpots: z.object({ smb3EncryptedFrames: z.number(), rpcEncryptedPdus: z.number(), tcpGaps: z.number(), total: z.number() }),
  /** Alerts (by first seen) per bucket and detection; bucket sized to keep about 200 bars or fewer. */
  timeline: z.object({
    bucketUs: z.number(),
    buckets: z.array(z.object({ t: z.number(), counts: z.record(DetectionId, z.number()) })),
  }),
  /** Packet-time span of all alerts (for the brush). */
  span: z.object({ from: z.number(), to: z.number() }).nullable(),
  samrLearning: z.array(z.object({ dc: z.string(), name: z.string().nullable(), day: z.number(), days: z.number(), done: z.boolean() })),
  /** The last captures (at most 5), newest first: each links to its import report. */
  recentCaptures: z.array(CaptureRow),
  /** The bundled sample's data, when opened: its alert per detection (the tour links to them). */
  sample: z.object({ alerts: z.record(DetectionId, Id) }).nullable(),
  captures: z.number().int(),
  activities: z.number().int(),
});
export type Overview = z.infer<typeof Overview>;

export const SearchKind = z.enum(['alert', 'host', 'account', 'capture', 'zone']);
export const SearchArgs = z.object({ q: z.string().min(1).max(200), limit: z.number().int().min(1).max(50).default(8) }).strict();
export const SearchResult = z.object({
  groups: z.array(z.object({ kind: SearchKind, items: z.array(z.object({ label: z.string(), detail: z.string(), href: z.string() })) })),
});

export const AlertIdArgs = z.object({ id: Id }).strict();
/** missing: evidence frames no longer on disk (a live capture's ring deleted the file that held them). */
export const SliceResult = z.object({ path: z.string(), frames: z.number().int(), files: z.number().int(), missing: z.number().int().default(0) });
export const WiresharkResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), filter: z.string() }),
  z.object({ ok: z.literal(false), reason: z.enum(['wireshark-not-found', 'capture-moved', 'no-frames']), message: z.string() }),
]);

export const LiveInterface = z.object({ name: z.string(), description: z.string().nullable(), addresses: z.array(z.string()), up: z.boolean() });
export const LiveStartArgs = z
  .object({ interface: z.string().min(1).max(100), filter: z.string().max(1000).optional(), ring: z.object({ files: z.number().int().min(2).max(1000), fileMb: z.number().int().min(1).max(10_000) }).optional() })
  .strict();
export const LiveStatus = z.object({
  state: z.enum(['idle', 'starting', 'running', 'stopping', 'error']),
  interface: z.string().nullable(),
  startedAt: z.string().nullable(),
  packets: z.number(),
  bytes: z.number(),
  pktPerS: z.number(),
  bitsPerS: z.number(),
  drops: z.object({ kernel: z.number(), iface: z.number() }),
  alerts: z.number(),
  ringFiles: z.array(z.string()),
  /** The ring buffer of this capture (folder, number of files, MB per file), null when it writes no ring. */
  ring: z.object({ dir: z.string(), files: z.number().int(), fileMb: z.number().int() }).nullable(),
  error: z.string().nullable(),
  /** How to fix the error, when known (e.g. capture permission). */
  fix: z.string().nullable(),
});
export type LiveStatus = z.infer<typeof LiveStatus>;
