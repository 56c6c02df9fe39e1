/**
 * Keeps the engine utility process running (beekeeper-studio's pattern, STYLE.md): requests are
 * correlated by id; when the process dies, every pending call is rejected with a clear error, the
 * crash is reported (the UI shows it), and a non-zero exit restarts the process unless it keeps
 * crashing (more than maxRestarts within windowMs): then it stays down and says so.
 */
import { isEngineMessage, type EngineRequest } from './engine-protocol.ts';

export interface EngineChild {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export interface CrashInfo {
  code: number;
  /** Whether the supervisor started a new engine. */
  restarted: boolean;
  /** How many restarts happened in the current window. */
  restarts: number;
}

export interface SupervisorOptions {
  fork: () => EngineChild;
  onCrash?: (info: CrashInfo) => void;
  onReady?: (info: { interruptedCaptures: number }) => void;
  onAlerts?: (alerts: { id: number; created: boolean; detection: string; title: string }[]) => void;
  /** The engine opened a database (at start or from Settings › Database). */
  onDatabase?: (path: string) => void;
  maxRestarts?: number;
  windowMs?: number;
  now?: () => number;
}

export class EngineCrashedError extends Error {}

export class EngineSupervisor {
  private child: EngineChild | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private restartTimes: number[] = [];
  private stopping = false;
  private gaveUp = false;

  constructor(private readonly opts: SupervisorOptions) {}

  start(): void {
    this.stopping = false;
    this.spawn();
  }

  get running(): boolean {
    return this.child !== null;
  }

  request(channel: string, args: unknown): Promise<unknown> {
    if (!this.child) {
      if (this.gaveUp || this.stopping) return Promise.reject(new EngineCrashedError('the engine is not running (it crashed repeatedly); restart ReconLens'));
      this.spawn(); // it exited cleanly earlier: start it on demand
    }
    const id = this.nextId++;
    const msg: EngineRequest = { type: 'request', id, channel, args };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child!.postMessage(msg);
    });
  }

  /** Stop for good (app quit). */
  stop(): void {
    this.stopping = true;
    this.child?.kill();
  }

  private spawn(): void {
    const child = this.opts.fork();
    this.child = child;
    child.on('message', (m) => this.onMessage(m));
    child.on('exit', (code) => this.onExit(child, code));
  }

  private onMessage(m: unknown): void {
    if (!isEngineMessage(m)) return;
    if (m.type === 'ready') {
      this.opts.onReady?.({ interruptedCaptures: m.interruptedCaptures });
      return;
    }
    if (m.type === 'alerts') {
      this.opts.onAlerts?.(m.alerts);
      return;
    }
    if (m.type === 'database') {
      this.opts.onDatabase?.(m.path);
      return;
    }
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    if (m.ok) p.resolve(m.result);
    else p.reject(new Error(m.error ?? 'engine error'));
  }

  private onExit(child: EngineChild, code: number): void {
    if (this.child !== child) return;
    this.child = null;
    const crashed = code !== 0;
    const reason = crashed ? `the engine stopped unexpectedly (exit code ${code}); the running import was marked interrupted` : 'the engine exited';
    for (const p of this.pending.values()) p.reject(new EngineCrashedError(reason));
    this.pending.clear();
    if (this.stopping || !crashed) return;
    const now = (this.opts.now ?? Date.now)();
    const windowMs = this.opts.windowMs ?? 60_000;
    this.restartTimes = this.restartTimes.filter((t) => now - t < windowMs);
    const restart = this.restartTimes.length < (this.opts.maxRestarts ?? 3);
    if (restart) {
      this.restartTimes.push(now);
      this.spawn();
    } else {
      this.gaveUp = true;
    }
    this.opts.onCrash?.({ code, restarted: restart, restarts: this.restartTimes.length });
  }
}
