import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SessionEnumActivity } from '../../main/engine/activity.ts';
import { DEFAULT_DETECTION_SETTINGS } from '../../main/engine/detector.ts';
import { createDetector, summarizer } from '../../main/detectors/session-enum/index.ts';
import { noNames, someNames, testEnv } from './2021-detector-env.ts';

const DC = '10.0.0.10';
const WS = '10.0.0.66';

function call(over: Partial<SessionEnumActivity> = {}): SessionEnumActivity {
  return {
    kind: 'srvsvc-sessenum',
    ts: 1_700_000_000_000_000,
    frames: [12, 13],
    src: WS,
    dst: DC,
    user: { name: 'alice', domain: 'CORP', source: 'ntlmssp' },
    level: 10,
    serverName: '\\\\DC01',
    clientFilter: null,
    userFilter: null,
    status: 0,
    statusName: 'WERR_OK',
    sessions: [
      { client: '\\\\10.0.0.22', user: 'bob' },
      { client: '\\\\10.0.0.66', user: 'alice' },
      { client: '\\\\10.0.0.23', user: 'CORP\\bob' },
    ],
    totalEntries: 3,
    sealed: false,
    ...over,
  };
}

test('NetrSessionEnum against a DC alerts, keyed (source, DC)', () => {
  const d = createDetector();
  const u = d.onActivity(call(), testEnv([DC]));
  assert.equal(u.length, 1);
  assert.deepEqual([u[0]?.detection, u[0]?.source, u[0]?.target], ['2012', WS, DC]);
  assert.equal(u[0]?.evidence.length, 1);
});

test('not a DC: nothing; other activities: nothing', () => {
  const d = createDetector();
  assert.deepEqual(d.onActivity(call({ dst: '10.0.0.5' }), testEnv([DC])), []);
  assert.deepEqual(d.onActivity({ ...call(), kind: 'samr' } as never, testEnv([])), []);
});

test('a denied call still alerts (the attempt is the reconnaissance), and says 0 users exposed', () => {
  const denied = call({ status: 5, statusName: 'WERR_ACCESS_DENIED', sessions: [], totalEntries: 0, user: { name: null, domain: null, source: 'kerberos' } });
  const u = createDetector().onActivity(denied, testEnv([DC]));
  assert.equal(u.length, 1);
  const s = summarizer.summarize({ source: WS, target: DC, evidence: [denied], notes: [], names: noNames, settings: DEFAULT_DETECTION_SETTINGS });
  assert.equal(s.title, `An unknown user (Kerberos) on ${WS} listed the SMB sessions on ${DC}; 0 users exposed.`);
  assert.deepEqual(s.exposedAccounts, []);
  assert.deepEqual((s.details['calls'] as unknown[])[0], { level: 10, status: 5, statusName: 'WERR_ACCESS_DENIED', sessionsReturned: 0, totalEntries: 0, user: null, sealed: false, frame: 12 });
});

test('title, exposed users (bare, distinct) and sessions with their clients', () => {
  const names = someNames({ [WS]: 'WS-17', [DC]: 'DC01' });
  const s = summarizer.summarize({ source: WS, target: DC, evidence: [call(), call({ frames: [40, 41] })], notes: [], names, settings: DEFAULT_DETECTION_SETTINGS });
  assert.equal(s.title, 'alice on WS-17 (10.0.0.66) listed the SMB sessions on DC01 (10.0.0.10); 2 users exposed.');
  assert.deepEqual(s.exposedAccounts, ['bob', 'alice']);
  assert.deepEqual(s.details['sessions'], call().sessions);
  assert.equal((s.details['calls'] as unknown[]).length, 2);
});

test('the caller wording follows how the SMB session was authenticated', () => {
  const title = (user: SessionEnumActivity['user']) =>
    summarizer.summarize({ source: WS, target: DC, evidence: [call({ user })], notes: [], names: noNames, settings: DEFAULT_DETECTION_SETTINGS }).title;
  assert.match(title({ name: null, domain: null, source: 'kerberos' }), /^An unknown user \(Kerberos\) on /, 'AP-REQ seen, no TGS in the capture');
  assert.match(title({ name: null, domain: null, source: 'kerberos-tgs' }), /^An unknown user \(Kerberos\) on /);
  assert.match(title({ name: null, domain: null, source: 'unknown' }), /^An unknown user on /, 'session setup not seen');
  assert.match(title({ name: null, domain: null, source: 'smb1' }), /^An unknown user on /);
  assert.match(title({ name: 'bob', domain: 'CORP', source: 'kerberos-tgs' }), /^bob on /);
});

test('sessions are merged by (client, user); a level-0 entry without a user is dropped when a richer one names that client', () => {
  // What Samba answers at level 0 then level 1 (netsessenum-admin.pcap, the bundled sample).
  const level0 = call({ level: 0, sessions: [{ client: '10.66.0.66', user: '' }, { client: '10.66.0.21', user: '' }, { client: '10.66.0.30', user: '' }] });
  const level1 = call({ level: 1, sessions: [{ client: '10.66.0.66', user: 'LAB\\Administrator' }, { client: '10.66.0.21', user: 'LAB\\bob' }, { client: '10.66.0.21', user: 'LAB\\carol' }] });
  const level10 = call({ level: 10, sessions: [{ client: '\\\\10.66.0.21', user: 'BOB' }, { client: '\\\\10.66.0.66', user: 'LAB\\Administrator' }] });
  const s = summarizer.summarize({ source: WS, target: DC, evidence: [level0, level1, level10, level1], notes: [], names: noNames, settings: DEFAULT_DETECTION_SETTINGS });
  assert.deepEqual(s.details['sessions'], [
    { client: '10.66.0.30', user: '' }, // nobody else names this client: kept
    { client: '10.66.0.66', user: 'LAB\\Administrator' },
    { client: '10.66.0.21', user: 'LAB\\bob' },
    { client: '10.66.0.21', user: 'LAB\\carol' },
  ]);
  assert.deepEqual(s.exposedAccounts, ['Administrator', 'bob', 'carol'], 'BOB is bob');
  assert.match(s.title, /; 3 users exposed\.$/);
});
