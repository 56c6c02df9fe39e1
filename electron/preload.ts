/**
 * The renderer's only door: window.reconlens.call(channel, args). Unknown channels are refused
 * here already; arguments are validated by the engine (dispatch), results by the renderer.
 * Runs sandboxed: it may use only contextBridge and ipcRenderer.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { isChannel } from '../main/api/contract.ts';
import { API_CHANNEL } from './api-channel.ts';

contextBridge.exposeInMainWorld('reconlens', {
  call: (channel: string, args: unknown): Promise<unknown> =>
    typeof channel === 'string' && isChannel(channel) ? ipcRenderer.invoke(API_CHANNEL, channel, args) : Promise.reject(new Error(`unknown channel ${String(channel)}`)),
});
