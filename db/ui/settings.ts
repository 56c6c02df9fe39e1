/** Settings screen helpers the store does not offer: roles learned from traffic, clearing a setting. */
import { hostName, type Db } from './names.ts';

/** Roles learned from traffic (not declared), with the name known for each host. */
export function learnedRoles(db: Db, role: 'dc' | 'dns-server') {
  return db
    .prepare<[string], { ip: string; source: string }>("SELECT ip, group_concat(source, ', ') AS source FROM host_roles WHERE role = ? AND source != 'declared' GROUP BY ip ORDER BY ip")
    .all(role)
    .map((r) => ({ ip: r.ip, name: hostName(db, r.ip), source: r.source }));
}

/** Back to the default (the store's text settings refuse an empty value, e.g. the Wireshark path). */
export function clearSetting(db: Db, key: string): void {
  db.prepare('DELETE FROM settings WHERE key = ?').run(key);
}
