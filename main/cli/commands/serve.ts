/**
 * `reconlens serve`: browser mode. The same renderer and handlers as the desktop app, on
 * 127.0.0.1 with a per-run token (main/server/). Prints exactly one line with the URL; stops
 * cleanly on Ctrl-C / SIGTERM.
 */
import { one, parseArgs, UsageError } from '../args.ts';

export const HELP = `usage: reconlens serve [--db FILE] [--port N]

Serves the ReconLens app on http://127.0.0.1 for a browser (when the desktop app cannot run) and
prints one line: ReconLens at http://127.0.0.1:N/?token=T
Only 127.0.0.1 listens; every API call needs the per-run token in that URL. Ctrl-C stops it.

  --db FILE   database (default: RECONLENS_DB, else the one last opened in the app, else the app's database)
  --port N    port to listen on (default: a free port)
`;

export async function run(argv: string[]): Promise<number> {
  const p = parseArgs(argv, { values: { db: {}, port: {} } });
  if (p.positionals.length) throw new UsageError(`serve takes no files (got '${p.positionals[0]}')`);
  const portText = one(p, 'port');
  const port = portText === undefined ? 0 : Number(portText);
  if (!/^\d{1,5}$/.test(portText ?? '0') || port > 65535) throw new UsageError(`--port: '${portText}' is not a port number (1-65535)`);

  const { InputError, StoreError } = await import('../../../db/index.ts');
  const { resolveAppDbPath } = await import('../../server/app-state.ts');
  const { createAppServices } = await import('../../server/app-services.ts');
  const { ensureRenderer } = await import('../../server/renderer-build.ts');
  const { startBrowserServer } = await import('../../server/http-server.ts');
  const { newToken } = await import('../../server/security.ts');
  const { join } = await import('node:path');

  const rendererDir = await ensureRenderer((line) => process.stderr.write(`${line}\n`));
  let services: Awaited<ReturnType<typeof createAppServices>>;
  try {
    services = createAppServices({ dbPath: resolveAppDbPath({ flag: one(p, 'db') }).path, mode: 'browser' });
  } catch (err) {
    if (err instanceof InputError || err instanceof StoreError) throw new UsageError(err.message);
    throw err;
  }
  let server: Awaited<ReturnType<typeof startBrowserServer>>;
  try {
    server = await startBrowserServer({
      handlers: services.handlers,
      token: newToken(),
      rendererDir,
      importsDir: () => join(services.dataDir, 'imports'),
      port,
      onError: (err) => process.stderr.write(`reconlens serve: ${err instanceof Error ? err.message : String(err)}\n`),
    });
  } catch (err) {
    await services.close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`--port ${port}: the port is in use`);
    if (code === 'EACCES') throw new UsageError(`--port ${port}: not allowed to listen there (ports below 1024 need privileges)`);
    throw err;
  }
  process.stdout.write(`ReconLens at ${server.url}\n`);

  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  await services.close();
  return 0;
}
