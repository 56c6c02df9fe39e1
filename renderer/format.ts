/** Numbers, sizes and packet times as the UI writes them (UTC by default). */
import type { Computer } from '../main/api/contract.ts';

let zone: 'utc' | 'local' = 'utc';
export const setTimeZone = (z: 'utc' | 'local') => {
  zone = z;
};

const pad = (n: number) => String(n).padStart(2, '0');
function parts(us: number) {
  const d = new Date(Math.floor(us / 1000));
  return zone === 'utc'
    ? { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds() }
    : { y: d.getFullYear(), mo: d.getMonth() + 1, d: d.getDate(), h: d.getHours(), mi: d.getMinutes(), s: d.getSeconds() };
}
export function dateTime(us: number | null): string {
  if (us === null) return '-';
  const p = parts(us);
  return `${p.y}-${pad(p.mo)}-${pad(p.d)} ${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}`;
}
export function time(us: number | null): string {
  if (us === null) return '-';
  const p = parts(us);
  return `${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}`;
}
export function shortDateTime(us: number): string {
  const p = parts(us);
  return `${pad(p.mo)}-${pad(p.d)} ${pad(p.h)}:${pad(p.mi)}`;
}
export const zoneLabel = () => (zone === 'utc' ? 'UTC' : 'local');

export function span(from: number | null, to: number | null): string {
  if (from === null || to === null) return '-';
  const a = dateTime(from);
  const b = dateTime(to);
  return a.slice(0, 10) === b.slice(0, 10) ? `${a} – ${b.slice(11)}` : `${a} – ${b}`;
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

export function count(n: number): string {
  if (n < 10_000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 100_000 ? 1 : 0)} k`;
  return `${(n / 1_000_000).toFixed(1)} M`;
}

export const computerText = (c: Computer) => (c.name ? `${c.name} (${c.ip})` : c.ip);
export const CLASS_LABEL: Record<string, string> = { tp: 'TP', btp: 'B-TP', fp: 'FP' };
export const statusText = (s: string, cls: string | null) => (s === 'closed' ? `Closed${cls ? ` ${CLASS_LABEL[cls] ?? cls}` : ''}` : s === 'open' ? 'Open' : 'Reopened');

/** "1 alert", "3 alerts". */
export const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;
