/** A database with a few alerts for the CLI tests, written through the sink like an import would. */
import { openStore } from '../../db/index.ts';
import { countingSummarizers, sha, tempDir } from '../db/helpers.ts';
import { importScenario } from '../db/scenario.ts';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import assert from 'node:assert/strict';

export function fixtureDb(): { file: string; dir: string; cleanup(): void } {
  const dir = tempDir();
  const file = join(dir, 'case.db');
  const store = openStore(file);
  importScenario(store.createSink(countingSummarizers()), sha(1));
  store.close();
  return {
    file,
    dir,
    cleanup() {
      const s = openStore(file);
      assert.equal(s.db.pragma('integrity_check', { simple: true }), 'ok');
      s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
