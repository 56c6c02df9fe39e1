/** `reconlens capture delete ID` and `capture retention`: remove captures and what only they produced. */
import { InputError, resolveDbPath, withStore } from '../../../db/index.ts';
import { applyRetention, deleteCapture, type DeleteResult } from '../../../db/captures.ts';
import { SUMMARIZERS } from '../../detectors/index.ts';
import { one, parseArgs, UsageError } from '../args.ts';
import { parsePositiveId } from './alert.ts';

export const HELP = `usage: reconlens capture delete ID [--json] [--db FILE]
       reconlens capture retention [--days N] [--json] [--db FILE]

delete removes the capture, its activities and evidence, in one transaction; alerts keep the
evidence other captures give them, and alerts left with none are deleted.
retention deletes live captures older than N days (default: the liveRetentionDays setting).
`;

const describe = (r: DeleteResult) =>
  `capture ${r.captureId} deleted: ${r.activities} activities, ${r.alertsDeleted.length} alert(s) deleted, ${r.alertsUpdated.length} alert(s) updated\n`;

export async function run(argv: string[]): Promise<number> {
  const p = parseArgs(argv, { values: { db: {}, days: {} }, bools: ['json'] });
  const [sub, arg, ...rest] = p.positionals;
  if (sub !== 'delete' && sub !== 'retention') throw new UsageError(sub ? `unknown subcommand 'capture ${sub}'` : 'capture needs a subcommand: delete ID, or retention');
  if (rest.length || (sub === 'retention' && arg !== undefined)) throw new UsageError(`unexpected argument '${rest[0] ?? arg}'`);
  if (sub === 'delete' && p.values.has('days')) throw new UsageError('--days belongs to capture retention');
  const days = one(p, 'days');
  if (days !== undefined && !/^\d{1,6}$/.test(days)) throw new UsageError(`--days wants a whole number of days, not '${days}'`);
  const json = p.bools.has('json');
  try {
    return await withStore(resolveDbPath(one(p, 'db')), (store) => {
      if (sub === 'delete') {
        const r = deleteCapture(store.db, parsePositiveId(arg, 'capture id'), SUMMARIZERS);
        process.stdout.write(json ? `${JSON.stringify(r, null, 2)}\n` : describe(r));
        return 0;
      }
      const results = days === undefined ? applyRetention(store.db, SUMMARIZERS) : applyRetention(store.db, SUMMARIZERS, Number(days));
      process.stdout.write(json ? `${JSON.stringify({ deleted: results }, null, 2)}\n` : results.length ? results.map(describe).join('') : 'No live capture is past retention.\n');
      return 0;
    });
  } catch (err) {
    if (err instanceof InputError) throw new UsageError(err.message);
    throw err;
  }
}
