/** Global search (Ctrl+K): alerts by number or title, hosts by ip or name, accounts, captures, zones. */
import { likeText, nameOf, type Db } from './names.ts';

export function searchAll(db: Db, q: string, limit: number) {
  const like = likeText(q.trim());
  const num = /^#?(\d+)$/.exec(q.trim());
  const alerts = db
    .prepare<(string | number)[], { id: number; detection: string; title: string }>(
      `SELECT id, detection, title FROM alerts WHERE ${num ? 'id = ? OR ' : ''}title LIKE ? ESCAPE '\\' ORDER BY last_seen DESC LIMIT ?`,
    )
    .all(...(num?.[1] ? [Number(num[1])] : []), like, limit);
  const hosts = db
    .prepare<[string, string, string, number], { ip: string; name: string | null }>(
      `SELECT ip, ${nameOf('ip')} AS name FROM (SELECT ip FROM host_names WHERE name LIKE ? ESCAPE '\\' UNION SELECT src FROM activities WHERE src LIKE ? ESCAPE '\\'
        UNION SELECT dst FROM activities WHERE dst LIKE ? ESCAPE '\\') LIMIT ?`,
    )
    .all(like, like, like, limit);
  const accounts = db
    .prepare<[string, string, number], { name: string }>(
      `SELECT name FROM accounts WHERE name LIKE ? ESCAPE '\\' UNION SELECT DISTINCT account FROM activities WHERE account LIKE ? ESCAPE '\\' LIMIT ?`,
    )
    .all(like, like, limit);
  const captures = db.prepare<[string, number], { id: number; file: string }>(`SELECT id, file FROM captures WHERE file LIKE ? ESCAPE '\\' ORDER BY id DESC LIMIT ?`).all(like, limit);
  const zones = db
    .prepare<[string, number], { zone: string; n: number }>(
      `SELECT json_extract(data, '$.zone') AS zone, count(*) AS n FROM activities WHERE kind = 'dns-xfer' AND json_extract(data, '$.zone') LIKE ? ESCAPE '\\' GROUP BY zone LIMIT ?`,
    )
    .all(like, limit);
  return { alerts, hosts, accounts, captures, zones };
}
