/**
 * The store's API for the pipeline and the CLI (SQL lives only in db/). Triage, exclusions,
 * exports and maintenance have their own modules: db/triage.ts, db/exclusions.ts, db/export/,
 * db/captures.ts, db/maintenance.ts.
 */
export { resolveDbPath } from './paths.ts';
export { openStore, withStore, StoreError, type Store } from './store.ts';
export { InputError } from './errors.ts';
export type { AlertJson, CaptureJson, HostJson, AlertStatus, Classification } from './json.ts';
