/** Messages between the Electron main process and the engine utility process. */
export interface EngineRequest {
  type: 'request';
  id: number;
  channel: string;
  args: unknown;
}
export interface EngineResponse {
  type: 'response';
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
  /** HTTP-like status of an ApiError (400 bad arguments, 404 unknown channel). */
  status?: number;
}
export interface EngineReady {
  type: 'ready';
  /** Imports a previous engine left half done, now marked interrupted. */
  interruptedCaptures: number;
}
/** Alerts a live capture raised or updated (the main process shows desktop notifications). */
export interface EngineAlerts {
  type: 'alerts';
  alerts: { id: number; created: boolean; detection: string; title: string }[];
}
/** The engine opened a database (Settings › Database: another one, or a restore): a restart reopens it. */
export interface EngineDatabase {
  type: 'database';
  path: string;
}
export type EngineMessage = EngineResponse | EngineReady | EngineAlerts | EngineDatabase;

export function isEngineMessage(m: unknown): m is EngineMessage {
  if (typeof m !== 'object' || m === null) return false;
  const t = (m as { type?: unknown }).type;
  if (t === 'ready') return true;
  if (t === 'alerts') return Array.isArray((m as { alerts?: unknown }).alerts);
  if (t === 'database') return typeof (m as { path?: unknown }).path === 'string';
  return t === 'response' && typeof (m as { id?: unknown }).id === 'number';
}

export function isEngineRequest(m: unknown): m is EngineRequest {
  if (typeof m !== 'object' || m === null) return false;
  const r = m as Partial<EngineRequest>;
  return r.type === 'request' && typeof r.id === 'number' && typeof r.channel === 'string';
}
