/** What an engine run reads before it starts (one story per database): settings, roles, names, SAMR learning. */
import type Database from 'better-sqlite3';
import type { SamrQueryClass } from '../main/engine/activity.ts';
import type { DetectionSettings } from '../main/engine/detector.ts';
import type { HostRole, NameSource, RoleSource } from '../main/engine/dissector.ts';
import type { EngineState } from '../main/engine/sink.ts';
import { taggedSensitiveKeys } from './entities.ts';
import { settingValue } from './settings.ts';

export function loadDetectionSettings(db: Database.Database): DetectionSettings {
  return {
    enumUnknownNames: Number(settingValue(db, 'enumUnknownNames')),
    enumWindowS: Number(settingValue(db, 'enumWindowS')),
    samrLearningS: Number(settingValue(db, 'samrLearningS')),
    taggedSensitive: taggedSensitiveKeys(db),
  };
}

export function loadEngineState(db: Database.Database): EngineState {
  const roles = db.prepare('SELECT ip, role, source, coalesce(first_seen, 0) AS ts, detail FROM host_roles ORDER BY first_seen, ip').all() as {
    ip: string;
    role: HostRole;
    source: RoleSource;
    ts: number;
    detail: string | null;
  }[];
  const names = db.prepare('SELECT ip, name, source, coalesce(last_seen, 0) AS ts FROM host_names ORDER BY last_seen, ip').all() as {
    ip: string;
    name: string;
    source: NameSource;
    ts: number;
  }[];
  return {
    settings: loadDetectionSettings(db),
    roles: roles.map((r) => (r.detail === null ? { ip: r.ip, role: r.role, source: r.source, ts: r.ts } : { ...r, detail: r.detail })),
    names,
    samrLearningStarts: db.prepare('SELECT dc, start_ts AS ts FROM samr_learning ORDER BY dc').all() as { dc: string; ts: number }[],
    samrBaseline: db.prepare('SELECT dc, source, class AS cls, first_ts AS ts FROM samr_baseline ORDER BY dc, source, class').all() as {
      dc: string;
      source: string;
      cls: SamrQueryClass;
      ts: number;
    }[],
  };
}
