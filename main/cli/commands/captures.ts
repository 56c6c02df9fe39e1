/** `reconlens captures`: the imported captures with their status, counts and import report. */
import { InputError, resolveDbPath, withStore } from '../../../db/index.ts';
import { listCaptures } from '../../../db/captures.ts';
import { shortTime, textTable } from '../../../db/present.ts';
import { one, parseArgs, UsageError } from '../args.ts';

export const HELP = `usage: reconlens captures [--json] [--db FILE]

Lists imported captures (id, status, packets, span, activities, alerts, file). --json prints
{ "captures": [ ... ] } with the capture objects of \`analyze --json\`.
Delete one with: reconlens capture delete ID
`;

export async function run(argv: string[]): Promise<number> {
  const p = parseArgs(argv, { values: { db: {} }, bools: ['json'] });
  if (p.positionals.length) throw new UsageError(`unexpected argument '${p.positionals[0]}'`);
  try {
    return await withStore(resolveDbPath(one(p, 'db')), (store) => {
      if (p.bools.has('json')) {
        const ids = listCaptures(store.db).map((c) => c.id);
        process.stdout.write(`${JSON.stringify({ captures: store.capturesJson(ids) }, null, 2)}\n`);
        return 0;
      }
      const list = listCaptures(store.db);
      if (list.length === 0) {
        process.stdout.write('No captures imported yet.\n');
        return 0;
      }
      const rows = list.map((c) => [c.id, c.status, c.packets, `${shortTime(c.firstPacket)} - ${shortTime(c.lastPacket)}`, c.activities, c.alerts, c.live ? `${c.file} (live)` : c.file]);
      process.stdout.write(textTable(['ID', 'STATUS', 'PACKETS', 'SPAN', 'ACTIVITIES', 'ALERTS', 'FILE'], rows));
      for (const c of list) if (c.message) process.stdout.write(`capture ${c.id}: ${c.message}\n`);
      return 0;
    });
  } catch (err) {
    if (err instanceof InputError) throw new UsageError(err.message);
    throw err;
  }
}
