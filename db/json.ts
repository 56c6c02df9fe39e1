/**
 * The JSON shapes of the CLI contract (`analyze --json`, `alerts --json`, `captures --json`), built
 * from rows. Times are ISO 8601 UTC strings of packet time; names may be null.
 */
import type Database from 'better-sqlite3';
import type { DetectionId } from '../main/engine/activity.ts';
import type { CaptureFormat, CaptureStatus } from '../main/engine/sink.ts';
import { nameLookup, namesOf } from './entities.ts';
import { isoFromMicros, isoFromMicrosOrNull } from './time.ts';
import { parseJsonObject, parseJsonArray } from './rows.ts';

export type AlertStatus = 'open' | 'closed' | 'reopened';
export type Classification = 'tp' | 'btp' | 'fp';

export interface AlertJson {
  id: number;
  detection: DetectionId;
  title: string;
  severity: 'low' | 'medium' | 'high';
  status: AlertStatus;
  classification: Classification | null;
  source: { ip: string; name: string | null };
  target: { ip: string; name: string | null };
  firstSeen: string;
  lastSeen: string;
  exposedAccounts: string[];
  details: Record<string, unknown>;
}

export interface CaptureJson {
  id: number;
  file: string;
  sha256: string | null;
  format: CaptureFormat | null;
  linkTypes: number[];
  packets: number;
  bytes: number;
  firstPacket: string | null;
  lastPacket: string | null;
  skipped: Record<string, number>;
  blindSpots: { smb3EncryptedFrames: number; rpcEncryptedPdus: number; tcpGaps: number; pairs: { client: string; server: string; kind: string; count: number }[]; [k: string]: unknown };
  status: CaptureStatus;
}

export interface HostJson {
  ip: string;
  names: string[];
  roles: ('dc' | 'dns-server')[];
}

export interface AlertRow {
  id: number;
  detection: DetectionId;
  source: string;
  target: string;
  status: AlertStatus;
  classification: Classification | null;
  severity: 'low' | 'medium' | 'high';
  title: string;
  first_seen: number;
  last_seen: number;
  exposed: string;
  details: string;
}

export interface AlertFilter {
  ids?: number[];
  status?: AlertStatus;
  detection?: DetectionId;
  /** Alerts seen at or after this packet time (µs). */
  since?: number;
}

export function alertRows(db: Database.Database, filter: AlertFilter): AlertRow[] {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    where.push(`id IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(filter.ids));
  }
  const add = (clause: string, value: string | number) => {
    where.push(clause);
    params.push(value);
  };
  if (filter.status) add('status = ?', filter.status);
  if (filter.detection) add('detection = ?', filter.detection);
  if (filter.since !== undefined) add('last_seen >= ?', filter.since);
  const sql = `SELECT id, detection, source, target, status, classification, severity, title, first_seen, last_seen, exposed, details
    FROM alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY first_seen, id`;
  return db.prepare(sql).all(...params) as AlertRow[];
}

export function alertsJson(db: Database.Database, filter: AlertFilter): AlertJson[] {
  const names = nameLookup(db);
  return alertRows(db, filter).map((r) => ({
    id: r.id,
    detection: r.detection,
    title: r.title,
    severity: r.severity,
    status: r.status,
    classification: r.classification,
    source: { ip: r.source, name: names.nameOf(r.source) },
    target: { ip: r.target, name: names.nameOf(r.target) },
    firstSeen: isoFromMicros(r.first_seen),
    lastSeen: isoFromMicros(r.last_seen),
    exposedAccounts: parseJsonArray(r.exposed).map(String),
    details: parseJsonObject(r.details),
  }));
}

interface CaptureRow {
  id: number;
  file: string;
  sha256: string | null;
  format: CaptureFormat | null;
  link_types: string;
  packets: number;
  bytes: number;
  first_packet: number | null;
  last_packet: number | null;
  skipped: string;
  blind_spots: string;
  blind_pairs: string;
  status: CaptureStatus;
}

export function capturesJson(db: Database.Database, ids?: number[]): CaptureJson[] {
  const sql = `SELECT id, file, sha256, format, link_types, packets, bytes, first_packet, last_packet, skipped, blind_spots, blind_pairs, status
    FROM captures ${ids ? 'WHERE id IN (SELECT value FROM json_each(?))' : ''} ORDER BY id`;
  const rows = (ids ? db.prepare(sql).all(JSON.stringify(ids)) : db.prepare(sql).all()) as CaptureRow[];
  return rows.map((r) => {
    const spots = parseJsonObject(r.blind_spots);
    const pairs: CaptureJson['blindSpots']['pairs'] = [];
    for (const [pair, kinds] of Object.entries(parseJsonObject(r.blind_pairs))) {
      const [client = '', server = ''] = pair.split('>');
      for (const [kind, count] of Object.entries((kinds ?? {}) as Record<string, unknown>)) pairs.push({ client, server, kind, count: Number(count) });
    }
    return {
      id: r.id,
      file: r.file,
      sha256: r.sha256,
      format: r.format,
      linkTypes: parseJsonArray(r.link_types).map(Number),
      packets: r.packets,
      bytes: r.bytes,
      firstPacket: isoFromMicrosOrNull(r.first_packet),
      lastPacket: isoFromMicrosOrNull(r.last_packet),
      skipped: parseJsonObject(r.skipped) as Record<string, number>,
      blindSpots: { ...spots, smb3EncryptedFrames: Number(spots['smb3EncryptedFrames'] ?? 0), rpcEncryptedPdus: Number(spots['rpcEncryptedPdus'] ?? 0), tcpGaps: Number(spots['tcpGaps'] ?? 0), pairs },
      status: r.status,
    };
  });
}

export function hostsJson(db: Database.Database): HostJson[] {
  const ips = db.prepare('SELECT ip FROM hosts ORDER BY ip').pluck().all() as string[];
  const roles = db.prepare('SELECT DISTINCT role FROM host_roles WHERE ip = ? ORDER BY role').pluck();
  return ips.map((ip) => ({ ip, names: namesOf(db, ip), roles: roles.all(ip) as HostJson['roles'] }));
}
