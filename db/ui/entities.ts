/** Hosts and accounts: lists (filtered, paged) and the facts a host or account page shows. */
import { ALERT_COLUMNS, likeText, nameOf, NAME_RANK, type AlertRowDb, type Db } from './names.ts';

export interface HostRowDb { ip: string; name: string | null; names: string | null; first_seen: number | null; last_seen: number | null; as_source: number; as_target: number }

/** Every host we know of: from the hosts table, names, roles and activities (whichever the store filled). */
const ALL_HOSTS = `(SELECT ip FROM hosts UNION SELECT ip FROM host_names UNION SELECT ip FROM host_roles
  UNION SELECT src FROM activities UNION SELECT dst FROM activities)`;

const HOST_COLUMNS = `h.ip, ${nameOf('h.ip')} AS name, (SELECT group_concat(DISTINCT name) FROM host_names n WHERE n.ip = h.ip) AS names,
  coalesce((SELECT first_seen FROM hosts x WHERE x.ip = h.ip), (SELECT min(ts) FROM activities t WHERE t.src = h.ip OR t.dst = h.ip)) AS first_seen,
  coalesce((SELECT last_seen FROM hosts x WHERE x.ip = h.ip), (SELECT max(ts) FROM activities t WHERE t.src = h.ip OR t.dst = h.ip)) AS last_seen,
  (SELECT count(*) FROM alerts a WHERE a.source = h.ip) AS as_source, (SELECT count(*) FROM alerts a WHERE a.target = h.ip) AS as_target`;

