/**
 * Hosts (names and roles, each with where it was learned) and accounts (tagged sensitive by the
 * analyst). Declared facts have no capture; learned ones remember the capture that taught them.
 */
import { InputError } from './errors.ts';
import type Database from 'better-sqlite3';
import type { HostRole } from '../main/engine/dissector.ts';
import type { NameLookup } from '../main/engine/detector.ts';
import { parseIp } from './ip.ts';

export class EntityError extends InputError {}

/** Which learned name to show when a host has several: the most trustworthy source, then the latest. */
const NAME_RANK_SQL = `CASE source WHEN 'declared' THEN 0 WHEN 'dns' THEN 1 WHEN 'kerberos' THEN 2 WHEN 'ntlmssp' THEN 3
  WHEN 'nbns' THEN 4 WHEN 'dhcp' THEN 5 WHEN 'llmnr' THEN 6 WHEN 'mdns' THEN 7 ELSE 8 END`;

/** A NameLookup over host_names, cached for the life of one call (names change between batches). */
export function nameLookup(db: Database.Database): NameLookup {
  const stmt = db.prepare(`SELECT name FROM host_names WHERE ip = ? ORDER BY ${NAME_RANK_SQL}, last_seen DESC, name LIMIT 1`).pluck();
  const cache = new Map<string, string | null>();
  return {
    nameOf(ip: string): string | null {
      const hit = cache.get(ip);
      if (hit !== undefined) return hit;
      const name = (stmt.get(ip) as string | undefined) ?? null;
      cache.set(ip, name);
      return name;
    },
  };
}

/** All names of a host, best first. */
export function namesOf(db: Database.Database, ip: string): string[] {
  return db.prepare(`SELECT name FROM host_names WHERE ip = ? GROUP BY name ORDER BY MIN(${NAME_RANK_SQL}), MAX(last_seen) DESC, name`).pluck().all(ip) as string[];
}

export function requireIp(ip: string): string {
  if (!parseIp(ip)) throw new EntityError(`'${ip}' is not an IPv4 or IPv6 address`);
  return ip.trim();
}

export function declareRole(db: Database.Database, ip: string, role: HostRole): void {
  const addr = requireIp(ip);
  db.transaction(() => {
    db.prepare('INSERT INTO hosts (ip) VALUES (?) ON CONFLICT (ip) DO NOTHING').run(addr);
    db.prepare("INSERT INTO host_roles (ip, role, source, capture_id) VALUES (?, ?, 'declared', NULL) ON CONFLICT DO NOTHING").run(addr, role);
  })();
}

export function declaredRoles(db: Database.Database, role: HostRole): string[] {
  return db.prepare("SELECT ip FROM host_roles WHERE role = ? AND source = 'declared' ORDER BY ip").pluck().all(role) as string[];
}

/** Replaces the declared hosts of a role (settings: "DCs", "DNS servers"); learned roles stay. */
export function setDeclaredRoles(db: Database.Database, role: HostRole, ips: readonly string[]): void {
  const clean = ips.map(requireIp);
  db.transaction(() => {
    db.prepare("DELETE FROM host_roles WHERE role = ? AND source = 'declared'").run(role);
    for (const ip of clean) declareRole(db, ip, role);
  })();
}

export interface TaggedAccount {
  name: string;
  note: string | null;
}

export function taggedAccounts(db: Database.Database): TaggedAccount[] {
  return db.prepare('SELECT name, tag_note AS note FROM accounts WHERE tagged = 1 ORDER BY name_key').all() as TaggedAccount[];
}

export function tagAccount(db: Database.Database, name: string, tagged: boolean, note: string | null = null): void {
  const bare = name.trim();
  if (bare === '' || bare.length > 256) throw new EntityError('an account name needs 1..256 characters');
  db.prepare(
    `INSERT INTO accounts (name, name_key, tagged, tag_note, sensitive_reason) VALUES (?, lower(?), ?, ?, ?)
     ON CONFLICT (name_key) DO UPDATE SET tagged = excluded.tagged, tag_note = excluded.tag_note,
       sensitive_reason = CASE WHEN excluded.tagged = 1 THEN 'tagged' WHEN accounts.sensitive_reason = 'tagged' THEN NULL ELSE accounts.sensitive_reason END`,
  ).run(bare, bare, tagged ? 1 : 0, tagged ? note : null, tagged ? 'tagged' : null);
}

/** Replaces the set of tagged accounts (the settings list). */
export function setTaggedAccounts(db: Database.Database, names: readonly string[]): void {
  db.transaction(() => {
    db.prepare('UPDATE accounts SET tagged = 0, tag_note = NULL, sensitive_reason = CASE WHEN sensitive_reason = \'tagged\' THEN NULL ELSE sensitive_reason END WHERE tagged = 1').run();
    for (const n of names) tagAccount(db, n, true);
  })();
}

/** Lower-case names of tagged accounts, plus "RID-<n>" for tagged accounts whose RID is known. */
export function taggedSensitiveKeys(db: Database.Database): Set<string> {
  const rows = db.prepare('SELECT name_key, rid FROM accounts WHERE tagged = 1').all() as { name_key: string; rid: number | null }[];
  const out = new Set<string>();
  for (const r of rows) {
    out.add(r.name_key);
    if (r.rid !== null) out.add(`RID-${r.rid}`);
  }
  return out;
}
