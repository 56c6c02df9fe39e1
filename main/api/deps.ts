/**
 * What the handlers need from the outside world, as interfaces so that tests can fake them and the
 * shell can adapt them (an Electron utility process for imports, main/live/session.ts for live).
 */
import type { z } from 'zod';
import type { Db } from '../../db/ui/names.ts';
import type { ImportJob } from './schema/captures.ts';
import type { LiveInterface, LiveStartArgs, LiveStatus } from './schema/misc.ts';

export interface ImportRequest {
  paths: string[];
  /** Forensic evidence: SAMR learning period 0 for this import (alert on any reconnaissance class). */
  forensic: boolean;
  /** The bundled sample: its captures and alerts are badged "sample". */
  sample?: boolean;
}

/** Runs imports off the UI thread; progress is read by polling status() (transport-neutral). */
export interface ImportRunner {
  start(req: ImportRequest, onFinished?: (job: ImportJob) => void): number;
  cancel(jobId: number): boolean;
  status(): ImportJob[];
}

export type LiveStartOptions = z.infer<typeof LiveStartArgs>;
/** The live capture session (main/live/session.ts, written by the shell engineer). */
export interface LiveService {
  interfaces(): Promise<z.infer<typeof LiveInterface>[]>;
  start(opts: LiveStartOptions): Promise<LiveStatus>;
  stop(): Promise<LiveStatus>;
  status(): LiveStatus;
}

/** Starts an external program without waiting for it (Wireshark); returns false if it could not start. */
export type Launcher = (program: string, args: string[]) => Promise<boolean>;

/**
 * Switching the database under every handler (main/api/database-host.ts). Callers check first
 * that no import or live capture runs.
 */
export interface DatabaseControl {
  /** Open `path` (created when missing), make it the store of every handler, close the old one. */
  open(path: string): Promise<void>;
  /** Close the store, replace its file by the backup (checked first; the old file kept as .before-restore), open it again. */
  restore(backupFile: string): Promise<{ kept: string | null }>;
  /** Databases opened recently (newest first). */
  recent(): { path: string; openedAt: string }[];
}

export interface HandlerDeps {
  db: Db;
  dbPath: string;
  /** Where slices, reports and uploaded captures go. */
  dataDir: string;
  mode: 'electron' | 'browser';
  version: string;
  imports: ImportRunner;
  live: LiveService;
  /** The bundled sample capture (build/sample/reconlens-sample.pcapng). */
  samplePath: string;
  /** The OS user name: the default analyst name. */
  osUser: string;
  /** Finds Wireshark (settings path, then PATH); null when not installed. */
  findWireshark: (configured: string) => string | null;
  launch: Launcher;
  /** Open another database / restore; absent where the store cannot be switched (then those calls are refused). */
  databases?: DatabaseControl;
}