export function listHosts(db: Db, o: { text?: string | undefined; role?: string | undefined; offset: number; limit: number }) {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (o.text?.trim()) {
    const like = likeText(o.text.trim());
    where.push("(h.ip LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM host_names n WHERE n.ip = h.ip AND n.name LIKE ? ESCAPE '\\'))");
    params.push(like, like);
  }
  if (o.role) {
    where.push('EXISTS (SELECT 1 FROM host_roles r WHERE r.ip = h.ip AND r.role = ?)');
    params.push(o.role);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = db.prepare<(string | number)[], { n: number }>(`SELECT count(*) AS n FROM (SELECT ip FROM ${ALL_HOSTS}) h ${w}`).get(...params)?.n ?? 0;
  const rows = db
    .prepare<(string | number)[], HostRowDb>(`SELECT ${HOST_COLUMNS} FROM (SELECT ip FROM ${ALL_HOSTS}) h ${w} ORDER BY as_source DESC, as_target DESC, h.ip LIMIT ? OFFSET ?`)
    .all(...params, o.limit, o.offset);
  return { total, rows };
}

export function hostByIp(db: Db, ip: string): HostRowDb | undefined {
  return db.prepare<[string], HostRowDb>(`SELECT ${HOST_COLUMNS} FROM (SELECT ? AS ip) h`).get(ip);
}
export function hostKnown(db: Db, ip: string): boolean {
  return db.prepare<[string], { ip: string }>(`SELECT ip FROM ${ALL_HOSTS} WHERE ip = ?`).get(ip) !== undefined;
}

export function rolesOf(db: Db, ips: string[]) {
  if (ips.length === 0) return [];
  return db.prepare<string[], { ip: string; role: string; source: string; detail: string | null }>(`SELECT ip, role, source, detail FROM host_roles WHERE ip IN (${ips.map(() => '?').join(',')})`).all(...ips);
}
export function namesLearned(db: Db, ip: string) {
  return db.prepare<[string], { name: string; source: string; first_seen: number | null }>(`SELECT name, source, first_seen FROM host_names WHERE ip = ? ORDER BY ${NAME_RANK}, name`).all(ip);
}
export function alertsOfHost(db: Db, ip: string, side: 'source' | 'target'): AlertRowDb[] {
  return db.prepare<[string], AlertRowDb>(`SELECT ${ALERT_COLUMNS} FROM alerts a WHERE a.${side} = ? ORDER BY a.last_seen DESC LIMIT 500`).all(ip);
}
export function accountsOfHost(db: Db, ip: string): string[] {
  return db.prepare<[string], { account: string }>('SELECT DISTINCT account FROM activities WHERE src = ? AND account IS NOT NULL ORDER BY account LIMIT 200').all(ip).map((r) => r.account);
}
export function hostActivityBuckets(db: Db, ip: string, bucketUs: number) {
  return db
    .prepare<[number, string, string], { b: number; kind: string; n: number }>('SELECT ts / CAST(? AS INTEGER) AS b, kind, count(*) AS n FROM activities WHERE src = ? OR dst = ? GROUP BY b, kind ORDER BY b')
    .all(bucketUs, ip, ip);
}
export function hostSpan(db: Db, ip: string) {
  return db.prepare<[string, string], { lo: number | null; hi: number | null }>('SELECT min(ts) AS lo, max(ts) AS hi FROM activities WHERE src = ? OR dst = ?').get(ip, ip);
}

export interface AccountRowDb { name: string; domain: string | null; rid: number | null; tagged: number; tag_note: string | null; first_seen: number | null; last_seen: number | null; exposed_in: number }

/** Accounts: the accounts table plus names only seen in activities (guesses, session users). */
const ALL_ACCOUNTS = `(SELECT name_key AS k, name, domain, rid, tagged, tag_note, first_seen, last_seen FROM accounts
  UNION ALL SELECT account, account, NULL, NULL, 0, NULL, min(ts), max(ts) FROM activities
  WHERE account IS NOT NULL AND account NOT IN (SELECT name_key FROM accounts) GROUP BY account)`;

export function listAccounts(db: Db, o: { text?: string | undefined; offset: number; limit: number; keys?: string[] }) {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (o.text?.trim()) {
    where.push("u.k LIKE ? ESCAPE '\\'");
    params.push(likeText(o.text.trim().toLowerCase()));
  }
  if (o.keys) {
    where.push(`(u.tagged = 1 OR u.k IN (${o.keys.map(() => '?').join(',') || "''"}))`);
    params.push(...o.keys);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = db.prepare<(string | number)[], { n: number }>(`SELECT count(*) AS n FROM ${ALL_ACCOUNTS} u ${w}`).get(...params)?.n ?? 0;
  const rows = db
    .prepare<(string | number)[], AccountRowDb>(
      `SELECT u.name, u.domain, u.rid, u.tagged, u.tag_note, u.first_seen, u.last_seen,
        (SELECT count(*) FROM alerts a WHERE EXISTS (SELECT 1 FROM json_each(a.exposed) j WHERE lower(j.value) = u.k)) AS exposed_in
       FROM ${ALL_ACCOUNTS} u ${w} ORDER BY exposed_in DESC, u.tagged DESC, u.k LIMIT ? OFFSET ?`,
    )
    .all(...params, o.limit, o.offset);
  return { total, rows };
}
export function accountByName(db: Db, name: string) {
  return db
        .prepare<[string], AccountRowDb>(
          `SELECT u.name, u.domain, u.rid, u.tagged, u.tag_note, u.first_seen, u.last_seen,
            (SELECT count(*) FROM alerts a WHERE EXISTS (SELECT 1 FROM json_each(a.exposed) j WHERE lower(j.value) = u.k)) AS exposed_in
           FROM ${ALL_ACCOUNTS} u WHERE u.k = ?`,
        )
        .get(name.toLowerCase());
}
export function alertsExposing(db: Db, name: string): AlertRowDb[] {
  return db
    .prepare<[string], AlertRowDb>(`SELECT ${ALERT_COLUMNS} FROM alerts a WHERE EXISTS (SELECT 1 FROM json_each(a.exposed) j WHERE lower(j.value) = ?) ORDER BY a.last_seen DESC LIMIT 500`)
    .all(name.toLowerCase());
}
export function accountActivity(db: Db, name: string) {
  const key = name.toLowerCase();
  const kinds = db.prepare<[string], { kind: string; n: number }>('SELECT kind, count(*) AS n FROM activities WHERE account = ? GROUP BY kind').all(key);
  const hosts = db.prepare<[string], { src: string }>('SELECT DISTINCT src FROM activities WHERE account = ? LIMIT 100').all(key).map((r) => r.src);
  return { kinds, hosts };
}
