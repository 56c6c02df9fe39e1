/** Process entry of the CLI (bundled to dist/cli.mjs by build/bundle.mjs). */
import { main } from './index.ts';

// `reconlens alerts | head`: a reader that goes away is not an error of ours. Stop writing quietly
// instead of crashing on EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`reconlens: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
