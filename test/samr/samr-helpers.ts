/** Loads SAMR fixtures and runs them through samrInterface, one handler per association (pipe). */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Activity, SamrCallActivity, SessionUser } from '../../main/engine/activity.ts';
import type { RpcInterfaceHandler } from '../../main/protocols/dcerpc/interface.ts';
import { samrInterface } from '../../main/protocols/samr/index.ts';
import { association, fakeContext, rpcCall, UNKNOWN_USER, type FixtureCall } from './rpc-call.ts';

export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const repoRoot = path.resolve(fixturesDir, '../../..');
export const corpusDir = path.resolve(repoRoot, '../shared/corpus');

export interface Fixture {
  capture: string;
  calls: FixtureCall[];
}

export const fixtureNames = (): string[] =>
  readdirSync(fixturesDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();

export function loadFixture(name: string): Fixture {
  return JSON.parse(readFileSync(path.join(fixturesDir, `${name}.json`), 'utf8')) as Fixture;
}

export function runSamr(fx: Fixture, user: SessionUser = UNKNOWN_USER): { activities: SamrCallActivity[]; errors: string[] } {
  const emitted: Activity[] = [];
  const { ctx, errors } = fakeContext(emitted);
  const handlers = new Map<string, RpcInterfaceHandler>();
  for (const c of fx.calls) {
    const key = `${c.stream}/${c.fid}`;
    const assoc = association(c, user);
    let h = handlers.get(key);
    if (!h) handlers.set(key, (h = samrInterface.open(assoc)));
    h.onCall(rpcCall(c, samrInterface.uuid, assoc), ctx);
  }
  return { activities: emitted as SamrCallActivity[], errors };
}
