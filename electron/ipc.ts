/**
 * The one IPC channel, 'api': the renderer calls window.reconlens.call(channel, args), the preload
 * invokes 'api', and this relay checks who is asking before handing the call to the engine process
 * (which validates the arguments and runs dispatch). Only our own window, showing our own page,
 * may call: a compromised or navigated frame gets an error, not the database.
 */
import { isChannel } from '../main/api/contract.ts';
import { isAppUrl } from './window-security.ts';

export { API_CHANNEL } from './api-channel.ts';
import { API_CHANNEL } from './api-channel.ts';

export interface SenderInfo {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

export function isTrustedSender(e: SenderInfo, windowContentsId: number | null, rendererRootUrl: string): boolean {
  if (windowContentsId === null || e.sender.id !== windowContentsId) return false;
  const frame = e.senderFrame;
  // Only the top frame of our page: no iframes (there are none), no navigated-away documents.
  if (!frame || frame.parent !== null) return false;
  return isAppUrl(frame.url, rendererRootUrl);
}

export interface EngineRequester {
  request(channel: string, args: unknown): Promise<unknown>;
}

export interface IpcMainLike {
  handle(channel: string, listener: (e: SenderInfo, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export function registerApiRelay(ipcMain: IpcMainLike, engine: EngineRequester, trusted: (e: SenderInfo) => boolean): () => void {
  ipcMain.handle(API_CHANNEL, async (e, channel, args) => {
    if (!trusted(e)) throw new Error('refused: not the ReconLens window');
    if (typeof channel !== 'string' || !isChannel(channel)) throw new Error(`unknown channel ${String(channel).slice(0, 100)}`);
    return engine.request(channel, args);
  });
  return () => ipcMain.removeHandler(API_CHANNEL);
}
