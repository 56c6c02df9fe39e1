/** Captures, imports and the import report. Imports only zod. */
import { z } from 'zod';
import { Id } from './common.ts';

export const CaptureStatus = z.enum(['importing', 'complete', 'interrupted', 'failed']);
export const CaptureRow = z.object({
  id: z.number().int(),
  file: z.string(),
  name: z.string(),
  size: z.number(),
  format: z.string().nullable(),
  live: z.boolean(),
  sample: z.boolean(),
  packets: z.number(),
  firstPacket: z.number().nullable(),
  lastPacket: z.number().nullable(),
  status: CaptureStatus,
  message: z.string().nullable(),
  alerts: z.number().int(),
  skipped: z.number().int(),
  blindSpots: z.number().int(),
  startedAt: z.string(),
  durationMs: z.number().nullable(),
});
export type CaptureRow = z.infer<typeof CaptureRow>;

export const CaptureReport = z.object({
  capture: CaptureRow,
  linkTypes: z.array(z.number()),
  bytes: z.number(),
  skipped: z.array(z.object({ reason: z.string(), count: z.number(), frames: z.array(z.number()) })),
  blindSpots: z.array(z.object({ kind: z.string(), count: z.number() })),
  blindPairs: z.array(z.object({ pair: z.string(), counts: z.record(z.string(), z.number()) })),
  decodeErrors: z.array(z.object({ reason: z.string(), count: z.number() })),
  protocols: z.array(z.object({ protocol: z.string(), packets: z.number() })),
  activities: z.record(z.string(), z.number()),
  dcs: z.array(z.object({ ip: z.string(), name: z.string().nullable(), source: z.string() })),
  dnsServers: z.array(z.object({ ip: z.string(), name: z.string().nullable(), source: z.string() })),
  hosts: z.number().int(),
  noDcSeen: z.boolean(),
  alertIds: z.array(z.number().int()),
});
export type CaptureReport = z.infer<typeof CaptureReport>;

export const ImportStartArgs = z
  .object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(100), forensic: z.boolean().default(false) })
  .strict();

export const ImportJob = z.object({
  jobId: z.number().int(),
  files: z.array(z.string()),
  state: z.enum(['running', 'done', 'error', 'cancelled']),
  currentFile: z.string().nullable(),
  bytes: z.number(),
  totalBytes: z.number(),
  packets: z.number(),
  alerts: z.number(),
  captureIds: z.array(z.number().int()),
  /** Files that had been imported completely before (same sha256): nothing read again. */
  alreadyImported: z.array(z.string()),
  error: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJob = z.infer<typeof ImportJob>;
export const ImportStatusResult = z.object({ jobs: z.array(ImportJob) });
export const JobArgs = z.object({ jobId: Id }).strict();
export const CaptureIdArgs = z.object({ id: Id }).strict();
