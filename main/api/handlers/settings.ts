/** settings.get / settings.set (validated per field: invalid fields come back marked, nothing saved). */
import { learnedRoles } from '../../../db/ui/settings.ts';
import { taggedAccounts } from '../../../db/entities.ts';
import { writeAudit } from '../../../db/audit.ts';
import { sampleCaptureIds } from '../../../db/ui/captures.ts';
import { samrLearning } from '../../../db/ui/overview.ts';
import { hostName } from '../../../db/ui/names.ts';
import type { Handlers } from '../contract.ts';
import type { HandlerDeps } from '../deps.ts';
import { currentSettings, saveSettings, validatePatch } from './settings-model.ts';

const DAY = 86_400_000_000;

export function settingsHandlers(deps: HandlerDeps): Pick<Handlers, 'settings.get' | 'settings.set'> {
  const { db } = deps;
  const view = () => {
    const settings = currentSettings(deps);
    return {
      settings,
      dataDir: deps.dataDir,
      dbPath: deps.dbPath,
      learnedDcs: learnedRoles(db, 'dc'),
      learnedDnsServers: learnedRoles(db, 'dns-server'),
      taggedAccounts: taggedAccounts(db),
      samrLearning: samrLearning(db).map((l) => {
        const days = ((l.last_ts ?? l.start_ts) - l.start_ts) / DAY;
        return { dc: l.dc, name: hostName(db, l.dc), startTs: l.start_ts, lastTs: l.last_ts, days, done: days >= settings.samrLearningDays };
      }),
      hasSampleData: sampleCaptureIds(db).length > 0,
    };
  };
  return {
    'settings.get': async () => view(),
    'settings.set': async ({ patch }) => {
      const { values, errors } = validatePatch(patch);
      if (Object.keys(errors).length) return { ok: false as const, errors };
      const before = currentSettings(deps);
      const prior = Object.fromEntries(Object.keys(values).map((k) => [k, before[k as keyof typeof before]]));
      db.transaction(() => {
        saveSettings(db, values);
        writeAudit(db, { action: 'settings', from: prior, to: values });
      })();
      return { ok: true as const, view: view() };
    },
  };
}
