/**
 * SAMR activities from real conversations: handles followed per association, objects named through
 * the association's own lookups, query classes and sensitivity as DESIGN.md defines them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SamrCallActivity } from '../../main/engine/activity.ts';
import { loadFixture, runSamr } from './samr-helpers.ts';

const byOp = (acts: SamrCallActivity[], op: string) => acts.filter((a) => a.operation === op);
const classes = (acts: SamrCallActivity[]) => [...new Set(acts.map((a) => a.queryClass).filter((c) => c !== null))].sort();

test('rpcclient querygroupmem (NDR): OpenGroup 512 then GetMembersInGroup -> members of a sensitive group', () => {
  const { activities } = runSamr(loadFixture('rpcclient_querygroupmem'));
  const [members] = byOp(activities, 'SamrGetMembersInGroup');
  assert.equal(members?.object.type, 'group');
  assert.equal(members?.object.rid, 512);
  assert.equal(members?.object.domainName, 'DOMAIN-Z');
  assert.equal(members?.object.domainSid, 'S-1-5-21-2189324197-3478012550-1180063049');
  // rpcclient asks for no names after the members: RID 500 stays unnamed on this association.
  assert.deepEqual(members?.members, [{ rid: 500, name: null }]);
  assert.equal(members?.queryClass, 'members-sensitive-group');
  assert.equal(members?.sensitive, true);
  assert.deepEqual(classes(activities), ['members-sensitive-group']);
  // Connect, EnumerateDomains, LookupDomain, OpenDomain, OpenGroup and Close are plumbing.
  assert.deepEqual(byOp(activities, 'SamrOpenGroup').map((a) => a.queryClass), [null]);
  assert.equal(byOp(activities, 'SamrCloseHandle').length, 3);
});

test('net group "domain admins" /domain (NDR64): the looked-up name names the group on later calls', () => {
  const { activities } = runSamr(loadFixture('net.exe_group__domain_admins__domain'));
  const lookups = byOp(activities, 'SamrLookupNamesInDomain');
  assert.deepEqual(lookups.map((a) => [a.names, a.rids, a.object.type, a.queryClass]), [
    [['domain admins'], [512], 'group', 'query-sensitive-account'],
    [['domain admins'], [512], 'group', 'query-sensitive-account'],
  ]);
  const [members] = byOp(activities, 'SamrGetMembersInGroup');
  assert.equal(members?.object.name, 'domain admins');
  assert.deepEqual(members?.rids, [500, 1136, 1204, 1303, 1516, 1588]);
  const [ids] = byOp(activities, 'SamrLookupIdsInDomain');
  assert.equal(ids?.names[0], 'Administrator');
  assert.equal(ids?.queryClass, null);
  assert.deepEqual(classes(activities), ['members-sensitive-group', 'query-sensitive-account']);
});

test('net user administrator /domain (NDR64): a sensitive account queried', () => {
  const { activities } = runSamr(loadFixture('net.exe_user_administrator__domain'));
  const [open] = byOp(activities, 'SamrOpenUser');
  assert.deepEqual([open?.object.rid, open?.object.name, open?.queryClass], [500, 'administrator', 'query-sensitive-account']);
  assert.equal(byOp(activities, 'SamrQueryInformationUser')[0]?.queryClass, 'query-sensitive-account');
  assert.deepEqual(byOp(activities, 'SamrGetGroupsForUser')[0]?.rids.slice(0, 3), [1613, 518, 512]);
  assert.deepEqual(classes(activities), ['query-sensitive-account']);
});

test('net user ronhd /domain: a single lookup of an ordinary user is plumbing only', () => {
  const { activities } = runSamr(loadFixture('20171220_smb_net_user'));
  assert.equal(activities.length, 42);
  assert.deepEqual(classes(activities), []);
  const [lookup] = byOp(activities, 'SamrLookupNamesInDomain');
  assert.deepEqual([lookup?.names, lookup?.rids, lookup?.sensitive], [['ronhd'], [1110], false]);
  assert.equal(byOp(activities, 'SamrOpenUser')[0]?.object.name, 'ronhd');
  // USER_ALL_INFORMATION in NDR64 gives the account's own spelling.
  assert.deepEqual(byOp(activities, 'SamrQueryInformationUser')[0]?.names, ['RonHD']);
});

test('rpcclient enumerations: users, display users, groups; a sensitive name looked up', () => {
  const users = runSamr(loadFixture('rpcclient_enumdomusers')).activities;
  const [enumUsers] = byOp(users, 'SamrEnumerateUsersInDomain');
  assert.deepEqual(enumUsers?.names.slice(0, 3), ['Administrator', 'Guest', 'krbtgt']);
  assert.deepEqual(enumUsers?.rids.slice(0, 3), [500, 501, 502]);
  assert.deepEqual(classes(users), ['enumerate-users']);
  const disp = runSamr(loadFixture('rpcclient_querydispinfo')).activities;
  assert.deepEqual(classes(disp), ['enumerate-users']);
  assert.ok(byOp(disp, 'SamrQueryDisplayInformation')[0]!.names.includes('Administrator'));
  const groups = runSamr(loadFixture('rpcclient_enumdomgroups')).activities;
  assert.deepEqual(classes(groups), ['enumerate-groups']);
  assert.ok(byOp(groups, 'SamrEnumerateGroupsInDomain')[0]!.names.includes('Domain Admins'));
  const names = runSamr(loadFixture('rpcclient_samlookupnames_domain')).activities;
  assert.deepEqual(classes(names), ['query-sensitive-account']);
  const user = runSamr(loadFixture('rpcclient_queryuser')).activities;
  assert.deepEqual(classes(user), ['query-sensitive-account']);
  // QueryInformationUser level 21 (USER_ALL_INFORMATION, NDR) names the account opened by RID.
  const [info] = byOp(user, 'SamrQueryInformationUser');
  assert.deepEqual([info?.names, info?.object.rid, info?.object.name], [['Administrator'], 500, 'Administrator']);
});

test('SharpHound (NDR64): aliases enumerated, 28 opened, members of Builtin Administrators returned as SIDs', () => {
  const { activities } = runSamr(loadFixture('sharphound_domain_z'));
  assert.equal(byOp(activities, 'SamrOpenAlias').length, 28);
  assert.equal(byOp(activities, 'SamrGetMembersInAlias').length, 28);
  assert.equal(byOp(activities, 'SamrEnumerateAliasesInDomain')[0]?.names.length, 28);
  const admins = byOp(activities, 'SamrGetMembersInAlias').find((a) => a.object.rid === 544);
  assert.equal(admins?.object.name, 'Administrators');
  assert.equal(admins?.object.domainName, 'Builtin');
  assert.deepEqual(admins?.rids, [500, 519, 512]);
  assert.equal(admins?.members[0]?.sid, 'S-1-5-21-2189324197-3478012550-1180063049-500');
  assert.deepEqual(classes(activities), ['enumerate-aliases', 'members-other-group', 'members-sensitive-group']);
});

test('a closed handle names nothing any more', () => {
  const fx = loadFixture('rpcclient_querygroupmem');
  const members = fx.calls.find((c) => c.opnum === 25)!;
  fx.calls.push({ ...members, callId: 99, requestFrame: 1000, responseFrame: 1001 });
  const { activities } = runSamr(fx);
  const last = activities[activities.length - 1]!;
  // A member query all the same, but of a group nobody can name: marked unknown, not "another group".
  assert.deepEqual(last.object, { type: 'group', unknown: true });
  assert.equal(last.sensitive, false);
  assert.equal(last.queryClass, 'members-other-group');
});

test('sealed calls get a class from the opnum alone when that is possible', () => {
  const fx = loadFixture('rpcclient_querygroupmem');
  const base = fx.calls[0]!;
  fx.calls = [13, 40, 25, 34, 33, 36].map((opnum, i) => ({ ...base, opnum, callId: i, request: null, response: null, requestFrame: i + 1, responseFrame: null, sealed: true }));
  const { activities, errors } = runSamr(fx);
  assert.deepEqual(
    activities.map((a) => a.queryClass),
    ['enumerate-users', null, 'members-other-group', null, 'members-other-group', null],
  );
  assert.ok(activities.every((a) => a.sealed && !a.sensitive));
  // The object of a sealed call is unknown (its kind comes from the opnum), never a named "other" group.
  assert.deepEqual(
    activities.map((a) => a.object),
    [{ type: 'domain', unknown: true }, { type: 'domain', unknown: true }, { type: 'group', unknown: true }, { type: 'user', unknown: true }, { type: 'alias', unknown: true }, { type: 'user', unknown: true }],
  );
  assert.deepEqual(errors, []);
});

test('a FAULT gives its status name', () => {
  const fx = loadFixture('rpcclient_querygroupmem');
  fx.calls = [{ ...fx.calls.find((c) => c.opnum === 25)!, response: null, fault: true }];
  const [a] = runSamr(fx).activities;
  assert.equal(a?.status, 5);
  assert.equal(a?.statusName, 'fault ACCESS_DENIED');
});

test('a handle opened before the capture began: QueryInformationUser level 21 still names the account', () => {
  const fx = loadFixture('rpcclient_queryuser');
  fx.calls = fx.calls.filter((c) => c.opnum === 36);
  const [a] = runSamr(fx).activities;
  assert.deepEqual(a?.object, { type: 'user', rid: 500, name: 'Administrator' });
  assert.equal(a?.queryClass, 'query-sensitive-account');
});
