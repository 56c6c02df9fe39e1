import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Activity, SamrCallActivity, SamrQueryClass } from '../../main/engine/activity.ts';
import { DEFAULT_DETECTION_SETTINGS, type AlertUpdate } from '../../main/engine/detector.ts';
import { createDetector, summarizer } from '../../main/detectors/samr-recon/index.ts';
import { noNames, someNames, testEnv } from './2021-detector-env.ts';
import { loadFixture, runSamr } from '../samr/samr-helpers.ts';

const DC = '10.0.0.10';
const WS = '10.0.0.66';
const DAY = 86_400_000_000;
const T0 = 1_700_000_000_000_000;

function samr(opnum: number, queryClass: SamrQueryClass | null, over: Partial<SamrCallActivity> = {}): SamrCallActivity {
  return {
    kind: 'samr',
    ts: T0,
    frames: [100],
    src: WS,
    dst: DC,
    user: { name: 'alice', domain: 'CORP', source: 'ntlmssp' },
    opnum,
    operation: `op${opnum}`,
    object: { type: 'domain', domainSid: 'S-1-5-21-1-2-3' },
    status: 0,
    statusName: 'STATUS_SUCCESS',
    names: [],
    rids: [],
    members: [],
    queryClass,
    sensitive: false,
    sealed: false,
    transport: 'smb',
    ...over,
  };
}
const at = (days: number, a: SamrCallActivity) => ({ ...a, ts: T0 + days * DAY });
const enumUsers = samr(13, 'enumerate-users', { names: ['Administrator', 'bob'], rids: [500, 1105] });
const connect = samr(64, null, { object: { type: 'server' } });

test('learning: classes seen while learning never alert; a new class after it does', () => {
  const d = createDetector();
  const env = testEnv([DC]);
  assert.deepEqual(d.onActivity(connect, env), []);
  assert.equal(env.starts.get(DC), T0, 'learning starts at the DC first SAMR activity (plumbing too)');
  assert.deepEqual(d.onActivity(at(3, enumUsers), env), []);
  assert.ok(env.rows.has(`${DC}|${WS}|enumerate-users`));
  assert.deepEqual(d.onActivity(at(29, enumUsers), env), [], 'known from learning');
  const groups = at(29, samr(11, 'enumerate-groups'));
  const u = d.onActivity(groups, env);
  assert.equal(u.length, 1);
  assert.deepEqual(u[0]?.note, { newClasses: ['enumerate-groups'] });
  assert.deepEqual([u[0]?.source, u[0]?.target, u[0]?.detection], [WS, DC, '2021']);
});

test('the baseline is per (DC, source, class)', () => {
  const d = createDetector();
  const env = testEnv([DC, '10.0.0.11']);
  d.onActivity(enumUsers, env);
  assert.equal(d.onActivity(at(30, { ...enumUsers, src: '10.0.0.77' }), env).length, 1, 'another source');
  assert.equal(d.onActivity(at(30, { ...enumUsers, dst: '10.0.0.11' }), env).length, 0, 'another DC learns from its own first activity');
  assert.equal(env.starts.get('10.0.0.11'), T0 + 30 * DAY);
});

test('learning 0: every reconnaissance class alerts with noBaseline; plumbing does not', () => {
  const d = createDetector();
  const env = testEnv([DC], { samrLearningS: 0 });
  assert.deepEqual(d.onActivity(connect, env), []);
  const u = d.onActivity(enumUsers, env);
  assert.deepEqual(u[0]?.note, { noBaseline: true, newClasses: ['enumerate-users'] });
});

test('not a DC: nothing is learned and nothing alerts', () => {
  const d = createDetector();
  const env = testEnv([], { samrLearningS: 0 });
  assert.deepEqual(d.onActivity(enumUsers, env), []);
  assert.equal(env.starts.size, 0);
});

test('an analyst-tagged account makes a plain lookup a sensitive query', () => {
  const lookup = samr(17, null, { names: ['svc_backup'], rids: [1201], object: { type: 'user', rid: 1201, name: 'svc_backup' } });
  assert.deepEqual(createDetector().onActivity(lookup, testEnv([DC], { samrLearningS: 0 })), []);
  const tagged = testEnv([DC], { samrLearningS: 0, taggedSensitive: new Set(['svc_backup']) });
  assert.deepEqual(createDetector().onActivity(lookup, tagged)[0]?.note?.newClasses, ['query-sensitive-account']);
});

function alertsFor(acts: SamrCallActivity[], env = testEnv(['192.168.11.11', '192.168.12.11'], { samrLearningS: 0 })): AlertUpdate[] {
  const d = createDetector();
  return acts.flatMap((a) => d.onActivity(a, env));
}

