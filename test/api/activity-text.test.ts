import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SamrCallActivity } from '../../main/engine/activity.ts';
import { activityLine, samrObject } from '../../main/api/present/activity-text.ts';

const call = (over: Partial<SamrCallActivity>): SamrCallActivity => ({
  kind: 'samr', ts: 1, frames: [5, 6], src: '10.0.0.66', dst: '10.0.0.10', user: { name: 'alice', domain: 'CORP', source: 'ntlmssp' },
  opnum: 25, operation: 'SamrGetMembersInGroup', object: { type: 'group', rid: 512, name: 'Domain Admins' }, status: 0, statusName: 'STATUS_SUCCESS',
  names: [], rids: [], members: [], queryClass: 'members-sensitive-group', sensitive: true, sealed: false, transport: 'smb', ...over,
});

test('a known SAMR object reads by name or RID', () => {
  assert.equal(activityLine(call({})), 'SamrGetMembersInGroup group Domain Admins -> success ★');
  assert.equal(samrObject({ type: 'group', rid: 1105 }), 'group RID-1105');
});

test('a sealed SAMR call whose object could not be read says so instead of naming a group', () => {
  const a = call({ object: { type: 'group', unknown: true }, sealed: true, sensitive: false, queryClass: 'members-other-group', status: null, statusName: null });
  assert.equal(activityLine(a), 'SamrGetMembersInGroup group (not readable: sealed) -> no answer');
  // Even if a stale RID came along with the unknown flag, it is not presented as known.
  assert.equal(samrObject({ type: 'group', rid: 512, unknown: true }, true), 'group (not readable: sealed)');
  assert.equal(samrObject({ type: 'user', unknown: true }), 'user (not readable: handle opened before the capture)');
  assert.equal(samrObject({ type: 'none', unknown: true }, true), 'object (not readable: sealed)');
});
