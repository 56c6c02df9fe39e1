/**
 * The renderer's only way out: api.call(channel, args) over the Electron preload
 * (window.reconlens.call) or, in browser mode, POST api/<channel> with the per-run token.
 * Results are parsed with the contract's result schema, so a wrong shape fails loudly here.
 */
import { contract, type Args, type Channel, type Result } from '../main/api/contract.ts';

declare global {
  interface Window {
    /** Electron preload: the typed call, and the on-disk path of a dropped or chosen File (webUtils.getPathForFile). */
    reconlens?: { call(channel: string, args: unknown): Promise<unknown>; pathForFile?(file: File): string };
  }
}

export class CallError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'reconlens.token';

/** Browser mode: take ?token=T from the address once, keep it for this tab, remove it from the address bar. */
export function captureToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

export function authToken(): string {
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

async function httpCall(channel: string, args: unknown): Promise<unknown> {
  const res = await fetch(`api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-reconlens-token': authToken() },
    body: JSON.stringify(args ?? {}),
  });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) {
    const msg = typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'string' ? body.error : text || res.statusText;
    throw new CallError(res.status, msg);
  }
  return unwrap(body);
}

/** The browser-mode server answers { ok: true, result } (main/server/http-server.ts); take the result. */
function unwrap(body: unknown): unknown {
  if (typeof body === 'object' && body !== null && 'ok' in body && body.ok === true && 'result' in body) return body.result;
  return body;
}

async function transport(channel: string, args: unknown): Promise<unknown> {
  if (window.reconlens) {
    try {
      return await window.reconlens.call(channel, args);
    } catch (e) {
      // Electron rejects with the handler's message; keep the "status: message" shape when given.
      const msg = e instanceof Error ? e.message : String(e);
      const m = /(\d{3}):\s*(.*)/s.exec(msg);
      throw new CallError(m ? Number(m[1]) : 500, m?.[2] ?? msg);
    }
  }
  return httpCall(channel, args);
}

export const api = {
  async call<C extends Channel>(channel: C, args: Args<C>): Promise<Result<C>> {
    const raw = await transport(channel, args);
    return contract[channel].result.parse(raw) as Result<C>;
  },
};

/** Upload a file in browser mode (the server stores it in the data folder) and return its path there. */
export async function uploadFile(file: File, onProgress?: (loaded: number) => void): Promise<string> {
  // XMLHttpRequest reports upload progress; fetch does not.
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `upload?name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('x-reconlens-token', authToken());
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => onProgress?.(e.loaded);
    xhr.onload = () => {
      try {
        const body = unwrap(JSON.parse(xhr.responseText));
        if (xhr.status === 200 && typeof body === 'object' && body !== null && 'path' in body && typeof body.path === 'string') resolve(body.path);
        else reject(new CallError(xhr.status, typeof body === 'object' && body !== null && 'error' in body ? String(body.error) : xhr.statusText));
      } catch {
        reject(new CallError(xhr.status, xhr.statusText || 'upload failed'));
      }
    };
    xhr.onerror = () => reject(new CallError(0, 'upload failed: connection lost'));
    xhr.send(file);
  });
}
