/** app.info and live.*: the live handlers only relay to the LiveService (main/live/session.ts). */
import { existsSync } from 'node:fs';
import type { Handlers } from '../contract.ts';
import type { HandlerDeps } from '../deps.ts';
import { analystName } from './util.ts';
import { countsByDetection } from '../../../db/ui/overview.ts';

export function appHandlers(deps: HandlerDeps): Pick<Handlers, 'app.info' | 'live.interfaces' | 'live.start' | 'live.stop' | 'live.status'> {
  return {
    'app.info': async () => ({
      version: deps.version,
      dbPath: deps.dbPath,
      dataDir: deps.dataDir,
      mode: deps.mode,
      analyst: analystName(deps),
      sampleAvailable: existsSync(deps.samplePath),
      openAlerts: countsByDetection(deps.db).reduce((n, r) => n + (r.status === 'closed' ? 0 : r.n), 0),
    }),
    'live.interfaces': () => deps.live.interfaces(),
    'live.start': (o) => deps.live.start(o),
    'live.stop': () => deps.live.stop(),
    'live.status': async () => deps.live.status(),
  };
}
