/**
 * One engine run: reader -> decode -> flow table -> dissectors -> activities -> detectors -> sink,
 * over one or more captures in a row (detector state, roles, names and SMB session users carry
 * over from one capture to the next: one story). Activities are sorted by packet time within a
 * batch before the detectors see them, and each batch is one sink transaction.
 */
import type { Readable } from 'node:stream';
import type { ProtocolModule } from '../engine/dissector.ts';
import type { AlertUpdate, Detector, DetectorEnv } from '../engine/detector.ts';
import type { Activity } from '../engine/activity.ts';
import type { CaptureStats, Sink } from '../engine/sink.ts';
import { readCapture, type ReadResult } from '../capture/reader.ts';
import { SkipCounter, type CapturePacket } from '../capture/types.ts';
import { PacketDecoder } from '../net/decode.ts';
import { DecodeError } from '../util/cursor.ts';
import { FlowTable } from '../flow/flow-table.ts';
import type { GuardHooks } from '../flow/guard.ts';
import { EngineContext } from './context.ts';
import { StoredSamrBaseline } from './samr-baseline.ts';

export interface EngineOptions {
  sink: Sink;
  modules: readonly ProtocolModule[];
  detectors: Detector[];
  /** Flush a batch after this many activities (default 5000) or packets (default 50 000). */
  batchActivities?: number;
  batchPackets?: number;
  hooks?: GuardHooks;
}

export interface EngineProgress {
  /** Raw bytes read of the current capture. */
  bytes: number;
  /** Frames read of the current capture. */
  packets: number;
  /** Alerts raised or updated so far in this run. */
  alerts: number;
}

export interface CaptureRun {
  captureId: number;
  /** Frames up to this one were written by an earlier, interrupted import of the same file. */
  resumeFromFrame: number;
  source: string | Readable;
  hash: boolean;
  signal?: AbortSignal;
  onProgress?(p: EngineProgress): void;
}

export interface CaptureRunResult {
  read: ReadResult;
  stats: CaptureStats;
}

interface Active {
  captureId: number;
  resumeFromFrame: number;
  lastFrame: number;
  lastTs: number;
  bytes: number;
  packetsSinceFlush: number;
}

export class Engine {
  /** Ids of the alerts raised or updated during this run. */
  readonly alertIds = new Set<number>();
  readonly ctx: EngineContext;
  readonly flows: FlowTable;
  private readonly env: DetectorEnv;
  private readonly baseline: StoredSamrBaseline;
  private active: Active | null = null;
  private readonly batchActivities: number;
  private readonly batchPackets: number;

  constructor(private readonly o: EngineOptions) {
    const state = o.sink.loadEngineState();
    this.ctx = new EngineContext(state);
    this.baseline = new StoredSamrBaseline(state);
    this.env = {
      settings: state.settings,
      hasRole: (ip, role) => this.ctx.hasRole(ip, role),
      roleSince: (ip, role) => this.ctx.roleSince(ip, role),
      samrBaseline: this.baseline,
    };
    this.flows = new FlowTable(o.modules, this.ctx, o.hooks ?? {});
    this.ctx.onRpcPort = (ip, port) => this.flows.learnRpcPort(ip, port);
    this.batchActivities = o.batchActivities ?? 5000;
    this.batchPackets = o.batchPackets ?? 50_000;
  }

