import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isTrustedSender, registerApiRelay, type IpcMainLike, type SenderInfo } from '../../electron/ipc.ts';

const ROOT = 'file:///app/dist/renderer/';
const ours = (over: Partial<SenderInfo> = {}): SenderInfo => ({ sender: { id: 7 }, senderFrame: { url: `${ROOT}index.html#/alerts`, parent: null }, ...over });

test('only the top frame of our window showing our page is trusted', () => {
  assert.equal(isTrustedSender(ours(), 7, ROOT), true);
  assert.equal(isTrustedSender(ours({ sender: { id: 8 } }), 7, ROOT), false, 'another webContents');
  assert.equal(isTrustedSender(ours(), null, ROOT), false, 'no window yet');
  assert.equal(isTrustedSender(ours({ senderFrame: { url: 'https://evil.example/', parent: null } }), 7, ROOT), false, 'navigated away');
  assert.equal(isTrustedSender(ours({ senderFrame: { url: `${ROOT}index.html`, parent: {} } }), 7, ROOT), false, 'a subframe');
  assert.equal(isTrustedSender(ours({ senderFrame: null }), 7, ROOT), false, 'frame gone');
});

class FakeIpcMain implements IpcMainLike {
  handler: ((e: SenderInfo, ...a: unknown[]) => Promise<unknown>) | null = null;
  channel = '';
  handle(channel: string, l: (e: SenderInfo, ...a: unknown[]) => Promise<unknown>): void {
    this.channel = channel;
    this.handler = l;
  }
  removeHandler(): void {
    this.handler = null;
  }
}

test('the relay passes trusted calls on known channels to the engine, and nothing else', async () => {
  const ipc = new FakeIpcMain();
  const seen: [string, unknown][] = [];
  const off = registerApiRelay(ipc, { request: async (ch, args) => (seen.push([ch, args]), { ok: ch }) }, (e) => isTrustedSender(e, 7, ROOT));
  assert.equal(ipc.channel, 'api');
  assert.deepEqual(await ipc.handler!(ours(), 'app.info', {}), { ok: 'app.info' });
  await assert.rejects(ipc.handler!(ours({ sender: { id: 99 } }), 'app.info', {}), /refused/);
  await assert.rejects(ipc.handler!(ours(), 'fs.readFile', { path: '/etc/passwd' }), /unknown channel/);
  await assert.rejects(ipc.handler!(ours(), { toString: () => 'app.info' }, {}), /unknown channel/);
  await assert.rejects(ipc.handler!(ours(), '__proto__', {}), /unknown channel/);
  assert.deepEqual(seen, [['app.info', {}]]);
  off();
  assert.equal(ipc.handler, null);
});
