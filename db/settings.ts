/**
 * Settings kept in the database (one story per database): detection thresholds, SAMR learning
 * period, merge window, live retention, the analyst's name and the UI's preferences. Values are JSON.
 * Known keys are validated; DCs, DNS servers and sensitive accounts live in host_roles / accounts
 * (db/entities.ts) because they carry where they came from.
 */
import { InputError } from './errors.ts';
import type Database from 'better-sqlite3';
import { userInfo } from 'node:os';
import { DEFAULT_DETECTION_SETTINGS } from '../main/engine/detector.ts';

export class SettingError extends InputError {}

type Parser = (raw: unknown) => unknown;

/** Durations accept plain seconds or a unit: 90s, 10m, 24h, 28d. */
function duration(min: number, max: number): Parser {
  return (raw) => {
    const text = String(raw).trim();
    const m = /^(\d+)\s*([smhd]?)$/.exec(text);
    if (!m) throw new SettingError(`'${text}' is not a duration (seconds, or a number with s, m, h or d)`);
    const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
    const v = Number(m[1]) * unit;
    if (v < min || v > max) throw new SettingError(`${v} s is outside ${min}..${max} s`);
    return v;
  };
}
function integer(min: number, max: number): Parser {
  return (raw) => {
    const text = String(raw).trim();
    if (!/^\d+$/.test(text)) throw new SettingError(`'${text}' is not a whole number`);
    const v = Number(text);
    if (v < min || v > max) throw new SettingError(`${v} is outside ${min}..${max}`);
    return v;
  };
}
function text(maxLen: number): Parser {
  return (raw) => {
    const t = String(raw).trim();
    if (t === '' || t.length > maxLen) throw new SettingError(`needs 1..${maxLen} characters`);
    return t;
  };
}
function oneOf(...allowed: string[]): Parser {
  return (raw) => {
    const t = String(raw).trim();
    if (!allowed.includes(t)) throw new SettingError(`'${t}' is not one of ${allowed.join(', ')}`);
    return t;
  };
}

export function osUserName(): string {
  try {
    const name = userInfo().username;
    if (name) return name;
  } catch {
    // no passwd entry (some containers): fall back to the environment
  }
  return process.env['USER'] ?? process.env['USERNAME'] ?? 'analyst';
}

export interface SettingSpec {
  describe: string;
  fallback: () => unknown;
  parse: Parser;
}

const DAY = 86400;
export const SETTING_SPECS: ReadonlyMap<string, SettingSpec> = new Map<string, SettingSpec>([
  ['enumUnknownNames', { describe: '2003: distinct unknown names that raise an alert', fallback: () => DEFAULT_DETECTION_SETTINGS.enumUnknownNames, parse: integer(1, 1_000_000) }],
  ['enumWindowS', { describe: '2003: window for those names, seconds', fallback: () => DEFAULT_DETECTION_SETTINGS.enumWindowS, parse: duration(1, 30 * DAY) }],
  ['samrLearningS', { describe: '2021: SAMR learning period per DC, seconds (0: no baseline)', fallback: () => DEFAULT_DETECTION_SETTINGS.samrLearningS, parse: duration(0, 3650 * DAY) }],
  ['mergeWindowS', { describe: 'activity within this many seconds of an open alert updates it', fallback: () => DAY, parse: duration(0, 365 * DAY) }],
  ['liveRetentionDays', { describe: 'delete live captures older than this many days (0: keep)', fallback: () => 0, parse: integer(0, 36500) }],
  ['analystName', { describe: 'name written in the audit trail', fallback: osUserName, parse: text(100) }],
  ['wiresharkPath', { describe: 'Wireshark executable for "Open in Wireshark"', fallback: () => null, parse: text(4096) }],
  ['timeZone', { describe: 'time zone for display (UTC or an IANA name)', fallback: () => 'UTC', parse: text(64) }],
  ['theme', { describe: 'system, light or dark', fallback: () => 'system', parse: oneOf('system', 'light', 'dark') }],
  ['density', { describe: 'comfortable or compact rows', fallback: () => 'comfortable', parse: oneOf('comfortable', 'compact') }],
]);

export function getSetting<T>(db: Database.Database, key: string, fallback: T): T {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  if (!row) return fallback;
  try {
    return JSON.parse(row.value) as T;
  } catch {
    return fallback;
  }
}

/** The value of a known key, or its default. */
export function settingValue(db: Database.Database, key: string): unknown {
  const spec = SETTING_SPECS.get(key);
  if (!spec) throw new SettingError(`unknown setting '${key}'`);
  return getSetting<unknown>(db, key, spec.fallback());
}

/** Stores a value; known keys are validated (a string from the command line is parsed). */
export function setSetting(db: Database.Database, key: string, value: unknown): unknown {
  if (key === '' || key.length > 100) throw new SettingError('a setting key needs 1..100 characters');
  const spec = SETTING_SPECS.get(key);
  const stored = spec ? spec.parse(value) : value;
  const json = JSON.stringify(stored);
  if (json === undefined) throw new SettingError(`setting '${key}' cannot hold ${typeof value}`);
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, json);
  return stored;
}

export const analystName = (db: Database.Database): string => String(settingValue(db, 'analystName'));
export const mergeWindowMicros = (db: Database.Database): number => Number(settingValue(db, 'mergeWindowS')) * 1e6;