test('net group "domain admins" /domain: title names Domain Admins, members exposed with names from LookupIds', () => {
  const fx = loadFixture('net.exe_group__domain_admins__domain');
  const acts = runSamr(fx, { name: 'enum', domain: 'DOMAIN-Y', source: 'ntlmssp' }).activities.map((a, i) => ({ ...a, ts: T0 + i }));
  const updates = alertsFor(acts);
  assert.ok(updates.length > 0);
  assert.ok(updates.every((u) => u.source === '192.168.11.101' && u.target === '192.168.11.11'));
  const s = summarizer.summarize({
    source: '192.168.11.101',
    target: '192.168.11.11',
    evidence: updates.flatMap((u) => u.evidence),
    notes: updates.flatMap((u) => (u.note ? [u.note] : [])),
    names: someNames({ '192.168.11.11': 'YDC1' }),
    settings: DEFAULT_DETECTION_SETTINGS,
  });
  assert.equal(s.title, 'enum on 192.168.11.101 queried YDC1 (192.168.11.11) over SAMR for members of Domain Admins; 1 sensitive accounts queried. No baseline (learning period off).');
  // The group as looked up, then its six members, named by the LookupIds answer that followed.
  assert.deepEqual(s.exposedAccounts, ['domain admins', 'Administrator', 'INES_RIVAS', 'STEVEN_JENKINS', 'CALVIN_LINDSEY', 'CHRISTIAN_PUGH', 'CAROLE_MARSH']);
  assert.deepEqual(s.details['classes'], ['members-sensitive-group', 'query-sensitive-account']);
  assert.equal(s.details['noBaseline'], true);
});

test('rpcclient querygroupmem: unresolved members read RID-500; user unknown reads "An unknown user"', () => {
  const acts = runSamr(loadFixture('rpcclient_querygroupmem')).activities;
  const updates = alertsFor(acts);
  const s = summarizer.summarize({ source: '192.168.10.101', target: '192.168.12.11', evidence: updates.flatMap((u) => u.evidence), notes: [], names: noNames, settings: DEFAULT_DETECTION_SETTINGS });
  assert.equal(s.title, 'An unknown user on 192.168.10.101 queried 192.168.12.11 over SAMR for members of Domain Admins; 1 sensitive accounts queried.');
  assert.deepEqual(s.exposedAccounts, ['RID-512', 'RID-500']);
  const [call] = s.details['calls'] as { operation: string; object: unknown; sensitive: boolean; membersReturned: number }[];
  assert.deepEqual(call, { operation: 'SamrGetMembersInGroup', object: { type: 'group', rid: 512, name: null }, queryClass: 'members-sensitive-group', sensitive: true, status: 0, statusName: 'STATUS_SUCCESS', namesReturned: 0, membersReturned: 1, sealed: false, frame: 44 });
});

test('SharpHound aliases: classes in plain words, sensitive aliases counted', () => {
  const acts = runSamr(loadFixture('sharphound_domain_z')).activities;
  const updates = alertsFor(acts);
  const s = summarizer.summarize({ source: '192.168.11.101', target: '192.168.12.11', evidence: updates.flatMap((u) => u.evidence), notes: [{ noBaseline: true }], names: noNames, settings: DEFAULT_DETECTION_SETTINGS });
  assert.match(s.title, /over SAMR for aliases, members of Server Operators, Account Operators, Administrators, Print Operators and Backup Operators and members of other groups; 5 sensitive accounts queried\. No baseline/);
  assert.ok(s.exposedAccounts.includes('Administrators'));
  assert.ok(s.exposedAccounts.includes('RID-512'), 'Domain Admins, a member of Builtin Administrators');
});

test('net user ronhd /domain raises nothing even without a baseline', () => {
  const acts = runSamr(loadFixture('20171220_smb_net_user')).activities;
  assert.deepEqual(alertsFor(acts, testEnv(['192.168.10.10'], { samrLearningS: 0 })), []);
});

const summarize = (evidence: readonly Activity[], noBaseline = true) =>
  summarizer.summarize({ source: WS, target: DC, evidence, notes: noBaseline ? [{ noBaseline: true }] : [], names: noNames, settings: DEFAULT_DETECTION_SETTINGS });
type CallDetails = { operation: string; object: Record<string, unknown>; queryClass: string | null; sensitive: boolean | null; sealed: boolean };

