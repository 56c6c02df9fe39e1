/** Active exclusions that name a host (its ip or one of its names), for the host page. */
import type { Db } from './names.ts';

export function exclusionsOfHost(db: Db, ip: string, name: string | null) {
  return db
    .prepare<[string, string], { id: number; detection: string; from_alert: number | null; note: string | null }>(
      "SELECT id, detection, from_alert, note FROM exclusions WHERE removed_at IS NULL AND ((kind = 'ip' AND value = ?) OR (kind = 'host' AND lower(value) = lower(?)))",
    )
    .all(ip, name ?? '\u0000');
}
