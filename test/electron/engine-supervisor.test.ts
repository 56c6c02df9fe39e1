import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EngineCrashedError, EngineSupervisor, type CrashInfo } from '../../electron/engine-supervisor.ts';
import { FakeChild } from './fakes.ts';

function setup(opts: { answer?: boolean; maxRestarts?: number } = {}) {
  const children: FakeChild[] = [];
  const crashes: CrashInfo[] = [];
  let clock = 1000;
  const sup = new EngineSupervisor({
    fork: () => {
      const c = new FakeChild(opts.answer === false ? null : (m) => `${m.channel}#${children.length}`);
      children.push(c);
      return c;
    },
    onCrash: (i) => crashes.push(i),
    maxRestarts: opts.maxRestarts ?? 2,
    windowMs: 60_000,
    now: () => clock,
  });
  return { sup, children, crashes, tick: (ms: number) => (clock += ms) };
}

test('requests are relayed and answered by id', async () => {
  const { sup, children } = setup();
  sup.start();
  assert.deepEqual(await Promise.all([sup.request('app.info', {}), sup.request('live.status', {})]), ['app.info#1', 'live.status#1']);
  assert.equal(children.length, 1);
  assert.deepEqual(children[0]!.received[0], { type: 'request', id: 1, channel: 'app.info', args: {} });
});

test('a crash rejects pending calls, is reported, and restarts the engine', async () => {
  const { sup, children, crashes } = setup({ answer: false });
  sup.start();
  const pending = sup.request('captures.importStart', { paths: ['/x.pcap'] });
  children[0]!.crash(134);
  await assert.rejects(pending, (e: Error) => e instanceof EngineCrashedError && /exit code 134.*interrupted/.test(e.message));
  assert.deepEqual(crashes, [{ code: 134, restarted: true, restarts: 1 }]);
  assert.equal(children.length, 2, 'a new engine was forked');
  assert.equal(sup.running, true);
});

test('an engine that keeps crashing is given up on, and says so', async () => {
  const { sup, children, crashes, tick } = setup({ answer: false, maxRestarts: 2 });
  sup.start();
  children[0]!.crash(1);
  children[1]!.crash(1);
  children[2]!.crash(1);
  assert.equal(children.length, 3);
  assert.deepEqual(crashes.map((c) => c.restarted), [true, true, false]);
  await assert.rejects(sup.request('app.info', {}), /crashed repeatedly/);
  tick(120_000);
  assert.equal(children.length, 3, 'no restart after giving up');
});

test('crashes spread out in time keep being restarted', () => {
  const { sup, children, crashes, tick } = setup({ answer: false, maxRestarts: 2 });
  sup.start();
  for (let i = 0; i < 5; i++) {
    children[children.length - 1]!.crash(1);
    tick(61_000);
  }
  assert.equal(children.length, 6);
  assert.ok(crashes.every((c) => c.restarted));
});

test('a clean stop does not restart; a clean exit restarts on the next request', async () => {
  const { sup, children, crashes } = setup();
  sup.start();
  children[0]!.emit('exit', 0);
  assert.equal(crashes.length, 0);
  assert.equal(await sup.request('app.info', {}), 'app.info#2');
  sup.stop();
  await new Promise((r) => children[1]!.once('exit', r));
  assert.equal(children[1]!.killed, true);
  assert.equal(children.length, 2);
  await assert.rejects(sup.request('app.info', {}), /not running/);
});
