/** `reconlens alert close|reopen|note|undo|audit`: triage one alert; every change is audited and undoable. */
import { InputError, resolveDbPath, withStore } from '../../../db/index.ts';
import { auditTrail } from '../../../db/audit.ts';
import { safeText, textTable } from '../../../db/present.ts';
import { addNote, closeAlert, parseClassification, reopenAlert, type TriageResult } from '../../../db/triage.ts';
import { undo } from '../../../db/undo.ts';
import { one, parseArgs, UsageError } from '../args.ts';

export const HELP = `usage: reconlens alert close ID --as tp|btp|fp [--note TEXT] [--exclude] [--db FILE] [--json]
       reconlens alert reopen ID [--note TEXT] [--db FILE] [--json]
       reconlens alert note ID TEXT [--db FILE]
       reconlens alert undo TOKEN [--db FILE]      (TOKEN: printed by close, reopen and exclusion changes)
       reconlens alert audit ID [--db FILE] [--json]

close --exclude also excludes the alert's source computer (its ip, and its name when known) from
the alert's detection, in the same transaction ("close and exclude" is --as btp --exclude).
`;

export function parsePositiveId(s: string | undefined, what: string): number {
  if (s === undefined) throw new UsageError(`missing ${what}`);
  if (!/^[1-9]\d{0,15}$/.test(s)) throw new UsageError(`'${s}' is not a valid ${what}`);
  return Number(s);
}

function describe(verb: string, id: number, r: TriageResult): string {
  const ex = r.exclusionIds.length ? `; exclusions ${r.exclusionIds.join(', ')} added` : '';
  return `alert ${id} ${verb}${ex} (undo: reconlens alert undo ${r.auditId})\n`;
}

export async function run(argv: string[]): Promise<number> {
  const p = parseArgs(argv, { values: { db: {}, as: {}, note: {} }, bools: ['exclude', 'json'] });
  const [sub, idText, ...rest] = p.positionals;
  if (!sub) throw new UsageError('alert needs a subcommand: close, reopen, note, undo or audit');
  if (!['close', 'reopen', 'note', 'undo', 'audit'].includes(sub)) throw new UsageError(`unknown subcommand 'alert ${sub}'`);
  if (sub !== 'note' && rest.length) throw new UsageError(`unexpected argument '${rest[0]}'`);
  if (sub !== 'close' && (p.values.has('as') || p.bools.has('exclude'))) throw new UsageError(`--as and --exclude belong to 'alert close'`);
  const id = parsePositiveId(idText, sub === 'undo' ? 'undo token' : 'alert id');
  const json = p.bools.has('json');
  try {
    return await withStore(resolveDbPath(one(p, 'db')), (store) => {
      const db = store.db;
      const out = (text: string, value: unknown) => process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : text);
      switch (sub) {
        case 'close': {
          const as = one(p, 'as');
          if (!as) throw new UsageError('alert close needs --as tp, btp or fp');
          const r = closeAlert(db, id, parseClassification(as), { note: one(p, 'note') ?? null, exclude: p.bools.has('exclude') });
          out(describe(`closed as ${as.toLowerCase()}`, id, r), r);
          return 0;
        }
        case 'reopen': {
          const r = reopenAlert(db, id, one(p, 'note') ?? null);
          out(describe('reopened', id, r), r);
          return 0;
        }
        case 'note': {
          const text = rest.join(' ');
          if (!text.trim()) throw new UsageError('alert note needs the text of the note');
          const auditId = addNote(db, id, text);
          out(`note added to alert ${id}\n`, { auditId });
          return 0;
        }
        case 'undo': {
          const r = undo(db, id);
          out(`undid change ${id} (${r.action}): ${r.alerts} alert(s) back to their previous status, ${r.exclusions} exclusion change(s) reverted\n`, r);
          return 0;
        }
        default: {
          if (store.alertsJson({ ids: [id] }).length === 0) throw new UsageError(`no alert ${id}`);
          const trail = auditTrail(db, { alertId: id });
          const fmt = (s: unknown) => (s === null ? '-' : JSON.stringify(s));
          out(textTable(['ID', 'WHEN', 'WHO', 'ACTION', 'FROM', 'TO', 'WHY'], trail.map((t) => [t.id, t.at, t.author, t.action, fmt(t.from), fmt(t.to), t.reason ? safeText(t.reason, 80) : '-'])), { audit: trail });
          return 0;
        }
      }
    });
  } catch (err) {
    if (err instanceof InputError) throw new UsageError(err.message);
    throw err;
  }
}
