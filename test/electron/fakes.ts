/** Fakes of the few Electron objects the shell's logic touches. */
import { EventEmitter } from 'node:events';
import type { EngineChild } from '../../electron/engine-supervisor.ts';

export class FakeEvent {
  prevented = false;
  preventDefault(): void {
    this.prevented = true;
  }
}

export class FakeContents {
  readonly listeners = new Map<string, ((...a: unknown[]) => void)[]>();
  openHandler: ((d: { url: string }) => { action: 'deny' }) | null = null;
  on(event: string, l: (...a: never[]) => void): this {
    const list = this.listeners.get(event) ?? [];
    list.push(l as (...a: unknown[]) => void);
    this.listeners.set(event, list);
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) l(...args);
  }
  setWindowOpenHandler(h: (d: { url: string }) => { action: 'deny' }): void {
    this.openHandler = h;
  }
}

type HeadersListener = (d: { url: string; responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders?: Record<string, string[]> }) => void) => void;
type RequestListener = (d: { url: string }, cb: (r: { cancel?: boolean }) => void) => void;
export class FakeSession {
  permissionRequest: ((wc: unknown, p: string, cb: (g: boolean) => void) => void) | null = null;
  permissionCheck: ((wc: unknown, p: string) => boolean) | null = null;
  headers: HeadersListener | null = null;
  request: RequestListener | null = null;
  setPermissionRequestHandler(h: typeof this.permissionRequest): void {
    this.permissionRequest = h;
  }
  setPermissionCheckHandler(h: typeof this.permissionCheck): void {
    this.permissionCheck = h;
  }
  webRequest = {
    onHeadersReceived: (l: HeadersListener) => {
      this.headers = l;
    },
    onBeforeRequest: (l: RequestListener) => {
      this.request = l;
    },
  };
}

/** A utility process stand-in: answers requests through a function, exits on demand. */
export class FakeChild extends EventEmitter implements EngineChild {
  readonly received: unknown[] = [];
  killed = false;
  constructor(private readonly answer: ((m: { id: number; channel: string; args: unknown }) => unknown) | null) {
    super();
  }
  postMessage(m: unknown): void {
    this.received.push(m);
    const r = m as { id: number; channel: string; args: unknown };
    if (this.answer) queueMicrotask(() => this.emit('message', { type: 'response', id: r.id, ok: true, result: this.answer!(r) }));
  }
  kill(): boolean {
    this.killed = true;
    queueMicrotask(() => this.emit('exit', 0));
    return true;
  }
  crash(code: number): void {
    this.emit('exit', code);
  }
}
