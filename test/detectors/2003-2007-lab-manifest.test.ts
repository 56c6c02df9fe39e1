/**
 * Every lab capture (test/captures, made by test/lab against a Samba AD DC and a bind9 secondary)
 * through the engine once: the 2003 and 2007 alerts are exactly those its manifest.json expects
 * (source, target, exposed accounts, and NAME (ip) labels where the manifest gives a name), and
 * none where it expects none.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { repoRoot } from '../helpers/paths.ts';
import { declaredRoles, labCaptures, labelMatches, runPipeline } from '../kerberos/support/run-pipeline.ts';

const CAPTURES = path.resolve(repoRoot, 'test/captures');
const OURS = new Set(['2003', '2007']);

for (const c of labCaptures(CAPTURES)) {
  test(`lab ${c.file}: the 2003 and 2007 alerts of its manifest, and no other`, async () => {
    const { alerts } = await runPipeline([path.join(CAPTURES, c.file)], {}, { roles: declaredRoles(c.analyzeArgs) });
    const key = (d: string, s: string, t: string, exposed: readonly string[]): string => `${d} ${s} -> ${t} [${[...exposed].sort().join(',')}]`;
    const expected = c.expectedAlerts.filter((e) => OURS.has(e.detection));
    assert.deepEqual(alerts.map((a) => key(a.detection, a.source, a.target, a.exposedAccounts)).sort(), expected.map((e) => key(e.detection, e.source, e.target, e.exposedAccounts)).sort());
    for (const e of expected) {
      const a = alerts.find((x) => x.detection === e.detection && x.source === e.source && x.target === e.target)!;
      assert.ok(labelMatches(a.title, e.source, e.sourceName), `${a.title}: source ${e.sourceName ?? ''} (${e.source})`);
      assert.ok(labelMatches(a.title, e.target, e.targetName), `${a.title}: target ${e.targetName ?? ''} (${e.target})`);
    }
  });
}
