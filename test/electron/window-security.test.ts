import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hardenContents, hardenSession, isAllowedRequest, isAppUrl, secureWebPreferences } from '../../electron/window-security.ts';
import { FakeContents, FakeEvent, FakeSession } from './fakes.ts';

const ROOT = 'file:///opt/ReconLens/resources/app.asar/dist/renderer/';

test('every window gets isolated, sandboxed, node-free web preferences', () => {
  const p = secureWebPreferences('/app/preload.cjs');
  assert.equal(p.contextIsolation, true);
  assert.equal(p.sandbox, true);
  assert.equal(p.nodeIntegration, false);
  assert.equal(p.nodeIntegrationInWorker, false);
  assert.equal(p.nodeIntegrationInSubFrames, false);
  assert.equal(p.webSecurity, true);
  assert.equal(p.allowRunningInsecureContent, false);
  assert.equal(p.webviewTag, false);
  assert.equal(p.preload, '/app/preload.cjs');
});

test('only our own renderer files count as the app', () => {
  assert.equal(isAppUrl(`${ROOT}index.html#/alerts`, ROOT), true);
  assert.equal(isAppUrl('file:///etc/passwd', ROOT), false);
  assert.equal(isAppUrl('file:///opt/ReconLens/resources/app.asar/dist/renderer-evil/index.html', ROOT), false);
  assert.equal(isAppUrl('https://example.com/', ROOT), false);
  assert.equal(isAppUrl('not a url', ROOT), false);
});

test('navigation away, redirects, webviews and new windows are blocked', () => {
  const c = new FakeContents();
  const blocked: string[] = [];
  hardenContents(c, ROOT, (what, url) => blocked.push(`${what} ${url}`));
  const away = new FakeEvent();
  c.emit('will-navigate', away, 'https://evil.example/');
  assert.equal(away.prevented, true);
  const local = new FakeEvent();
  c.emit('will-navigate', local, 'file:///home/user/.ssh/id_rsa');
  assert.equal(local.prevented, true);
  const own = new FakeEvent();
  c.emit('will-navigate', own, `${ROOT}index.html`);
  assert.equal(own.prevented, false, 'reloading our own page is allowed');
  const redirect = new FakeEvent();
  c.emit('will-redirect', redirect, 'http://127.0.0.1:1/');
  assert.equal(redirect.prevented, true);
  const webview = new FakeEvent();
  c.emit('will-attach-webview', webview);
  assert.equal(webview.prevented, true);
  assert.deepEqual(c.openHandler?.({ url: 'https://example.com' }), { action: 'deny' });
  assert.equal(blocked.length, 4);
});

test('the session denies every permission, adds the CSP and loads nothing remote', () => {
  const s = new FakeSession();
  hardenSession(s);
  for (const perm of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
    let granted: boolean | null = null;
    s.permissionRequest?.({}, perm, (g) => (granted = g));
    assert.equal(granted, false, perm);
    assert.equal(s.permissionCheck?.({}, perm), false, perm);
  }
  let headers: Record<string, string[]> | undefined;
  s.headers?.({ url: `${ROOT}index.html`, responseHeaders: { 'X-Other': ['1'] } }, (r) => (headers = r.responseHeaders));
  const csp = headers?.['Content-Security-Policy']?.[0] ?? '';
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /object-src 'none'/);
  assert.doesNotMatch(csp, /script-src[^;]*unsafe-inline/);
  assert.deepEqual(headers?.['X-Other'], ['1']);
  const verdict = (url: string): boolean | undefined => {
    let cancel: boolean | undefined;
    s.request?.({ url }, (r) => (cancel = r.cancel));
    return cancel;
  };
  assert.equal(verdict(`${ROOT}assets/app.js`), false);
  assert.equal(verdict('https://cdn.example/x.js'), true);
  assert.equal(verdict('http://127.0.0.1:8080/'), true);
  assert.equal(verdict('ws://127.0.0.1:9/'), true);
  assert.equal(isAllowedRequest('data:image/png;base64,AA=='), true);
});
