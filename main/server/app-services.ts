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
import { createHandlers } from '../api/handlers/index.ts';
import { createImportRunner } from '../api/import-runner.ts';
import { findWireshark, launchDetached } from '../api/system.ts';
import { workerEngine } from '../api/worker-engine.ts';
import { SUMMARIZERS } from '../detectors/index.ts';
import type { StoredAlertRef } from '../engine/sink.ts';
import { LiveSession } from '../live/session.ts';
import { forwardingSink } from '../siem/forwarding-sink.ts';
import { VERSION } from '../version.ts';
import { packageRoot } from './package-root.ts';

export interface AppServicesOptions {
  dbPath: string;
  mode: 'electron' | 'browser';
  /** Default: the database's folder (imports/, live/, slices land there). */
  dataDir?: string;
  /** The bundled sample capture; default build/sample/reconlens-sample.pcapng of the source tree. */
  samplePath?: string;
  /** New or updated alerts of a live capture (desktop notifications). */
  onLiveAlerts?: (alerts: { id: number; created: boolean; detection: string; title: string }[]) => void;
  launch?: Launcher;
  env?: NodeJS.ProcessEnv;
}

export interface AppServices {
  handlers: Handlers;
  store: Store;
  live: LiveSession;
  dataDir: string;
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
  const store = openStore(o.dbPath);
  const dataDir = o.dataDir ?? dirname(o.dbPath);
  const live = new LiveSession({
    dataDir,
    ...(o.env ? { env: o.env } : {}),
    createSink: (onAlerts) => forwardingSink(store.createSink(SUMMARIZERS), onAlerts),
    onAlerts: (refs: StoredAlertRef[]) => {
      if (!o.onLiveAlerts) return;
      const created = new Map(refs.map((r) => [r.id, r.created]));
      const alerts = store.alertsJson({ ids: [...created.keys()] });
      o.onLiveAlerts(alerts.map((a) => ({ id: a.id, created: created.get(a.id) ?? false, detection: a.detection, title: a.title })));
    },
  });
  const handlers = createHandlers({
    db: store.db,
    dbPath: o.dbPath,
    dataDir,
    mode: o.mode,
    version: VERSION,
    imports: createImportRunner(workerEngine(o.dbPath)),
    live,
    samplePath: o.samplePath ?? defaultSamplePath(),
    osUser: osUser(),
    findWireshark: (configured) => findWireshark(configured, o.env),
    launch: o.launch ?? launchDetached,
  });
  return {
    handlers,
    store,
    live,
    dataDir,
    async close() {
      await live.stop();
      store.close();
    },
  };
}
