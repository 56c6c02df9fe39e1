/** `reconlens exclusions`: list, add, remove (and undo) exclusions; each shows what it stopped. */
import { InputError, resolveDbPath, withStore } from '../../../db/index.ts';
import { addExclusion, listExclusions, parseScope, removeExclusion, type ExclusionKind } from '../../../db/exclusions.ts';
import { textTable } from '../../../db/present.ts';
import { closePrevented } from '../../../db/triage.ts';
import { undo } from '../../../db/undo.ts';
import { one, parseArgs, UsageError } from '../args.ts';
import { parsePositiveId } from './alert.ts';

export const HELP = `usage: reconlens exclusions [--all] [--json] [--db FILE]
       reconlens exclusions add --detection 2003|2007|2012|2021|all (--ip A | --cidr NET/BITS | --host NAME | --account USER)
                                [--note TEXT] [--close-open] [--db FILE] [--json]
       reconlens exclusions remove ID [--db FILE]
       reconlens exclusions undo TOKEN [--db FILE]

An exclusion stops new alerts; matching activities are still stored and counted as suppressed.
--all lists removed exclusions too. --close-open also closes (as B-TP) the open alerts the new
exclusion would have prevented.
`;

const KINDS: ExclusionKind[] = ['ip', 'cidr', 'host', 'account'];

export async function run(argv: string[]): Promise<number> {
  const p = parseArgs(argv, { values: { db: {}, detection: {}, ip: {}, cidr: {}, host: {}, account: {}, note: {} }, bools: ['json', 'all', 'close-open'] });
  const [sub, arg, ...rest] = p.positionals;
  if (rest.length) throw new UsageError(`unexpected argument '${rest[0]}'`);
  if (sub !== undefined && !['add', 'remove', 'undo', 'list'].includes(sub)) throw new UsageError(`unknown subcommand 'exclusions ${sub}'`);
  const json = p.bools.has('json');
  const write = (text: string, value: unknown) => process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : text);
  try {
    return await withStore(resolveDbPath(one(p, 'db')), (store) => {
      const db = store.db;
      if (sub === 'add') {
        if (arg !== undefined) throw new UsageError(`unexpected argument '${arg}'`);
        const detection = one(p, 'detection');
        if (!detection) throw new UsageError('exclusions add needs --detection ID or --detection all');
        const given = KINDS.filter((k) => p.values.has(k));
        if (given.length !== 1) throw new UsageError('exclusions add needs exactly one of --ip, --cidr, --host, --account');
        const kind = given[0]!;
        const r = addExclusion(db, { detection: parseScope(detection), kind, value: one(p, kind)!, note: one(p, 'note') ?? null });
        const closed = p.bools.has('close-open') ? closePrevented(db, r.id) : null;
        const closedText = closed ? `; closed alerts ${closed.alerts.map((a) => a.id).join(', ')} (undo: reconlens alert undo ${closed.auditId})` : '';
        write(`exclusion ${r.id} added (undo: reconlens exclusions undo ${r.auditId})${closedText}\n`, { ...r, closed });
        return 0;
      }
      if (sub === 'remove' || sub === 'undo') {
        const id = parsePositiveId(arg, sub === 'remove' ? 'exclusion id' : 'undo token');
        if (sub === 'remove') {
          const r = removeExclusion(db, id);
          write(`exclusion ${id} removed (undo: reconlens exclusions undo ${r.auditId})\n`, r);
        } else {
          const r = undo(db, id);
          write(`undid change ${id} (${r.action})\n`, r);
        }
        return 0;
      }
      if (arg !== undefined) throw new UsageError(`unexpected argument '${arg}'`);
      const list = listExclusions(db, { includeRemoved: p.bools.has('all') });
      if (json || list.length === 0) {
        write('No exclusions yet.\n', { exclusions: list });
        return 0;
      }
      const rows = list.map((e) => [e.id, e.detection, e.kind, e.value, e.suppressedActivities, e.alertsPrevented, e.author, e.createdAt.slice(0, 16).replace('T', ' '), e.fromAlert ? `#${e.fromAlert}` : '-', e.removedAt ? 'removed' : 'active', e.note ?? '-']);
      write(textTable(['ID', 'SCOPE', 'KIND', 'VALUE', 'ACTIVITIES', 'ALERTS STOPPED', 'BY', 'ADDED', 'FROM', 'STATE', 'NOTE'], rows), null);
      return 0;
    });
  } catch (err) {
    if (err instanceof InputError) throw new UsageError(err.message);
    throw err;
  }
}