  async runCapture(run: CaptureRun): Promise<CaptureRunResult> {
    const ctx = this.ctx;
    const flows = this.flows;
    ctx.resetCaptureCounters();
    flows.resetProtocolCounts();
    const skips = new SkipCounter();
    const evictedBefore = flows.counters.evicted;
    const decoder = new PacketDecoder(skips);
    const active: Active = { captureId: run.captureId, resumeFromFrame: run.resumeFromFrame, lastFrame: 0, lastTs: 0, bytes: 0, packetsSinceFlush: 0 };
    this.active = active;
    // Per packet: no allocation. Packet times are doubles: kept in an object field (stored in
    // place), not a closure variable, and handed to the flow table only for packets of interest.
    const onPacket = (pkt: CapturePacket): void => {
      ctx.frame = pkt.frame;
      active.lastFrame = pkt.frame;
      active.lastTs = pkt.ts;
      // The guard turns a bug in link/IP/TCP decoding into one counted, skipped packet instead of a
      // failed import (dissectors have their own guard inside the flow table).
      try {
        const p = decoder.decode(pkt);
        if (p !== null && flows.wants(p)) flows.handle(p, pkt.frame, pkt.ts);
      } catch (err) {
        skips.add(err instanceof DecodeError ? `decode-error: ${err.reason}` : 'internal-decode-error', pkt.frame);
      }
      if (++active.packetsSinceFlush >= this.batchPackets || ctx.pending.length >= this.batchActivities) this.flush();
    };
    let read: ReadResult;
    try {
      read = await readCapture(run.source, {
        onPacket,
        skips,
        hash: run.hash,
        ...(run.signal ? { signal: run.signal } : {}),
        onProgress: (bytes, packets) => {
          active.bytes = bytes;
          run.onProgress?.({ bytes, packets, alerts: this.alertIds.size });
        },
      });
      active.bytes = read.bytesRead;
      // Conversations do not continue into the next file: their frames belong to this capture.
      flows.endAll(active.lastFrame > 0 ? { frame: active.lastFrame, ts: active.lastTs } : null);
      this.flush();
    } catch (err) {
      // The capture failed: nothing of it may leak into the next capture's batches.
      this.active = null;
      flows.endAll(null);
      ctx.pending = [];
      ctx.takeFacts();
      this.baseline.take();
      throw err;
    } finally {
      this.active = null;
    }
    // Conversations dropped to stay under the flow-table caps: their later bytes are read as a new,
    // mid-stream conversation, so the analyst is told how often that happened.
    const evicted = flows.counters.evicted - evictedBefore;
    if (evicted > 0) ctx.decodeErrors['flow: conversations evicted at the flow-table cap'] = evicted;
    const stats: CaptureStats = {
      format: read.format,
      linkTypes: read.linkTypes,
      packets: read.packets,
      bytes: read.bytesRead,
      firstPacket: read.firstTs,
      lastPacket: read.lastTs,
      skipped: { ...skips.counts },
      skippedFrames: { ...skips.frames },
      blindSpots: ctx.blindSpots,
      blindSpotPairs: ctx.blindSpotPairs,
      decodeErrors: ctx.decodeErrors,
      protocols: { ...flows.protocols },
    };
    run.onProgress?.({ bytes: read.bytesRead, packets: read.packets, alerts: this.alertIds.size });
    return { read, stats };
  }

  /** Write what is pending as one batch (also called by a live capture's timer). */
  flush(): void {
    const a = this.active;
    if (!a) return;
    const pending = this.ctx.pending;
    this.ctx.pending = [];
    pending.sort((x, y) => x.activity.ts - y.activity.ts);
    const activities: Activity[] = [];
    const alertUpdates: AlertUpdate[] = [];
    for (const { activity, frame } of pending) {
      const written = frame <= a.resumeFromFrame; // an interrupted import stored it already
      for (const d of this.o.detectors) {
        let updates: AlertUpdate[];
        try {
          updates = d.onActivity(activity, this.env);
        } catch (err) {
          this.ctx.decodeError(`detector ${d.id}`, `internal error: ${err instanceof Error ? err.message : String(err)}`, frame);
          this.o.hooks?.onInternalError?.(`detector ${d.id}`, err);
          continue;
        }
        if (!written) for (const u of updates) alertUpdates.push(u);
      }
      if (!written) activities.push(activity);
    }
    const facts = this.ctx.takeFacts();
    const samr = this.baseline.take();
    const lastFrame = Math.max(a.lastFrame, a.resumeFromFrame);
    a.packetsSinceFlush = 0;
    const refs = this.o.sink.writeBatch({
      captureId: a.captureId,
      activities,
      alertUpdates,
      names: facts.names,
      roles: facts.roles,
      ...samr,
      progress: { packets: a.lastFrame, bytes: a.bytes, lastFrame },
    });
    for (const r of refs) this.alertIds.add(r.id);
  }
}
