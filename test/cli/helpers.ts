/** Runs CLI commands in-process through main(argv), capturing what they print. */
import { main } from '../../main/cli/index.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  // Commands write strings; the test runner reports through the same stdout in binary frames, which pass through.
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    if (typeof chunk !== 'string') return out(chunk, ...rest);
    stdout += chunk;
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    if (typeof chunk !== 'string') return err(chunk, ...rest);
    stderr += chunk;
    return true;
  }) as typeof process.stderr.write;
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

/** Exit 2 with exactly one line on stderr that says what was wrong. */
export function isUsageError(r: CliResult, pattern: RegExp): boolean {
  const lines = r.stderr.split('\n').filter(Boolean);
  return r.code === 2 && lines.length === 1 && pattern.test(lines[0] ?? '') && r.stdout === '';
}
