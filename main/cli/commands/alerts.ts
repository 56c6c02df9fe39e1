/** `reconlens alerts`: list alerts, as a table or as the JSON of `analyze --json` ({ "alerts": [...] }). */
import { DETECTION_IDS, type DetectionId } from '../../engine/activity.ts';
import { InputError, resolveDbPath, withStore } from '../../../db/index.ts';
import { shortTime, textTable } from '../../../db/present.ts';
import { one, parseArgs, UsageError } from '../args.ts';

export const HELP = `usage: reconlens alerts [--db FILE] [--status open|closed|reopened] [--detection 2003|2007|2012|2021] [--json]

Lists alerts, oldest first. --json prints { "alerts": [ ... ] } with the alert objects of
\`analyze --json\`; otherwise a table (id, detection, status, last seen, source, title).
`;

const STATUSES = ['open', 'closed', 'reopened'] as const;
type Status = (typeof STATUSES)[number];

export async function run(argv: string[]): Promise<number> {
  const p = parseArgs(argv, { values: { db: {}, status: {}, detection: {} }, bools: ['json'] });
  if (p.positionals.length) throw new UsageError(`unexpected argument '${p.positionals[0]}'`);
  const status = one(p, 'status');
  if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) throw new UsageError(`--status must be open, closed or reopened, not '${status}'`);
  const detection = one(p, 'detection');
  if (detection !== undefined && !(DETECTION_IDS as readonly string[]).includes(detection)) throw new UsageError(`--detection must be 2003, 2007, 2012 or 2021, not '${detection}'`);
  try {
    return await withStore(resolveDbPath(one(p, 'db')), (store) => {
      const alerts = store.alertsJson({ ...(status ? { status: status as Status } : {}), ...(detection ? { detection: detection as DetectionId } : {}) });
      if (p.bools.has('json')) {
        process.stdout.write(`${JSON.stringify({ alerts }, null, 2)}\n`);
        return 0;
      }
      if (alerts.length === 0) {
        process.stdout.write('No alerts match.\n');
        return 0;
      }
      const label = (c: { ip: string; name: string | null }) => (c.name ? `${c.name} (${c.ip})` : c.ip);
      const rows = alerts.map((a) => [a.id, a.detection, a.classification ? `${a.status} ${a.classification}` : a.status, shortTime(a.lastSeen), label(a.source), a.title]);
      process.stdout.write(textTable(['ID', 'DET', 'STATUS', 'LAST SEEN', 'SOURCE', 'TITLE'], rows));
      return 0;
    });
  } catch (err) {
    if (err instanceof InputError) throw new UsageError(err.message);
    throw err;
  }
}