test('sealed GetMembersInGroup: still alerts, but the group is unknown, never "other groups" (samr-sealed.pcap)', () => {
  const sealed = { sealed: true, status: null, statusName: null };
  const users = samr(13, 'enumerate-users', { ...sealed, object: { type: 'domain', unknown: true } });
  const members = samr(25, 'members-other-group', { ...sealed, operation: 'SamrGetMembersInGroup', object: { type: 'group', unknown: true }, frames: [120] });
  const updates = alertsFor([users, members, { ...members, frames: [140] }], testEnv([DC], { samrLearningS: 0 }));
  assert.equal(updates.length, 3, 'the opnum says what kind of query it was: it alerts');
  const s = summarize(updates.flatMap((u) => u.evidence));
  assert.equal(s.title, `alice on ${WS} queried ${DC} over SAMR for users and members of groups it could not read (2 sealed calls); 0 sensitive accounts queried. No baseline (learning period off).`);
  assert.doesNotMatch(s.title, /other groups/);
  assert.deepEqual(s.exposedAccounts, []);
  const calls = s.details['calls'] as CallDetails[];
  assert.deepEqual(calls[1], {
    operation: 'SamrGetMembersInGroup', object: { type: 'group', rid: null, name: null, unknown: true }, queryClass: 'members-other-group',
    sensitive: null, status: null, statusName: null, namesReturned: 0, membersReturned: 0, sealed: true, frame: 120,
  });
  assert.equal(summarize([members]).title, `alice on ${WS} queried ${DC} over SAMR for members of a group it could not read (sealed); 0 sensitive accounts queried. No baseline (learning period off).`);
});

test('a readable other group and an unread one are told apart; an alias whose handle was not seen says so', () => {
  const sales = samr(25, 'members-other-group', { object: { type: 'group', rid: 1105, name: 'Sales' }, members: [{ rid: 1106, name: 'bob' }] });
  const sealedGroup = samr(25, 'members-other-group', { sealed: true, object: { type: 'group', unknown: true } });
  assert.match(summarize([sales, sealedGroup]).title, / for members of other groups and members of a group it could not read \(sealed\);/);
  const alias = samr(33, 'members-other-group', { object: { type: 'alias', unknown: true } });
  assert.match(summarize([alias]).title, / for members of an alias it could not read \(its handle was not seen\);/);
});

test('a group named only by its well-known RID reads the same everywhere in the title and counts once (the bundled sample)', () => {
  // rpcclient: enumdomusers; querygroupmem 0x200 (OpenGroup 512, GetMembersInGroup); queryuser 500.
  const users = samr(13, 'enumerate-users', { names: ['Administrator', 'tadmin', 'bob'], rids: [500, 1112, 1105] });
  const openGroup = samr(19, null, { object: { type: 'group', rid: 512, name: null } });
  const members = samr(25, 'members-sensitive-group', { object: { type: 'group', rid: 512, name: null }, sensitive: true, members: [{ rid: 500, name: null }, { rid: 1112, name: null }] });
  const openUser = samr(34, 'query-sensitive-account', { object: { type: 'user', rid: 500, name: null }, sensitive: true });
  const queryUser = samr(36, 'query-sensitive-account', { object: { type: 'user', rid: 500, name: 'Administrator' }, names: ['Administrator'], sensitive: true });
  const s = summarize([users, openGroup, members, openUser, queryUser]);
  assert.equal(s.title, `alice on ${WS} queried ${DC} over SAMR for users, members of Domain Admins and the sensitive account Administrator; 2 sensitive accounts queried. No baseline (learning period off).`);
  assert.doesNotMatch(s.title, /RID-512/);
  // exposedAccounts keep DESIGN.md's convention: a RID whose name never crossed the wire reads RID-512.
  assert.deepEqual(s.exposedAccounts, ['RID-512', 'Administrator', 'tadmin']);
});

test('a group looked up by name on one pipe and opened by RID on another is one group; a LookupIds answer names it', () => {
  const lookup = samr(17, 'query-sensitive-account', { names: ['domain admins'], rids: [512], object: { type: 'group', rid: 512, name: 'domain admins' }, sensitive: true });
  const members = samr(25, 'members-sensitive-group', { object: { type: 'group', rid: 512, name: null }, sensitive: true, members: [{ rid: 500, name: null }] });
  const s = summarize([lookup, members]);
  assert.equal(s.title, `alice on ${WS} queried ${DC} over SAMR for members of Domain Admins; 1 sensitive accounts queried. No baseline (learning period off).`);
  assert.deepEqual(s.exposedAccounts, ['domain admins', 'RID-500']);
  // A domain that calls its group 512 otherwise: the evidence's name wins, in the title and the exposed list.
  const ids = samr(18, null, { rids: [512, 500], names: ['Domänen-Admins', 'Administrator'] });
  const t = summarize([members, ids]);
  assert.equal(t.title, `alice on ${WS} queried ${DC} over SAMR for members of Domänen-Admins; 1 sensitive accounts queried. No baseline (learning period off).`);
  assert.deepEqual(t.exposedAccounts, ['Domänen-Admins', 'Administrator']);
});

test('a Kerberos SMB session whose client is unknown reads "An unknown user (Kerberos)", as in 2012', () => {
  const s = summarize([samr(13, 'enumerate-users', { user: { name: null, domain: null, source: 'kerberos' } })], false);
  assert.equal(s.title, `An unknown user (Kerberos) on ${WS} queried ${DC} over SAMR for users; 0 sensitive accounts queried.`);
});
