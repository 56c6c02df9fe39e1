/** `reconlens export`: alerts as CEF (SIEM), JSON or CSV, to stdout or a file. */
import { renameSync, writeFileSync, rmSync } from 'node:fs';
import { InputError, resolveDbPath, withStore } from '../../../db/index.ts';
import { EXPORT_FORMATS, exportText, type ExportFormat } from '../../../db/export/index.ts';
import { VERSION } from '../../version.ts';
import { one, parseArgs, UsageError } from '../args.ts';

export const HELP = `usage: reconlens export --format cef|json|csv [--since ISO-TIME] [--out FILE] [--db FILE]

Writes every alert (or those seen since ISO-TIME, packet time) to stdout, or to FILE with --out.
CEF follows Microsoft's identity product: CEF:0|ReconLens|ReconLens|version|alert class|title|severity|...
CSV cells that a spreadsheet would run as a formula are prefixed with '.
`;

export function parseSince(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(s)) throw new UsageError(`--since wants an ISO 8601 time such as 2026-01-05T09:00:00Z, not '${s}'`);
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(s) && s.length > 10;
  const ms = Date.parse(hasZone ? s.replace(' ', 'T') : `${s.replace(' ', 'T')}${s.length === 10 ? 'T00:00:00' : ''}Z`);
  if (Number.isNaN(ms)) throw new UsageError(`--since: '${s}' is not a valid time`);
  return ms * 1000;
}

export async function run(argv: string[]): Promise<number> {
  const p = parseArgs(argv, { values: { db: {}, format: {}, since: {}, out: {} } });
  if (p.positionals.length) throw new UsageError(`unexpected argument '${p.positionals[0]}'`);
  const format = one(p, 'format');
  if (!format) throw new UsageError('export needs --format cef, json or csv');
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be cef, json or csv, not '${format}'`);
  const since = parseSince(one(p, 'since'));
  const out = one(p, 'out');
  try {
    return await withStore(resolveDbPath(one(p, 'db')), (store) => {
      const { text, count } = exportText(store.db, format as ExportFormat, VERSION, since);
      if (out === undefined) {
        process.stdout.write(text);
        return 0;
      }
      // Written beside the target, then renamed: a reader never sees half a file.
      const tmp = `${out}.partial-${process.pid}`;
      try {
        writeFileSync(tmp, text);
        renameSync(tmp, out);
      } catch (err) {
        rmSync(tmp, { force: true });
        throw new UsageError(`cannot write ${out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
      process.stdout.write(`wrote ${count} alert(s) to ${out}\n`);
      return 0;
    });
  } catch (err) {
    if (err instanceof InputError) throw new UsageError(err.message);
    throw err;
  }
}
