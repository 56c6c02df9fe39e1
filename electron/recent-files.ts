/** File › Recent: the last captures opened, kept in the user-data folder (recent.json). */
import { readFileSync, writeFileSync } from 'node:fs';

export const MAX_RECENT = 10;

export function loadRecent(file: string): string[] {
  try {
    const v: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, MAX_RECENT) : [];
  } catch {
    return [];
  }
}

export function addRecent(list: readonly string[], paths: readonly string[]): string[] {
  const next = [...paths, ...list.filter((p) => !paths.includes(p))];
  return next.slice(0, MAX_RECENT);
}

export function saveRecent(file: string, list: readonly string[]): void {
  writeFileSync(file, JSON.stringify(list, null, 2));
}
