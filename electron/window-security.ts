/**
 * Window and session hardening (Electron security checklist). Written against minimal structural
 * types so that tests can hand in fakes: the real BrowserWindow/WebContents/Session satisfy them.
 */
import { CONTENT_SECURITY_POLICY } from '../main/server/security.ts';

/** The only webPreferences our windows get. */
export function secureWebPreferences(preload: string) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
  } as const;
}

/** True when url is a file inside the app's renderer folder (the page's own origin). */
export function isAppUrl(url: string, rendererRootUrl: string): boolean {
  try {
    const u = new URL(url);
    const root = new URL(rendererRootUrl);
    return u.protocol === 'file:' && root.protocol === 'file:' && decodeURIComponent(u.pathname).startsWith(decodeURIComponent(root.pathname));
  } catch {
    return false;
  }
}

interface PreventableEvent {
  preventDefault(): void;
}
export interface HardenableContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (e: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (e: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** Navigation away from our page, redirects, webviews and new windows are all refused. */
export function hardenContents(contents: HardenableContents, rendererRootUrl: string, onBlocked?: (what: string, url: string) => void): void {
  const guard = (what: string) => (e: PreventableEvent, url: string) => {
    // In-page hash routes are 'did-navigate-in-page', not will-navigate; a reload of our own page is fine.
    if (isAppUrl(url, rendererRootUrl)) return;
    e.preventDefault();
    onBlocked?.(what, url);
  };
  contents.on('will-navigate', guard('navigation'));
  contents.on('will-redirect', guard('redirect'));
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    onBlocked?.('window.open', url);
    return { action: 'deny' };
  });
}

export interface HardenableSession {
  setPermissionRequestHandler(handler: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | null): void;
  setPermissionCheckHandler(handler: ((wc: unknown, permission: string) => boolean) | null): void;
  webRequest: {
    onHeadersReceived(listener: (details: { url: string; responseHeaders?: Record<string, string[]> }, callback: (r: { responseHeaders?: Record<string, string[]>; cancel?: boolean }) => void) => void): void;
    onBeforeRequest(listener: (details: { url: string }, callback: (r: { cancel?: boolean }) => void) => void): void;
  };
}

/** Schemes a page of ours may load: its own files, inline data for images/fonts, devtools. */
export function isAllowedRequest(url: string): boolean {
  return /^(file|data|blob|devtools|chrome-extension):/i.test(url);
}

/** No permission is ever granted, every response carries our CSP, and no remote content loads. */
export function hardenSession(session: HardenableSession): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url) }));
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...(details.responseHeaders ?? {}), 'Content-Security-Policy': [CONTENT_SECURITY_POLICY], 'X-Content-Type-Options': ['nosniff'] } });
  });
}
