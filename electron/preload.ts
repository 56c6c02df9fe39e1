/**
 * The renderer's only door: window.reconlens.call(channel, args), plus pathForFile(file) so that a
 * capture dropped on the window or picked in the file input is imported in place (the renderer
 * uploads it in browser mode instead). Unknown channels are refused here already; arguments are
 * validated by the engine (dispatch), results by the renderer. Runs sandboxed: it may use only
 * contextBridge, ipcRenderer and webUtils.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { isChannel } from '../main/api/contract.ts';
import { API_CHANNEL } from './api-channel.ts';

contextBridge.exposeInMainWorld('reconlens', {
  call: (channel: string, args: unknown): Promise<unknown> =>
    typeof channel === 'string' && isChannel(channel) ? ipcRenderer.invoke(API_CHANNEL, channel, args) : Promise.reject(new Error(`unknown channel ${String(channel)}`)),
  pathForFile: (file: File): string | null => {
    try {
      return webUtils.getPathForFile(file) || null;
    } catch {
      return null;
    }
  },
});
