/** Captures list and import report queries, and the sample badge (deleting is the store's: db/captures.ts). */
import { hostName, type Db } from './names.ts';

export interface CaptureRowDb {
  id: number; file: string; size: number; format: string | null; live: number; sample: number; packets: number;
  first_packet: number | null; last_packet: number | null; status: string; message: string | null;
  skipped: string; blind_spots: string; started_at: string; duration_ms: number | null; alerts: number;
}
const CAPTURE_COLUMNS = `c.id, c.file, c.size, c.format, c.live, c.sample, c.packets, c.first_packet, c.last_packet, c.status,
  c.message, c.skipped, c.blind_spots, c.started_at, c.duration_ms,
  (SELECT count(DISTINCT aa.alert_id) FROM activities t JOIN alert_activities aa ON aa.activity_id = t.id WHERE t.capture_id = c.id) AS alerts`;

export function listCaptures(db: Db): CaptureRowDb[] {
  return db.prepare<[], CaptureRowDb>(`SELECT ${CAPTURE_COLUMNS} FROM captures c ORDER BY c.id DESC`).all();
}
export function captureById(db: Db, id: number) {
  return db
    .prepare<[number], CaptureRowDb & { link_types: string; bytes: number; skipped_frames: string; blind_pairs: string; decode_errors: string; protocols: string }>(
      `SELECT ${CAPTURE_COLUMNS}, c.link_types, c.bytes, c.skipped_frames, c.blind_pairs, c.decode_errors, c.protocols FROM captures c WHERE c.id = ?`,
    )
    .get(id);
}
/** The last `limit` captures, newest (last imported or recorded) first. */
export function recentCaptures(db: Db, limit: number): CaptureRowDb[] {
  return db.prepare<[number], CaptureRowDb>(`SELECT ${CAPTURE_COLUMNS} FROM captures c ORDER BY c.id DESC LIMIT ?`).all(limit);
}

export function captureActivityKinds(db: Db, id: number) {
  return db.prepare<[number], { kind: string; n: number }>('SELECT kind, count(*) AS n FROM activities WHERE capture_id = ? GROUP BY kind').all(id);
}
export function captureAlertIds(db: Db, id: number): number[] {
  return db
    .prepare<[number], { id: number }>('SELECT DISTINCT aa.alert_id AS id FROM activities t JOIN alert_activities aa ON aa.activity_id = t.id WHERE t.capture_id = ? ORDER BY id')
    .all(id)
    .map((r) => r.id);
}
/** Hosts that appear in this capture's activities, and roles known for them. */
export function captureHosts(db: Db, id: number) {
  const hosts = db.prepare<[number, number], { ip: string }>('SELECT src AS ip FROM activities WHERE capture_id = ? UNION SELECT dst FROM activities WHERE capture_id = ?').all(id, id);
  const roles = db.prepare<[], { ip: string; role: string; source: string }>('SELECT ip, role, source FROM host_roles ORDER BY ip').all();
  const named = (r: { ip: string; source: string }) => ({ ip: r.ip, name: hostName(db, r.ip), source: r.source });
  return {
    hosts: hosts.length,
    dcs: roles.filter((r) => r.role === 'dc').map(named),
    dnsServers: roles.filter((r) => r.role === 'dns-server').map(named),
  };
}

export function capturePath(db: Db, id: number): { file: string; sample: number } | undefined {
  return db.prepare<[number], { file: string; sample: number }>('SELECT file, sample FROM captures WHERE id = ?').get(id);
}

export function sampleCaptureIds(db: Db): number[] {
  return db.prepare<[], { id: number }>('SELECT id FROM captures WHERE sample = 1').all().map((r) => r.id);
}
/** Mark a capture (and its alerts) as the bundled sample, so the UI badges them and can remove them. */
export function markSample(db: Db, captureId: number): void {
  db.transaction(() => {
    db.prepare('UPDATE captures SET sample = 1 WHERE id = ?').run(captureId);
    db.prepare('UPDATE alerts SET sample = 1 WHERE id IN (SELECT aa.alert_id FROM activities t JOIN alert_activities aa ON aa.activity_id = t.id WHERE t.capture_id = ?)').run(captureId);
  })();
}

export function captureHash(db: Db, id: number): string | null {
  return db.prepare<[number], { sha256: string | null }>('SELECT sha256 FROM captures WHERE id = ?').get(id)?.sha256 ?? null;
}

/** Point a capture at the file's new place (after "Capture file moved" -> Locate…), with an audit entry. */
export function relocateCapture(db: Db, id: number, file: string, author: string): void {
  db.transaction(() => {
    const before = capturePath(db, id)?.file ?? null;
    db.prepare('UPDATE captures SET file = ? WHERE id = ?').run(file, id);
    db.prepare('INSERT INTO audit (at, author, action, from_state, to_state, reason) VALUES (?, ?, ?, ?, ?, ?)').run(
      new Date().toISOString(), author, 'capture-relocate', JSON.stringify({ file: before }), JSON.stringify({ file }), `capture ${id}`);
  })();
}
