/**
 * The engine in an Electron utility process (STYLE.md: beekeeper-studio's pattern): the store,
 * the import runner (worker threads) and the live session live here, never in the main process,
 * so a dissector crash or a huge capture cannot freeze the window. The main process relays the
 * renderer's calls ({type:'request'}); this process runs dispatch() and answers by id.
 * Started as: engine-process.cjs --db FILE [--sample FILE]. Settings › Database may switch the
 * database later (the services remember it in app-state.json and this process tells the main process).
 */
import { ApiError, dispatch } from '../main/api/contract.ts';
import { createAppServices } from '../main/server/app-services.ts';
import { isEngineRequest, type EngineResponse } from './engine-protocol.ts';

interface ParentPortLike {
  on(event: 'message', listener: (e: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const port = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (!port) {
  process.stderr.write('engine-process: not started as an Electron utility process\n');
  process.exit(2);
}
const dbPath = argValue('--db');
if (!dbPath) {
  process.stderr.write('engine-process: --db FILE is required\n');
  process.exit(2);
}
const samplePath = argValue('--sample');

// Opening the store marks imports that a crashed engine left 'importing' as interrupted.
const services = createAppServices({
  dbPath,
  mode: 'electron',
  ...(samplePath ? { samplePath } : {}),
  onLiveAlerts: (alerts) => port.postMessage({ type: 'alerts', alerts }),
  // Remembered in app-state.json by the services; the main process restarts a crashed engine on it.
  onDatabaseOpened: (path) => port.postMessage({ type: 'database', path }),
});

port.on('message', (e) => {
  const m = e.data;
  if (!isEngineRequest(m)) return;
  dispatch(services.handlers, m.channel, m.args).then(
    (result) => port.postMessage({ type: 'response', id: m.id, ok: true, result } satisfies EngineResponse),
    (err: unknown) =>
      port.postMessage({
        type: 'response',
        id: m.id,
        ok: false,
        error: err instanceof Error ? err.message : String(err),
        ...(err instanceof ApiError ? { status: err.status } : {}),
      } satisfies EngineResponse),
  );
});
port.postMessage({ type: 'ready', interruptedCaptures: 0 });

process.on('SIGTERM', () => {
  void services.close().finally(() => process.exit(0));
});
