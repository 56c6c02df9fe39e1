/**
 * Captures handed to us by the OS: on the command line (Windows/Linux double-click, a second
 * instance's argv) or through macOS 'open-file'. Only existing files with a capture extension
 * count; everything else on the command line (Electron and Chromium switches) is ignored.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';

export const CAPTURE_EXTENSIONS = ['pcap', 'pcapng', 'cap'] as const;
const CAPTURE_RE = /\.(pcap|pcapng|cap)(\.gz)?$/i;

export function isCaptureName(name: string): boolean {
  return CAPTURE_RE.test(name);
}

export function capturePathsFromArgv(argv: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  for (const arg of argv) {
    if (arg.startsWith('-') || !isCaptureName(arg)) continue;
    const p = resolve(cwd, arg);
    try {
      if (statSync(p).isFile() && !out.includes(p)) out.push(p);
    } catch {
      // A stale association or a typo: nothing to open.
    }
  }
  return out;
}

/** `--db FILE` or `--db=FILE` on the app's command line (one database per case); undefined when absent. */
export function dbFlagFromArgv(argv: readonly string[], cwd: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--db=') && arg.length > 5) return resolve(cwd, arg.slice(5));
    if (arg === '--db' && argv[i + 1] && !argv[i + 1]!.startsWith('-')) return resolve(cwd, argv[i + 1]!);
  }
  return undefined;
}
