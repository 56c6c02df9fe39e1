/**
 * The Settings screen's model over the store's settings (db/settings.ts keys, in seconds) and its
 * declared roles and tags (db/entities.ts). The UI speaks minutes, hours and days; each field is
 * validated on its own so that an invalid one is marked inline and nothing is saved.
 */
import { setSetting, settingValue } from '../../../db/settings.ts';
import { declaredRoles, setDeclaredRoles } from '../../../db/entities.ts';
import { Settings, type Settings as SettingsT } from '../schema/settings.ts';
import type { HandlerDeps } from '../deps.ts';
import type { Db } from '../../../db/ui/names.ts';
import { clearSetting } from '../../../db/ui/settings.ts';

const num = (db: Db, key: string) => Number(settingValue(db, key));
const str = (db: Db, key: string) => {
  const v = settingValue(db, key);
  return typeof v === 'string' ? v : '';
};

export function currentSettings(deps: HandlerDeps): SettingsT {
  const { db } = deps;
  const pick = <K extends keyof SettingsT>(k: K, v: unknown, fallback: SettingsT[K]): SettingsT[K] => {
    const r = Settings.shape[k].safeParse(v);
    return r.success ? (r.data as SettingsT[K]) : fallback;
  };
  return {
    analyst: pick('analyst', str(db, 'analystName'), deps.osUser),
    dcs: declaredRoles(db, 'dc'),
    dnsServers: declaredRoles(db, 'dns-server'),
    enumUnknownNames: pick('enumUnknownNames', num(db, 'enumUnknownNames'), 10),
    enumWindowMin: pick('enumWindowMin', Math.round(num(db, 'enumWindowS') / 60), 10),
    mergeWindowH: pick('mergeWindowH', Math.round(num(db, 'mergeWindowS') / 3600), 24),
    samrLearningDays: pick('samrLearningDays', num(db, 'samrLearningS') / 86400, 28),
    wiresharkPath: str(db, 'wiresharkPath'),
    timeZone: str(db, 'timeZone') === 'local' ? 'local' : 'utc',
    theme: pick('theme', str(db, 'theme'), 'system'),
    density: pick('density', str(db, 'density'), 'comfortable'),
  };
}

/** Validate a patch field by field: unknown keys and bad values come back as messages per field. */
export function validatePatch(patch: Record<string, unknown>): { values: Partial<SettingsT>; errors: Record<string, string> } {
  const values: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  const shape = Settings.shape as Record<string, (typeof Settings.shape)[keyof SettingsT]>;
  for (const [key, value] of Object.entries(patch)) {
    const schema = Object.hasOwn(shape, key) ? shape[key] : undefined;
    if (!schema) {
      errors[key] = 'unknown setting';
      continue;
    }
    const r = schema.safeParse(value);
    if (r.success) values[key] = r.data;
    else errors[key] = r.error.issues.map((i) => (i.path.length ? `item ${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
  }
  return { values: values as Partial<SettingsT>, errors };
}

/** Store validated values, in one transaction, converting to the store's units. */
export function saveSettings(db: Db, v: Partial<SettingsT>): void {
  db.transaction(() => {
    if (v.analyst !== undefined) setSetting(db, 'analystName', v.analyst);
    if (v.enumUnknownNames !== undefined) setSetting(db, 'enumUnknownNames', String(v.enumUnknownNames));
    if (v.enumWindowMin !== undefined) setSetting(db, 'enumWindowS', String(v.enumWindowMin * 60));
    if (v.mergeWindowH !== undefined) setSetting(db, 'mergeWindowS', String(v.mergeWindowH * 3600));
    if (v.samrLearningDays !== undefined) setSetting(db, 'samrLearningS', String(Math.round(v.samrLearningDays * 86400)));
    if (v.wiresharkPath !== undefined) {
      if (v.wiresharkPath.trim()) setSetting(db, 'wiresharkPath', v.wiresharkPath);
      else clearSetting(db, 'wiresharkPath');
    }
    if (v.timeZone !== undefined) setSetting(db, 'timeZone', v.timeZone === 'local' ? 'local' : 'UTC');
    if (v.theme !== undefined) setSetting(db, 'theme', v.theme);
    if (v.density !== undefined) setSetting(db, 'density', v.density);
    if (v.dcs !== undefined) setDeclaredRoles(db, 'dc', v.dcs);
    if (v.dnsServers !== undefined) setDeclaredRoles(db, 'dns-server', v.dnsServers);
  })();
}
