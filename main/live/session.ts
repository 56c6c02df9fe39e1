/**
 * The live capture the UI drives (main/api/deps.ts LiveService): one capture at a time, started
 * and stopped by the Live page, its status polled. The capture itself is runLiveCapture; this
 * object keeps state, rates and the error with its fix for the page, and announces new alerts.
 */
import type { LiveService, LiveStartOptions } from '../api/deps.ts';
import type { LiveStatus } from '../api/schema/misc.ts';
import type { Sink, StoredAlertRef } from '../engine/sink.ts';
import { defaultRingDir, runLiveCapture, type LiveCaptureResult, type LiveProgress } from './live-capture.ts';
import { listInterfaces, LiveCaptureError } from './tools.ts';

export interface LiveSessionDeps {
  /** A sink on the app's database (each capture gets a fresh one). */
  createSink(onAlerts: (refs: StoredAlertRef[]) => void): Sink;
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  /** Alerts a batch created or updated (e.g. desktop notifications for created ones, SIEM forwarding). */
  onAlerts?(refs: StoredAlertRef[]): void;
  now?: () => number;
}

interface Sample {
  t: number;
  packets: number;
  bytes: number;
}

export class LiveSession implements LiveService {
  private state: LiveStatus['state'] = 'idle';
  private iface: string | null = null;
  private startedAt: string | null = null;
  private progress: LiveProgress | null = null;
  private samples: Sample[] = [];
  private alerts = new Set<number>();
  private error: string | null = null;
  private fix: string | null = null;
  private ac: AbortController | null = null;
  private run: Promise<LiveCaptureResult | null> | null = null;
  private last: LiveCaptureResult | null = null;
  private ring: LiveStatus['ring'] = null;

  constructor(private readonly deps: LiveSessionDeps) {}

  async interfaces() {
    const list = await listInterfaces(this.deps.env);
    return list.map((i) => ({ name: i.name, description: i.description || null, addresses: i.addresses, up: i.up ?? true }));
  }

  async start(opts: LiveStartOptions): Promise<LiveStatus> {
    if (this.state === 'starting' || this.state === 'running' || this.state === 'stopping') {
      throw new Error(`a live capture is already running on ${this.iface ?? '?'}; stop it first`);
    }
    Object.assign(this, { state: 'starting', iface: opts.interface, startedAt: new Date(this.now()).toISOString(), progress: null, samples: [], error: null, fix: null, last: null });
    this.alerts = new Set();
    this.ring = opts.ring ? { dir: defaultRingDir(this.deps.dataDir), files: opts.ring.files, fileMb: opts.ring.fileMb } : null;
    const ac = new AbortController();
    this.ac = ac;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const onAlerts = (refs: StoredAlertRef[]): void => {
      for (const r of refs) this.alerts.add(r.id);
      this.deps.onAlerts?.(refs);
    };
    this.run = runLiveCapture({
      iface: opts.interface,
      ...(opts.filter ? { filter: opts.filter } : {}),
      ...(this.ring ? { ring: { dir: this.ring.dir, files: this.ring.files, fileBytes: this.ring.fileMb * 1024 * 1024 } } : {}),
      sink: this.deps.createSink(onAlerts),
      signal: ac.signal,
      ...(this.deps.env ? { env: this.deps.env } : {}),
      onStarted: () => {
        this.state = 'running';
        started();
      },
      onProgress: (p) => this.onProgress(p),
    }).then(
      (r) => {
        this.last = r;
        this.progress = { packets: r.stats.packets, bytes: r.stats.bytes, alerts: r.alertIds.length, tool: r.toolStats, ringFiles: r.ringFiles };
        if (r.status === 'interrupted') [this.state, this.error] = ['error', r.message];
        else this.state = 'idle';
        started();
        return r;
      },
      (err: unknown) => {
        this.state = 'error';
        this.error = err instanceof LiveCaptureError ? err.problem : err instanceof Error ? err.message : String(err);
        this.fix = err instanceof LiveCaptureError ? err.fix : null;
        started();
        return null;
      },
    );
    await running;
    return this.status();
  }

  async stop(): Promise<LiveStatus> {
    if (this.ac && (this.state === 'running' || this.state === 'starting')) {
      this.state = 'stopping';
      this.ac.abort();
    }
    await this.run;
    return this.status();
  }

  /** The capture's result once stopped (for the CLI and tests). */
  get result(): LiveCaptureResult | null {
    return this.last;
  }

  status(): LiveStatus {
    const p = this.progress;
    const rate = this.rate();
    return {
      state: this.state,
      interface: this.iface,
      startedAt: this.startedAt,
      packets: p?.packets ?? 0,
      bytes: p?.bytes ?? 0,
      pktPerS: rate.pkt,
      bitsPerS: rate.bits,
      drops: { kernel: p?.tool.droppedKernel ?? 0, iface: p?.tool.droppedInterface ?? 0 },
      alerts: this.alerts.size,
      ringFiles: p?.ringFiles ?? [],
      ring: this.ring,
      error: this.error,
      fix: this.fix,
    };
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  private onProgress(p: LiveProgress): void {
    this.progress = p;
    const t = this.now();
    this.samples.push({ t, packets: p.packets, bytes: p.bytes });
    // Rates over the last ~5 s of samples.
    while (this.samples.length > 2 && t - this.samples[0]!.t > 5000) this.samples.shift();
  }

  private rate(): { pkt: number; bits: number } {
    if (this.state !== 'running' || this.samples.length < 2) return { pkt: 0, bits: 0 };
    const a = this.samples[0]!;
    const b = this.samples[this.samples.length - 1]!;
    const s = (b.t - a.t) / 1000;
    if (s <= 0) return { pkt: 0, bits: 0 };
    return { pkt: (b.packets - a.packets) / s, bits: ((b.bytes - a.bytes) * 8) / s };
  }
}
