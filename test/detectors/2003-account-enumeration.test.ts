import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KerberosAsActivity } from '../../main/engine/activity.ts';
import { DEFAULT_DETECTION_SETTINGS, type DetectorEnv, type DetectionSettings } from '../../main/engine/detector.ts';
import { createDetector, summarizer } from '../../main/detectors/account-enumeration/index.ts';
import { ALERT_MERGE_US, MAX_RECENT_GUESSES } from '../../main/detectors/account-enumeration/detector.ts';

const T0 = Date.UTC(2026, 11, 4, 9, 0, 0) * 1000;
const S = 1_000_000;
const env = (settings: Partial<DetectionSettings> = {}): DetectorEnv => ({
  settings: { ...DEFAULT_DETECTION_SETTINGS, ...settings },
  hasRole: () => false,
  samrBaseline: { learningStart: () => undefined, setLearningStart: () => {}, has: () => false, add: () => {} },
});
let frame = 1;
function guess(name: string, outcome: KerberosAsActivity['outcome'], ts: number, src = '10.0.0.66', kdc = '10.0.0.10', realm = 'CORP.LOCAL'): KerberosAsActivity {
  const answer: KerberosAsActivity['answer'] =
    outcome === 'unknown' ? { type: 'error', code: 6, name: 'KDC_ERR_C_PRINCIPAL_UNKNOWN' } : outcome === 'exists' ? { type: 'error', code: 25, name: 'KDC_ERR_PREAUTH_REQUIRED' } : outcome === 'other' ? { type: 'error', code: 37, name: 'KRB_AP_ERR_SKEW' } : { type: 'none' };
  return { kind: 'krb-as', ts, frames: [frame++], src, dst: kdc, transport: 'udp', cname: name, realm, sname: `krbtgt/${realm}`, etypes: [23, 18], padataTypes: [], answer, outcome };
}

test('fires on the 10th distinct unknown name within 10 minutes, with the earlier guesses as evidence', () => {
  const d = createDetector();
  const e = env();
  const updates = [];
  updates.push(...d.onActivity(guess('administrator', 'exists', T0), e));
  for (let i = 0; i < 9; i++) updates.push(...d.onActivity(guess(`user${i}`, 'unknown', T0 + (i + 1) * S), e));
  assert.equal(updates.length, 0, '9 unknown names do not fire');
  const fired = d.onActivity(guess('user9', 'unknown', T0 + 10 * S), e);
  assert.equal(fired.length, 1);
  assert.deepEqual([fired[0]!.detection, fired[0]!.source, fired[0]!.target, fired[0]!.ts], ['2003', '10.0.0.66', '10.0.0.10', T0 + 10 * S]);
  assert.equal(fired[0]!.evidence.length, 11, 'the matched administrator guess and the 10 unknown');
  // Later guesses from the same source to the same KDC are evidence of the alert, whatever their answer.
  const more = d.onActivity(guess('svc_sql', 'exists', T0 + 20 * S), e);
  assert.equal(more.length, 1);
  assert.equal(more[0]!.evidence.length, 1);
});

test('the same unknown name repeated is one name; a handful of typos is not enumeration', () => {
  const d = createDetector();
  const e = env();
  let n = 0;
  for (let i = 0; i < 50; i++) n += d.onActivity(guess(i % 2 ? 'Alcie' : 'alcie', 'unknown', T0 + i * S), e).length;
  for (const typo of ['bbo', 'crol', 'dvae']) n += d.onActivity(guess(typo, 'unknown', T0 + 60 * S), e).length;
  assert.equal(n, 0);
});

test('names that leave the window no longer count', () => {
  const d = createDetector();
  const e = env();
  let n = 0;
  for (let i = 0; i < 9; i++) n += d.onActivity(guess(`old${i}`, 'unknown', T0 + i * S), e).length;
  n += d.onActivity(guess('late', 'unknown', T0 + 601 * S), e).length;
  assert.equal(n, 0, 'old0 left the 600 s window before late arrived');
  const fired = d.onActivity(guess('late2', 'unknown', T0 + 602 * S), e);
  assert.equal(fired.length, 0, 'old1 left too');
  // With a longer window the same sequence fires.
  const d2 = createDetector();
  const e2 = env({ enumWindowS: 3600 });
  let m = 0;
  for (let i = 0; i < 9; i++) m += d2.onActivity(guess(`old${i}`, 'unknown', T0 + i * S), e2).length;
  m += d2.onActivity(guess('late', 'unknown', T0 + 601 * S), e2).length;
  assert.equal(m, 1);
});

test('the threshold is a setting; per (source, KDC) pair', () => {
  const d = createDetector();
  const e = env({ enumUnknownNames: 3 });
  assert.equal(d.onActivity(guess('a', 'unknown', T0, '10.0.0.1'), e).length, 0);
  assert.equal(d.onActivity(guess('b', 'unknown', T0 + 1, '10.0.0.2'), e).length, 0);
  assert.equal(d.onActivity(guess('c', 'unknown', T0 + 2, '10.0.0.1', '10.0.0.11'), e).length, 0);
  assert.equal(d.onActivity(guess('d', 'unknown', T0 + 3, '10.0.0.1'), e).length, 0);
  assert.equal(d.onActivity(guess('e', 'unknown', T0 + 4, '10.0.0.1'), e).length, 1);
});

