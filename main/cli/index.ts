/**
 * `reconlens` command line. Each command lives in main/cli/commands/<name>.ts and exports
 * `run(argv): Promise<number>` (the exit code). Exit codes: 0 ok, 2 bad input, 1 internal error.
 * Keep this file free of heavy imports: commands are loaded lazily so `--help` starts fast.
 */
import { VERSION } from '../version.ts';
import { UsageError } from './args.ts';

type CommandModule = { run(argv: string[]): Promise<number>; HELP: string };
const COMMANDS: Record<string, () => Promise<CommandModule>> = {
  analyze: () => import('./commands/analyze.ts'),
  alerts: () => import('./commands/alerts.ts'),
  alert: () => import('./commands/alert.ts'),
  exclusions: () => import('./commands/exclusions.ts'),
  export: () => import('./commands/export.ts'),
  captures: () => import('./commands/captures.ts'),
  capture: () => import('./commands/capture.ts'),
  settings: () => import('./commands/settings.ts'),
  database: () => import('./commands/database.ts'),
  serve: () => import('./commands/serve.ts'),
  live: () => import('./commands/live.ts'),
};

const HELP = `reconlens ${VERSION} — find Active Directory reconnaissance in network traffic

usage: reconlens <command> [options]

commands:
  analyze     read pcap/pcapng files, detect reconnaissance, store alerts
  alerts      list alerts           alert close|reopen ID   triage one alert
  exclusions  list, add, remove exclusions
  export      alerts as CEF, JSON or CSV
  captures    list imported captures   capture delete ID
  settings    show or set settings
  database    backup, restore, vacuum, check
  serve       the app in a browser on 127.0.0.1 (browser mode)
  live        capture from an interface and detect as traffic flows

Every command takes --db FILE (or RECONLENS_DB) and --help. Exit codes: 0 ok, 2 bad input, 1 internal error.
`;

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (cmd === '--version' || cmd === '-V') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const load = Object.hasOwn(COMMANDS, cmd) ? COMMANDS[cmd] : undefined;
  if (!load) {
    process.stderr.write(`reconlens: unknown command '${cmd}' (see reconlens --help)\n`);
    return 2;
  }
  const mod = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(mod.HELP);
    return 0;
  }
  if (rest.includes('--version')) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  try {
    return await mod.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`reconlens: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`reconlens: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  }
}
