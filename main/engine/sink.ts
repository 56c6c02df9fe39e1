/**
 * The engine's view of the store. db/ implements it (db/sink.ts) over SQLite; tests may implement it
 * in memory. The pipeline calls it from one thread, in packet-time order, in batches: each batch is
 * one transaction, so a crash loses at most the batch being written and never leaves half of one.
 */
import type { Activity, DetectionId, SamrQueryClass } from './activity.ts';
import type { AlertUpdate, DetectionSettings } from './detector.ts';
import type { BlindSpotKind, HostRole, NameSource, RoleSource } from './dissector.ts';

export type CaptureFormat = 'pcap' | 'pcapng';
export type CaptureStatus = 'importing' | 'complete' | 'interrupted' | 'failed';

export interface CaptureStats {
  format: CaptureFormat | null;
  linkTypes: number[];
  packets: number;
  bytes: number;
  /** µs since epoch; null for an empty capture. */
  firstPacket: number | null;
  lastPacket: number | null;
  /** Packets skipped or damaged, by reason (truncated, snaplen, unknown-link-type-N, ...). */
  skipped: Record<string, number>;
  /** Example frames per skip reason (at most 20 each) for the import report. */
  skippedFrames: Record<string, number[]>;
  blindSpots: { smb3EncryptedFrames: number; rpcEncryptedPdus: number; tcpGaps: number; [k: string]: number };
  /** Per host pair: "client>server" -> counts by kind. */
  blindSpotPairs: Record<string, Partial<Record<BlindSpotKind, number>>>;
  /** Decode errors by "protocol: reason". */
  decodeErrors: Record<string, number>;
  /** Packets per protocol of interest (kerberos, dns, smb, dcerpc, ...). */
  protocols: Record<string, number>;
}

export interface NameFact { ip: string; name: string; source: NameSource; ts: number }
export interface RoleFact { ip: string; role: HostRole; source: RoleSource; ts: number; detail?: string }

export interface Batch {
  captureId: number;
  activities: Activity[];
  alertUpdates: AlertUpdate[];
  names: NameFact[];
  roles: RoleFact[];
  /** New SAMR baseline rows and learning starts (persisted so the next run continues). */
  samrLearningStarts: { dc: string; ts: number }[];
  samrBaseline: { dc: string; source: string; cls: SamrQueryClass; ts: number }[];
  /** Progress so far (the capture row is updated in the same transaction). */
  progress: { packets: number; bytes: number; lastFrame: number };
}

export interface StoredAlertRef {
  id: number;
  detection: DetectionId;
  created: boolean;
}

/** What an engine run reads from the store before it starts (one story per database). */
export interface EngineState {
  settings: DetectionSettings;
  roles: RoleFact[];
  names: NameFact[];
  samrLearningStarts: { dc: string; ts: number }[];
  samrBaseline: { dc: string; source: string; cls: SamrQueryClass; ts: number }[];
}

export interface Sink {
  loadEngineState(): EngineState;
  /**
   * Start (or resume) a capture. Returns the capture id, and `alreadyComplete` if a capture with
   * this sha256 was imported completely before (then the engine reads nothing).
   * When sha256 is not known yet (streaming), pass null and call setCaptureHash later.
   */
  /** `force`: re-import a file whose import completed, replacing that capture's data in one transaction. */
  beginCapture(info: { file: string; size: number; sha256: string | null; live: boolean; force?: boolean }): { id: number; alreadyComplete: boolean; resumeFromFrame: number };
  setCaptureHash(captureId: number, sha256: string): void;
  /**
   * Optional: whether a completely imported capture of exactly this file size exists. When it does,
   * the pipeline hashes the file before reading it, so that a file imported before is skipped
   * without being analysed again (beginCapture then says alreadyComplete).
   */
  hasCompleteCaptureOfSize?(size: number): boolean;
  /** One transaction: activities, alerts (merged, exclusions applied), names, roles, learning, progress. Returns the alerts touched. */
  writeBatch(batch: Batch): StoredAlertRef[];
  /**
   * Stats, status, duration. When the sha256 became known only now (setCaptureHash) and a complete
   * capture with it exists, this import's rows are discarded in the same transaction and the result
   * names the existing capture (`duplicateOf`). In-memory sinks may return nothing.
   */
  finishCapture(captureId: number, status: CaptureStatus, stats: CaptureStats, message?: string): FinishResult | void;
}

export interface FinishResult {
  /** The capture that holds the file's data now. */
  captureId: number;
  /** The complete capture with the same sha256 that this import turned out to duplicate, else null. */
  duplicateOf: number | null;
}
