/** `reconlens settings`: show settings, or set one (validated, audited). */
import { InputError, resolveDbPath, withStore } from '../../../db/index.ts';
import { textTable } from '../../../db/present.ts';
import { applySetting, describeSettings, settingsView } from '../../../db/settings-view.ts';
import { one, parseArgs, UsageError } from '../args.ts';

export const HELP = `usage: reconlens settings [--json] [--db FILE]
       reconlens settings set KEY VALUE [--db FILE]

Durations take seconds or a unit (600, 10m, 24h, 28d). Lists are comma-separated ('none' clears).
Keys:
${describeSettings()
  .map(([k, d]) => `  ${k.padEnd(18)} ${d}`)
  .join('\n')}
`;

export async function run(argv: string[]): Promise<number> {
  const p = parseArgs(argv, { values: { db: {} }, bools: ['json'] });
  const [sub, key, value, ...rest] = p.positionals;
  if (sub !== undefined && sub !== 'set') throw new UsageError(`unknown subcommand 'settings ${sub}'`);
  if (sub === 'set' && (key === undefined || value === undefined)) throw new UsageError('settings set needs KEY and VALUE');
  if (rest.length) throw new UsageError(`unexpected argument '${rest[0]}'`);
  try {
    return await withStore(resolveDbPath(one(p, 'db')), (store) => {
      if (sub === 'set') {
        const stored = applySetting(store.db, key!, value);
        process.stdout.write(`${key} = ${JSON.stringify(stored)}\n`);
        return 0;
      }
      const view = settingsView(store.db);
      if (p.bools.has('json')) {
        process.stdout.write(`${JSON.stringify(view, null, 2)}\n`);
        return 0;
      }
      const show = (v: unknown) => (Array.isArray(v) ? (v.length ? v.join(', ') : 'none') : v === null ? '-' : String(v));
      process.stdout.write(textTable(['KEY', 'VALUE'], Object.entries(view).map(([k, v]) => [k, show(v)])));
      return 0;
    });
  } catch (err) {
    if (err instanceof InputError) throw new UsageError(err.message);
    throw err;
  }
}
