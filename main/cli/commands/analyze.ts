/**
 * `reconlens analyze`: import capture files into the store and print what they raised. The JSON
 * document (--json) is a contract other tools rely on: { captures, hosts, alerts } as db/json.ts
 * shapes them. Heavy modules (store, engine, dissectors) load lazily so that --help stays fast.
 */
import { isIP } from 'node:net';
import { many, one, parseArgs, UsageError } from '../args.ts';

export const HELP = `usage: reconlens analyze [--db FILE] [--json] [--learning DURATION] [--dc IP]... [--dns-server IP]... [--force]
                         [--syslog udp://HOST:PORT|tcp://HOST:PORT] [--jsonl FILE] FILE...

Reads pcap / pcapng files (also .gz), detects Active Directory reconnaissance and stores activities
and alerts in the database. Several files are analysed in packet-time order as one story.
A file imported completely before (same sha256) is not read again.

  --db FILE            database (default: RECONLENS_DB, else the app's database)
  --json               print one JSON document: { "captures", "hosts", "alerts" } (alerts raised or
                       updated by this run; for a file imported before, its stored capture and alerts,
                       marked "alreadyImported": true)
  --learning DURATION  SAMR learning period, saved as a setting: 0, 90s, 15m, 2h, 28d (default 28d)
  --dc IP              declare a domain controller (saved; repeatable)
  --dns-server IP      declare a DNS server (saved; repeatable)
  --force              import again files that were imported before
  --syslog URL         forward each new or updated alert as CEF over syslog: udp://HOST:PORT or
                       tcp://HOST:PORT (RFC 5424; octet-counted frames over TCP)
  --jsonl FILE         append each new or updated alert as one JSON line to FILE

Exit codes: 0 every file read, 2 a bad file or bad input (after the good files), 1 internal error.
`;

const UNITS: Readonly<Record<string, number>> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };
const MAX_LEARNING_S = 3650 * 86400;

/** "0", "90s", "15m", "2h", "28d" -> seconds. */
export function parseDuration(text: string): number {
  const m = /^(\d{1,10})([smhd]?)$/.exec(text.trim());
  if (!m) throw new UsageError(`--learning: '${text}' is not a duration (0, 90s, 15m, 2h, 28d)`);
  const v = Number(m[1]) * (UNITS[m[2] ?? ''] ?? 1);
  if (v > MAX_LEARNING_S) throw new UsageError(`--learning: ${text} is longer than 10 years`);
  return v;
}

function checkIps(flag: string, ips: string[]): string[] {
  for (const ip of ips) if (isIP(ip) === 0) throw new UsageError(`--${flag}: '${ip}' is not an IP address`);
  return ips;
}

export async function run(argv: string[]): Promise<number> {
  const p = parseArgs(argv, { values: { db: {}, learning: {}, dc: { multi: true }, 'dns-server': { multi: true }, syslog: {}, jsonl: {} }, bools: ['json', 'force'] });
  const files = p.positionals;
  if (files.length === 0) throw new UsageError('analyze needs at least one capture file (see reconlens analyze --help)');
  const learningText = one(p, 'learning');
  const learning = learningText === undefined ? undefined : parseDuration(learningText);
  const dcs = checkIps('dc', many(p, 'dc'));
  const dnsServers = checkIps('dns-server', many(p, 'dns-server'));
  const json = p.bools.has('json');

  const { openStore, resolveDbPath, InputError } = await import('../../../db/index.ts');
  let store: ReturnType<typeof openStore>;
  try {
    store = openStore(resolveDbPath(one(p, 'db')));
  } catch (err) {
    if (err instanceof InputError) throw new UsageError(err.message);
    throw err;
  }
  try {
    if (learning !== undefined) store.setSetting('samrLearningS', learning);
    for (const ip of dcs) store.declareRole(ip, 'dc');
    for (const ip of dnsServers) store.declareRole(ip, 'dns-server');
    const { runAnalyze } = await import('../../pipeline/cli-analyze.ts');
    // --syslog / --jsonl (main/siem/): alerts go out as each batch commits.
    const { openForwarder } = await import('../../siem/cli-forward.ts');
    const forward = openForwarder(store.db, one(p, 'syslog'), one(p, 'jsonl'));
    try {
      return await runAnalyze(store, files, { json, force: p.bools.has('force'), ...(forward ? { wrapSink: forward.wrapSink } : {}) });
    } finally {
      await forward?.close();
    }
  } catch (err) {
    if (err instanceof InputError) throw new UsageError(err.message);
    throw err;
  } finally {
    store.close();
  }
}
