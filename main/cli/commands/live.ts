/**
 * `reconlens live`: capture from an interface with dumpcap (or tcpdump) and detect as traffic
 * flows, into the same database as `analyze`. Stops at --duration or on Ctrl-C / SIGTERM, then
 * prints the alerts (or, with --json, one document shaped like `analyze --json`).
 */
import { isIP } from 'node:net';
import { many, one, parseArgs, UsageError } from '../args.ts';

export const HELP = `usage: reconlens live --interface IF [--db FILE] [--duration 30s] [--filter BPF]
                     [--ring N --ring-size MB] [--json] [--syslog udp://HOST:PORT|tcp://HOST:PORT]
                     [--jsonl FILE] [--learning DURATION] [--dc IP]... [--dns-server IP]...
       reconlens live --list

Captures with dumpcap (Wireshark) or tcpdump and detects Active Directory reconnaissance as
traffic flows. Writes are batched every 2 s; state (learning, open alerts) continues next time.

  --interface IF    interface to capture on (see --list)
  --list            list the interfaces and exit
  --duration D      stop after D (30s, 15m, 2h); default: until Ctrl-C or SIGTERM
  --filter BPF      capture filter (default none: a port filter would lose IP fragments, RPC
                    ports handed out by the endpoint mapper and host-naming traffic)
  --ring N          keep the raw capture in N files (pcapng) in <data folder>/live/
  --ring-size MB    size of each ring file (default 100)
  --json            print one JSON document { "captures", "hosts", "alerts" } at the end
  --syslog URL      forward each new or updated alert as CEF over syslog (RFC 5424; TCP octet-counted)
  --jsonl FILE      append each new or updated alert as one JSON line
  --learning, --dc, --dns-server   as for analyze (saved as settings)

Capturing needs permission: run as root, or once: sudo setcap cap_net_raw,cap_net_admin+eip $(which dumpcap)
`;

const UNITS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400 };

/** "30s", "15m", "2h", "1d" (or plain seconds) -> milliseconds. */
export function parseStopAfter(text: string): number {
  const m = /^(\d{1,7})([smhd]?)$/.exec(text.trim());
  if (!m || Number(m[1]) === 0) throw new UsageError(`--duration: '${text}' is not a duration (30s, 15m, 2h)`);
  return Number(m[1]) * (UNITS[m[2] || 's'] ?? 1) * 1000;
}

function positiveInt(flag: string, text: string | undefined, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  if (!/^\d{1,6}$/.test(text) || Number(text) < 1 || Number(text) > max) throw new UsageError(`--${flag}: '${text}' must be a whole number from 1 to ${max}`);
  return Number(text);
}

export async function run(argv: string[]): Promise<number> {
  const p = parseArgs(argv, {
    values: { interface: {}, db: {}, duration: {}, filter: {}, ring: {}, 'ring-size': {}, syslog: {}, jsonl: {}, learning: {}, dc: { multi: true }, 'dns-server': { multi: true } },
    bools: ['json', 'list'],
  });
  if (p.positionals.length) throw new UsageError(`live takes no files (got '${p.positionals[0]}'); to read files use: reconlens analyze`);
  const { LiveCaptureError, listInterfaces } = await import('../../live/tools.ts');
  if (p.bools.has('list')) {
    try {
      const lines = (await listInterfaces()).map((i) => `${i.name}${i.description ? `  (${i.description})` : ''}${i.addresses.length ? `  ${i.addresses.join(', ')}` : ''}\n`);
      process.stdout.write(lines.join('')); // one write: `| head` closing early cannot cut a line
      return 0;
    } catch (err) {
      if (err instanceof LiveCaptureError) throw new UsageError(err.message);
      throw err;
    }
  }
  const iface = one(p, 'interface');
  if (!iface) throw new UsageError('live needs --interface IF (list them with: reconlens live --list)');
  const durationText = one(p, 'duration');
  const stopAfterMs = durationText === undefined ? null : parseStopAfter(durationText);
  const ringFiles = one(p, 'ring') === undefined ? null : positiveInt('ring', one(p, 'ring'), 0, 1000);
  if (ringFiles === null && one(p, 'ring-size') !== undefined) throw new UsageError('--ring-size needs --ring N');
  const ringMb = positiveInt('ring-size', one(p, 'ring-size'), 100, 100_000);
  for (const flag of ['dc', 'dns-server']) for (const ip of many(p, flag)) if (isIP(ip) === 0) throw new UsageError(`--${flag}: '${ip}' is not an IP address`);
  const { parseDuration } = await import('./analyze.ts');
  const learningText = one(p, 'learning');
  const learning = learningText === undefined ? undefined : parseDuration(learningText);

  const { openStore, resolveDbPath, InputError, StoreError } = await import('../../../db/index.ts');
  const { runLiveSession } = await import('../../live/cli-live.ts');
  let store: ReturnType<typeof openStore>;
  try {
    store = openStore(resolveDbPath(one(p, 'db')));
  } catch (err) {
    if (err instanceof InputError || err instanceof StoreError) throw new UsageError(err.message);
    throw err;
  }
  try {
    if (learning !== undefined) store.setSetting('samrLearningS', learning);
    for (const ip of many(p, 'dc')) store.declareRole(ip, 'dc');
    for (const ip of many(p, 'dns-server')) store.declareRole(ip, 'dns-server');
    return await runLiveSession(store, {
      iface,
      json: p.bools.has('json'),
      stopAfterMs,
      ...(one(p, 'filter') ? { filter: one(p, 'filter')! } : {}),
      ...(ringFiles !== null ? { ring: { files: ringFiles, fileBytes: ringMb * 1024 * 1024 } } : {}),
      ...(one(p, 'syslog') ? { syslog: one(p, 'syslog')! } : {}),
      ...(one(p, 'jsonl') ? { jsonl: one(p, 'jsonl')! } : {}),
    });
  } finally {
    store.close();
  }
}