test('after 24 h of quiet, a new alert needs the threshold again', () => {
  const d = createDetector();
  const e = env({ enumUnknownNames: 2 });
  d.onActivity(guess('a', 'unknown', T0), e);
  assert.equal(d.onActivity(guess('b', 'unknown', T0 + S), e).length, 1);
  assert.equal(d.onActivity(guess('c', 'unknown', T0 + S + ALERT_MERGE_US + 1), e).length, 0);
  assert.equal(d.onActivity(guess('d', 'unknown', T0 + 2 * S + ALERT_MERGE_US), e).length, 1);
});

test('other activities are ignored', () => {
  const d = createDetector();
  assert.deepEqual(d.onActivity({ kind: 'dns-xfer', ts: T0, frames: [1], src: 'a', dst: 'b', transport: 'tcp', zone: 'z', qtype: 'AXFR', requestSeen: true, rcode: 0, rcodeName: 'NOERROR', records: 1, serial: 1 }, env()), []);
});

test('summary: UI.md title, matched accounts with their answer, realms, etypes, guesses', () => {
  const evidence = [
    guess('administrator', 'exists', T0),
    { ...guess('alice@corp.local', 'exists', T0 + S), answer: { type: 'as-rep' as const } },
    ...Array.from({ length: 10 }, (_, i) => guess(`user${i}`, 'unknown', T0 + (i + 2) * S)),
    guess('user0', 'unknown', T0 + 20 * S),
    guess('bob', 'other', T0 + 21 * S, '10.0.0.66', '10.0.0.10', 'OTHER.REALM'),
    guess('carol', 'no-answer', T0 + 22 * S),
  ];
  const s = summarizer.summarize({ source: '10.0.0.66', target: '10.0.0.10', evidence, notes: [], names: { nameOf: (ip) => (ip === '10.0.0.10' ? 'DC01' : null) }, settings: DEFAULT_DETECTION_SETTINGS });
  assert.equal(s.title, '10.0.0.66 guessed 14 account names against DC01 (10.0.0.10) over Kerberos; 2 exist, 10 unknown.');
  assert.deepEqual(s.exposedAccounts, ['administrator', 'alice']);
  const d = s.details as Record<string, unknown>;
  assert.equal(d['totalGuesses'], 15);
  assert.equal(d['distinctNames'], 14);
  assert.equal(d['unknownNames'], 10);
  assert.deepEqual(d['matched'], [{ name: 'administrator', answer: 'KDC_ERR_PREAUTH_REQUIRED' }, { name: 'alice', answer: 'AS-REP' }]);
  assert.deepEqual(d['realms'], ['CORP.LOCAL', 'OTHER.REALM']);
  assert.equal(d['firstGuess'], '2026-12-04T09:00:00.000Z');
  assert.equal(d['lastGuess'], '2026-12-04T09:00:22.000Z');
  assert.deepEqual(d['etypes'], [23, 18]);
  const guesses = d['guesses'] as { name: string; answer: string }[];
  assert.equal(guesses.length, 15);
  assert.deepEqual(guesses.at(-1), { name: 'carol', realm: 'CORP.LOCAL', answer: 'no answer', frame: evidence.at(-1)!.frames[0] });
  assert.equal(d['guessesNotListed'], 0);
});

test('summary caps the guesses list at 1000 and says how many more', () => {
  const evidence = Array.from({ length: 1203 }, (_, i) => guess(`u${i}`, 'unknown', T0 + i));
  const s = summarizer.summarize({ source: 'a', target: 'b', evidence, notes: [], names: { nameOf: () => null }, settings: DEFAULT_DETECTION_SETTINGS });
  const d = s.details as Record<string, unknown>;
  assert.equal((d['guesses'] as unknown[]).length, 1000);
  assert.equal(d['guessesNotListed'], 203);
  assert.equal(s.title, 'a guessed 1203 account names against b over Kerberos; 0 exist, 1203 unknown.');
});

test('guesses kept below the threshold are capped: the first update carries the most recent ones', () => {
  const d = createDetector();
  const e = env();
  for (let i = 0; i < MAX_RECENT_GUESSES + 5000; i++) d.onActivity(guess(`ok${i}`, 'exists', T0 + i), e);
  let fired: ReturnType<typeof d.onActivity> = [];
  for (let i = 0; i < 10; i++) fired = d.onActivity(guess(`nope${i}`, 'unknown', T0 + MAX_RECENT_GUESSES + 5000 + i), e);
  assert.equal(fired.length, 1);
  const ev = fired[0]!.evidence;
  assert.equal(ev.length, MAX_RECENT_GUESSES);
  const names = ev.map((a) => (a.kind === 'krb-as' ? a.cname : a.kind));
  assert.equal(names.at(-1), 'nope9');
  assert.equal(names[0], 'ok5010');
});
