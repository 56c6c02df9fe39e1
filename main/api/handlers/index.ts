/**
 * All handlers in one typed map: each domain's handlers are typed against the contract, and the
 * combination must cover every channel (the compiler checks it: `Handlers` is exhaustive).
 */
import type { Handlers } from '../contract.ts';
import type { HandlerDeps } from '../deps.ts';
import { alertHandlers } from './alerts.ts';
import { appHandlers } from './app.ts';
import { captureHandlers } from './captures.ts';
import { databaseHandlers } from './database.ts';
import { entityHandlers } from './entities.ts';
import { evidenceHandlers } from './evidence.ts';
import { overviewHandlers } from './overview.ts';
import { searchHandlers } from './search.ts';
import { settingsHandlers } from './settings.ts';
import { triageHandlers } from './triage.ts';

export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    ...appHandlers(deps),
    ...overviewHandlers(deps),
    ...alertHandlers(deps),
    ...triageHandlers(deps),
    ...entityHandlers(deps),
    ...captureHandlers(deps),
    ...settingsHandlers(deps),
    ...searchHandlers(deps),
    ...evidenceHandlers(deps),
    ...databaseHandlers(deps),
  };
}

export type { HandlerDeps } from '../deps.ts';
