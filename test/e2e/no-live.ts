/**
 * The live service for browser-mode tests, where capturing is not possible: no interfaces, idle.
 * (The app's real one is main/live/session.ts, written by the shell engineer.)
 */
import type { LiveService } from '../../main/api/deps.ts';
import type { LiveStatus } from '../../main/api/contract.ts';

const idle: LiveStatus = { state: 'idle', interface: null, startedAt: null, packets: 0, bytes: 0, pktPerS: 0, bitsPerS: 0, drops: { kernel: 0, iface: 0 }, alerts: 0, ringFiles: [], error: null, fix: null };

export const noLive: LiveService = {
  interfaces: async () => [],
  start: async () => ({ ...idle, state: 'error', error: 'Live capture is not available in this test server', fix: null }),
  stop: async () => idle,
  status: () => idle,
};
