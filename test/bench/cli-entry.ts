/**
 * `reconlens analyze` alone, for the benchmark bundle: the same command code as the CLI, without
 * the dispatcher (so the benchmark does not depend on every other command being present).
 */
import { run } from '../../main/cli/commands/analyze.ts';

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`reconlens: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
