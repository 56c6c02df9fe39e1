/**
 * One set of handlers over a database that can be switched while the app runs (Settings ›
 * Database: open another database, restore a backup). The handlers are rebuilt for each store
 * (they hold its connection); the stable `handlers` map forwards every call to the current ones, so
 * the HTTP server and the Electron engine process never need to know. Switches run one at a time:
 * the new store is opened before the old one is closed (a file that cannot be opened leaves the
 * current database in place); a restore closes the store, replaces the file and opens it again.
 */
import { existsSync } from 'node:fs';
import { restore } from '../../db/maintenance.ts';
import { contract, type Channel, type Handlers } from './contract.ts';
import type { DatabaseControl, HandlerDeps } from './deps.ts';
import { createHandlers } from './handlers/index.ts';

export interface OpenedDatabase {
  /** Everything but `databases` (the host adds it). */
  deps: HandlerDeps;
  close(): void;
}

export interface DatabaseHostOptions {
  initialPath: string;
  /** Open (create when missing) the store at dbPath and build the handler deps for it; throws when refused. */
  open(dbPath: string): OpenedDatabase;
  /** Recently opened databases, newest first (the app state). */
  recent?(): { path: string; openedAt: string }[];
  /** After a database was opened (at start too) or restored: remember it, tell the shell. */
  onOpened?(path: string): void;
}

export interface DatabaseHost {
  handlers: Handlers;
  current(): OpenedDatabase;
  close(): void;
}

export function createDatabaseHost(o: DatabaseHostOptions): DatabaseHost {
  let chain: Promise<unknown> = Promise.resolve();
  /** Switches one at a time. */
  const serial = <T>(fn: () => Promise<T> | T): Promise<T> => {
    const run = chain.then(fn, fn);
    chain = run.catch(() => undefined);
    return run;
  };

  const control: DatabaseControl = {
    open: (path) =>
      serial(() => {
        const next = build(path);
        const old = cur;
        cur = next;
        old.opened.close();
        o.onOpened?.(path);
      }),
    restore: (backupFile) =>
      serial(() => {
        const path = cur.opened.deps.dbPath;
        cur.opened.close();
        let kept: string;
        try {
          kept = restore(path, backupFile).kept;
        } finally {
          // Whether the restore worked or was refused (the backup is checked before anything is
          // replaced), the handlers get their store back.
          cur = build(path);
        }
        o.onOpened?.(path);
        return { kept: existsSync(kept) ? kept : null };
      }),
    recent: () => o.recent?.() ?? [],
  };

  function build(path: string): { opened: OpenedDatabase; handlers: Handlers } {
    const opened = o.open(path);
    opened.deps.databases = control;
    return { opened, handlers: createHandlers(opened.deps) };
  }

  let cur = build(o.initialPath);
  o.onOpened?.(o.initialPath);

  const forward = (c: Channel) => (args: unknown) => (cur.handlers[c] as (a: unknown) => Promise<unknown>)(args);
  const handlers = Object.fromEntries((Object.keys(contract) as Channel[]).map((c) => [c, forward(c)])) as unknown as Handlers;
  return {
    handlers,
    current: () => cur.opened,
    close: () => cur.opened.close(),
  };
}
