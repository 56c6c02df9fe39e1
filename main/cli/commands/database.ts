/** `reconlens database`: backup, restore, vacuum, check, path. One database per case: pick it with --db. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError, openStore, resolveDbPath, withStore } from '../../../db/index.ts';
import { backup, checkDatabase, restore, vacuum } from '../../../db/maintenance.ts';
import { one, parseArgs, UsageError } from '../args.ts';

export const HELP = `usage: reconlens database backup FILE [--db FILE]     consistent copy of the database (works while in use)
       reconlens database restore FILE [--db FILE]    replace the database with a backup (old one kept as <db>.before-restore)
       reconlens database vacuum [--db FILE]          compact the file
       reconlens database check [--db FILE]           integrity and foreign-key check (exit 1 when damaged)
       reconlens database path [--db FILE]            which file is used (--db, else RECONLENS_DB, else the user data folder)
`;

export async function run(argv: string[]): Promise<number> {
  const p = parseArgs(argv, { values: { db: {} }, bools: ['json'] });
  const [sub, file, ...rest] = p.positionals;
  const takesFile = sub === 'backup' || sub === 'restore';
  if (!sub || !['backup', 'restore', 'vacuum', 'check', 'path'].includes(sub)) throw new UsageError(sub ? `unknown subcommand 'database ${sub}'` : 'database needs a subcommand: backup, restore, vacuum, check or path');
  if (takesFile && !file) throw new UsageError(`database ${sub} needs a FILE`);
  if (rest.length || (!takesFile && file !== undefined)) throw new UsageError(`unexpected argument '${rest[0] ?? file}'`);
  const dbFile = resolveDbPath(one(p, 'db'));
  try {
    switch (sub) {
      case 'path':
        process.stdout.write(`${dbFile}\n`);
        return 0;
      case 'restore': {
        const r = restore(dbFile, resolve(file!));
        // Open once: migrations and stale-import marking run now, not at the next command.
        openStore(dbFile).close();
        process.stdout.write(`restored ${dbFile} from ${file}${existsSync(r.kept) ? `; the previous database is kept as ${r.kept}` : ''}\n`);
        return 0;
      }
      default:
        return await withStore(dbFile, async (store) => {
          if (sub === 'backup') {
            await backup(store.db, resolve(file!));
            process.stdout.write(`backed up ${dbFile} to ${file}\n`);
            return 0;
          }
          if (sub === 'vacuum') {
            const r = vacuum(store.db);
            process.stdout.write(`vacuumed ${dbFile}: ${r.before} -> ${r.after} bytes\n`);
            return 0;
          }
          const r = checkDatabase(store.db);
          process.stdout.write(r.ok ? `${dbFile}: ok\n` : `${dbFile}: ${r.problems.length} problem(s)\n${r.problems.slice(0, 20).join('\n')}\n`);
          return r.ok ? 0 : 1;
        });
    }
  } catch (err) {
    if (err instanceof InputError) throw new UsageError(err.message);
    throw err;
  }
}
