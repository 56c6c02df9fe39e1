import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listArgs, readFilters, writeFilters } from '../../renderer/screens/alert-filters.ts';
import { parseHash } from '../../renderer/router.ts';
import { seededHandlers } from './fixture.ts';

test('alert filters survive the trip through the hash (Back keeps them)', () => {
  const f = readFilters(parseHash('#/alerts?status=closed&det=2012,2021,9999&sens=1&q=WS-17&from=10&to=20&sort=exposed&dir=asc').query);
  assert.deepEqual(f, { status: 'closed', det: ['2012', '2021'], sens: true, q: 'WS-17', from: 10, to: 20, sort: 'exposed', dir: 'asc' });
  assert.deepEqual(readFilters(writeFilters(f)), f);
  assert.deepEqual(readFilters(new URLSearchParams('sort=__proto__&status=weird')).sort, 'lastSeen');
});

test('"Open" means open and reopened; the list honours sort and direction', async () => {
  const { h } = seededHandlers();
  const args = listArgs(readFilters(new URLSearchParams('status=open&sort=exposed&dir=asc')));
  assert.deepEqual(args.statuses, ['open', 'reopened']);
  assert.deepEqual([args.sort, args.dir], ['exposed', 'asc']);
  await h['triage.close']({ id: 1, classification: 'tp', alsoExclude: false });
  await h['triage.reopen']({ id: 1 });
  const r = await h['alerts.list']({ ...args, sort: 'exposed', dir: 'asc', offset: 0, limit: 10 });
  assert.deepEqual(r.rows.map((x) => `${x.id}:${x.exposedCount}:${x.status}`), ['1:1:reopened', '2:2:open']);
});
