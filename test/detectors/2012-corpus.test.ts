/**
 * 2012 end to end: captures -> engine -> alerts. The public corpus (SharpHound's NDR64 call denied by
 * zdc1) and our Samba lab captures (test/captures: NetrSessionEnum by an administrator, who gets the
 * session list, and by an ordinary user, who is denied), checked against tshark where it reads them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { SessionEnumActivity } from '../../main/engine/activity.ts';
import { corpusPath, repoRoot } from '../helpers/paths.ts';
import { EXPECTED, runCapture } from './2021-corpus-run.ts';

const sessEnum = (acts: { kind: string }[]) => acts.filter((a): a is SessionEnumActivity => a.kind === 'srvsvc-sessenum');

test('SharpHound on zdc1 (NDR64): denied NetrSessionEnum level 10 still alerts, nobody exposed', async () => {
  const file = 'samr-enum-lab/sharphound_domain_z.pcapng';
  const { alerts, activities } = await runCapture(corpusPath(file));
  const expected = EXPECTED.filter((e) => e.file === file && e.detection === '2012');
  const got = alerts.filter((a) => a.detection === '2012');
  assert.deepEqual(
    got.map((a) => [a.source, a.target, a.summary.exposedAccounts]),
    expected.map((e) => [e.source, e.target, e.exposedAccounts ?? []]),
  );
  const [call] = sessEnum(activities);
  assert.deepEqual([call?.level, call?.status, call?.statusName, call?.totalEntries, call?.serverName], [10, 5, 'WERR_ACCESS_DENIED', 0, 'ZDC1.DOMAIN-Z.LOCAL']);
  assert.match(got[0]!.summary.title, /on 192\.168\.11\.101 listed the SMB sessions on 192\.168\.12\.11; 0 users exposed\.$/);
});

/** tshark's reading of the Samba captures' NetrSessionEnum calls, by response frame. */
function tsharkSessions(file: string): Map<number, { level: number; werror: number; users: string[]; clients: string[] }> | null {
  let out: string;
  try {
    out = execFileSync(path.resolve(repoRoot, '../shared/tools/tshark-facts'), [file, 'srvsvc'], { encoding: 'utf8' });
  } catch {
    return null;
  }
  const m = new Map<number, { level: number; werror: number; users: string[]; clients: string[] }>();
  for (const line of out.trim().split('\n')) {
    const f = JSON.parse(line) as Record<string, string | number>;
    if (f['pkt_type'] !== 2) continue;
    const split = (v: string | number | undefined) => (v === undefined ? [] : String(v).split(','));
    m.set(Number(f['frame']), { level: Number(f['level']), werror: parseInt(String(f['werror']), 16), users: split(f['user']), clients: split(f['client']) });
  }
  return m;
}

for (const [name, admin] of [
  ['netsessenum-admin', true],
  ['netsessenum-user', false],
] as const) {
  test(`Samba lab ${name}: levels 0, 1, 2, 10, 502 decoded as tshark reads them; one alert`, async (t) => {
    const file = path.join(repoRoot, 'test/captures', `${name}.pcap`);
    const { alerts, activities } = await runCapture(file);
    const calls = sessEnum(activities);
    assert.ok(calls.length >= 5, `${calls.length} calls`);
    assert.deepEqual([...new Set(calls.map((c) => c.level))].sort((a, b) => a - b), [0, 1, 2, 10, 502]);
    const got = alerts.filter((a) => a.detection === '2012');
    assert.equal(got.length, 1);
    assert.equal(got[0]!.target, '10.66.0.10');
    if (admin) {
      assert.deepEqual([...got[0]!.summary.exposedAccounts].sort(), ['Administrator', 'bob', 'carol']);
      assert.match(got[0]!.summary.title, /^Administrator on 10\.66\.0\.66 listed the SMB sessions on 10\.66\.0\.10; 3 users exposed\.$/);
    } else {
      assert.ok(calls.every((c) => c.statusName === 'WERR_ACCESS_DENIED'));
      assert.match(got[0]!.summary.title, /^alice on .* 0 users exposed\.$/);
    }
    const facts = tsharkSessions(file);
    if (!facts) return t.skip('tshark not available');
    for (const c of calls) {
      const f = facts.get(c.frames[c.frames.length - 1]!);
      assert.ok(f, `tshark read the answer of frame ${c.frames[0]}`);
      assert.equal(c.level, f.level);
      assert.equal(c.status, f.werror);
      // tshark-facts lists level 1 and 10 sessions only; levels 0, 2, 502 are ours alone.
      if (c.level === 1 || c.level === 10) {
        assert.deepEqual(c.sessions.map((s) => s.user), f.users);
        assert.deepEqual(c.sessions.map((s) => s.client), f.clients);
      }
    }
  });
}
