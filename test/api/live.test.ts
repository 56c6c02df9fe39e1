/** live.start relays the interface, the capture filter and the ring buffer options to the live service; bad ring options are refused at the boundary. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, dispatch } from '../../main/api/contract.ts';
import type { LiveStartOptions } from '../../main/api/deps.ts';
import { createHandlers } from '../../main/api/handlers/index.ts';
import { fakeLive, idleLive, makeDeps } from './fixture.ts';

test('live.start passes the filter and ring buffer options to the live service', async () => {
  const seen: LiveStartOptions[] = [];
  const live = { ...fakeLive, start: async (o: LiveStartOptions) => (seen.push(o), { ...idleLive, state: 'running' as const, interface: o.interface }) };
  const h = createHandlers(makeDeps({ live }));
  const s = (await dispatch(h, 'live.start', { interface: 'eth1', filter: 'not port 443', ring: { files: 10, fileMb: 100 } })) as { state: string; interface: string };
  assert.equal(s.state, 'running');
  assert.equal(s.interface, 'eth1');
  await dispatch(h, 'live.start', { interface: 'eth2' });
  assert.deepEqual(seen, [{ interface: 'eth1', filter: 'not port 443', ring: { files: 10, fileMb: 100 } }, { interface: 'eth2' }]);
});

test('live.start refuses ring options out of range before reaching the live service', async () => {
  let calls = 0;
  const live = { ...fakeLive, start: async () => (calls++, idleLive) };
  const h = createHandlers(makeDeps({ live }));
  for (const ring of [{ files: 1, fileMb: 100 }, { files: 10, fileMb: 0 }, { files: 2.5, fileMb: 10 }, { files: 10 }]) {
    await assert.rejects(dispatch(h, 'live.start', { interface: 'eth1', ring }), (e) => e instanceof ApiError && e.status === 400, JSON.stringify(ring));
  }
  assert.equal(calls, 0);
});
