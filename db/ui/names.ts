/**
 * SQL fragments shared by the UI's read queries: the best known name of a host, and the alert row
 * columns every list uses. SQL stays in db/.
 */
import type Database from 'better-sqlite3';

export type Db = Database.Database;

/** Preference between name sources: what the analyst declared, then what DNS and Kerberos say. */
export const NAME_RANK = `CASE source WHEN 'declared' THEN 0 WHEN 'dns' THEN 1 WHEN 'kerberos' THEN 2 WHEN 'ntlmssp' THEN 3
  WHEN 'nbns' THEN 4 WHEN 'dhcp' THEN 5 WHEN 'llmnr' THEN 6 WHEN 'mdns' THEN 7 ELSE 8 END`;

/** Best name of the host whose ip is the SQL expression `ipExpr`. */
export const nameOf = (ipExpr: string) =>
  `(SELECT name FROM host_names WHERE ip = ${ipExpr} ORDER BY ${NAME_RANK}, last_seen DESC LIMIT 1)`;

export interface AlertRowDb {
  id: number;
  detection: string;
  title: string;
  source: string;
  source_name: string | null;
  target: string;
  target_name: string | null;
  status: string;
  classification: string | null;
  severity: string;
  first_seen: number;
  last_seen: number;
  exposed_count: number;
  sensitive_count: number;
  activity_count: number;
  sample: number;
  capture: string | null;
}

/** Columns of an alert row for lists (alias `a` for alerts). */
export const ALERT_COLUMNS = `a.id, a.detection, a.title, a.source, ${nameOf('a.source')} AS source_name, a.target,
  ${nameOf('a.target')} AS target_name, a.status, a.classification, a.severity, a.first_seen, a.last_seen,
  a.exposed_count, a.sensitive_count, a.activity_count, a.sample,
  (SELECT c.file FROM alert_activities aa JOIN activities t ON t.id = aa.activity_id JOIN captures c ON c.id = t.capture_id
    WHERE aa.alert_id = a.id ORDER BY t.ts LIMIT 1) AS capture`;

export function hostName(db: Db, ip: string): string | null {
  const row = db.prepare<[string], { name: string }>(`SELECT name FROM host_names WHERE ip = ? ORDER BY ${NAME_RANK}, last_seen DESC LIMIT 1`).get(ip);
  return row?.name ?? null;
}

/** Escape LIKE wildcards in analyst text (used with ESCAPE '\'). */
export const likeText = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export const nowIso = () => new Date().toISOString();
