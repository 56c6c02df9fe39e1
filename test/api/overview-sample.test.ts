/** overview.get says whether the sample is open, and which alert of it the tour shows per detection. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { markSample } from '../../db/ui/captures.ts';
import { seededHandlers } from './fixture.ts';

test('no sample data: sample is null; after the sample is marked: its first alert per detection', async () => {
  const { h, deps } = seededHandlers();
  assert.equal((await h['overview.get']({})).sample, null);
  markSample(deps.db, 1);
  assert.deepEqual((await h['overview.get']({})).sample, { alerts: { '2003': 1, '2012': 2 } });
});
