/**
 * All settings as the analyst sees them (Settings screen, `reconlens settings`): the stored values
 * with their defaults, plus the declared DCs and DNS servers and the tagged sensitive accounts, which
 * live in host_roles and accounts. Changes are audited.
 */
import type Database from 'better-sqlite3';
import { writeAudit } from './audit.ts';
import { declaredRoles, setDeclaredRoles, setTaggedAccounts, taggedAccounts } from './entities.ts';
import { SETTING_SPECS, SettingError, setSetting, settingValue } from './settings.ts';

/** Keys whose value is a list, stored outside the settings table. */
export const LIST_SETTINGS: ReadonlyMap<string, string> = new Map([
  ['dcs', 'domain controllers declared by the analyst (comma-separated IPs)'],
  ['dnsServers', 'DNS servers declared by the analyst (comma-separated IPs)'],
  ['sensitiveAccounts', 'accounts tagged as sensitive (comma-separated names)'],
]);

export function settingsView(db: Database.Database): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of SETTING_SPECS.keys()) out[key] = settingValue(db, key);
  out['dcs'] = declaredRoles(db, 'dc');
  out['dnsServers'] = declaredRoles(db, 'dns-server');
  out['sensitiveAccounts'] = taggedAccounts(db).map((a) => a.name);
  return out;
}

export function describeSettings(): [string, string][] {
  return [...[...SETTING_SPECS].map(([k, s]): [string, string] => [k, s.describe]), ...LIST_SETTINGS];
}

const splitList = (raw: unknown): string[] =>
  (Array.isArray(raw) ? raw.map(String) : String(raw).split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '' && s.toLowerCase() !== 'none');

/** Sets one setting from what the analyst typed (or the UI sent), validated, in one transaction with its audit entry. */
export function applySetting(db: Database.Database, key: string, raw: unknown): unknown {
  if (!SETTING_SPECS.has(key) && !LIST_SETTINGS.has(key)) {
    throw new SettingError(`unknown setting '${key}' (known: ${[...SETTING_SPECS.keys(), ...LIST_SETTINGS.keys()].join(', ')})`);
  }
  return db.transaction(() => {
    const before = settingsView(db)[key];
    let after: unknown;
    if (key === 'dcs' || key === 'dnsServers') {
      setDeclaredRoles(db, key === 'dcs' ? 'dc' : 'dns-server', splitList(raw));
      after = declaredRoles(db, key === 'dcs' ? 'dc' : 'dns-server');
    } else if (key === 'sensitiveAccounts') {
      setTaggedAccounts(db, splitList(raw));
      after = taggedAccounts(db).map((a) => a.name);
    } else {
      try {
        after = setSetting(db, key, raw);
      } catch (err) {
        if (err instanceof SettingError) throw new SettingError(`${key}: ${err.message}`);
        throw err;
      }
    }
    writeAudit(db, { action: 'settings', from: { [key]: before }, to: { [key]: after }, reason: key });
    return after;
  })();
}
