/**
 * Everything the API handlers need, built once per process for a database: the store, the import
 * runner (worker threads), the live session, and the OS helpers. Browser mode (serve) and the
 * Electron engine process both start from here, so both run the same handlers on the same data.
 */
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { openStore, type Store } from '../../db/index.ts';
import type { Handlers } from '../api/contract.ts';
import type { Launcher } from '../api/deps.ts';
import { createDatabaseHost } from '../api/database-host.ts';
import { createImportRunner } from '../api/import-runner.ts';
import { findWireshark, launchDetached } from '../api/system.ts';
import { workerEngine } from '../api/worker-engine.ts';
import { SUMMARIZERS } from '../detectors/index.ts';
import type { StoredAlertRef } from '../engine/sink.ts';
import { LiveSession } from '../live/session.ts';
import { forwardingSink } from '../siem/forwarding-sink.ts';
import { VERSION } from '../version.ts';
import { appStatePath, loadAppState, rememberDatabase, saveAppState } from './app-state.ts';
import { packageRoot } from './package-root.ts';

export interface AppServicesOptions {
  dbPath: string;
  mode: 'electron' | 'browser';
  /** Default: the open database's folder (imports/, live/, slices, backups land there); it follows a switch. */
  dataDir?: string;
  /** The bundled sample capture; default build/sample/reconlens-sample.pcapng of the source tree. */
  samplePath?: string;
  /** New or updated alerts of a live capture (desktop notifications). */
  onLiveAlerts?: (alerts: { id: number; created: boolean; detection: string; title: string }[]) => void;
  /** A database was opened (at start, by Settings › Database, or restored): the shell follows it. */
  onDatabaseOpened?: (dbPath: string) => void;
  /** app-state.json (remembered and recent databases); null: remember nothing. Default: appStatePath(env). */
  appStateFile?: string | null;
  launch?: Launcher;
  env?: NodeJS.ProcessEnv;
}

export interface AppServices {
  /** Stable: forwards to the handlers of the database open now. */
  handlers: Handlers;
  /** The store open now (changes when Settings › Database opens another one). */
  readonly store: Store;
  live: LiveSession;
  readonly dataDir: string;
  close(): Promise<void>;
}

export function defaultSamplePath(): string {
  return join(packageRoot(), 'build', 'sample', 'reconlens-sample.pcapng');
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'analyst';
  }
}

export function createAppServices(o: AppServicesOptions): AppServices {
  const stateFile = o.appStateFile === undefined ? appStatePath(o.env ?? process.env) : o.appStateFile;
  const user = osUser();
  // The import runner and the live session outlive a switch (both are refused while busy): they
  // read the database open now when they start work.
  let store: Store | null = null;
  let dbPath = o.dbPath;
  const dataDirOf = (p: string) => o.dataDir ?? dirname(p);
  const currentStore = (): Store => {
    if (!store) throw new Error('no database is open');
    return store;
  };
  const imports = createImportRunner(workerEngine(() => dbPath));
  const live = new LiveSession({
    get dataDir() {
      return dataDirOf(dbPath);
    },
    ...(o.env ? { env: o.env } : {}),
    createSink: (onAlerts) => forwardingSink(currentStore().createSink(SUMMARIZERS), onAlerts),
    onAlerts: (refs: StoredAlertRef[]) => {
      if (!o.onLiveAlerts) return;
      const created = new Map(refs.map((r) => [r.id, r.created]));
      const alerts = currentStore().alertsJson({ ids: [...created.keys()] });
      o.onLiveAlerts(alerts.map((a) => ({ id: a.id, created: created.get(a.id) ?? false, detection: a.detection, title: a.title })));
    },
  });
  const host = createDatabaseHost({
    initialPath: o.dbPath,
    open: (path) => {
      const opened = openStore(path);
      store = opened;
      dbPath = path;
      return {
        deps: {
          db: opened.db,
          dbPath: path,
          dataDir: dataDirOf(path),
          mode: o.mode,
          version: VERSION,
          imports,
          live,
          samplePath: o.samplePath ?? defaultSamplePath(),
          osUser: user,
          findWireshark: (configured) => findWireshark(configured, o.env),
          launch: o.launch ?? launchDetached,
        },
        close: () => opened.close(),
      };
    },
    recent: () => (stateFile ? loadAppState(stateFile).recentDatabases : []),
    onOpened: (path) => {
      if (stateFile) {
        try {
          saveAppState(stateFile, rememberDatabase(loadAppState(stateFile), path));
        } catch {
          // a read-only home folder must not stop the app; the database still opened
        }
      }
      o.onDatabaseOpened?.(path);
    },
  });
  return {
    handlers: host.handlers,
    get store() {
      return currentStore();
    },
    live,
    get dataDir() {
      return dataDirOf(dbPath);
    },
    async close() {
      await live.stop();
      host.close();
    },
  };
}
