/**
 * The alert's title sentence cut into text and links (UI.md: `{x}` are links): the source and the
 * target computers, found in the stored title as `NAME (ip)` or the bare ip, link to their host
 * pages. Pure: the renderer draws the pieces as React text (never HTML), the tests check the cuts.
 */
import type { Computer } from '../schema/common.ts';

export interface TitlePiece {
  text: string;
  /** The host page of the computer this piece names (`#/entities/hosts/<ip>`), absent for plain text. */
  href?: string;
  role?: 'source' | 'target';
}

const hostHref = (ip: string) => `#/entities/hosts/${encodeURIComponent(ip)}`;

/** An ip found as a whole token (10.0.0.1 must not match inside 10.0.0.10). */
function findIp(title: string, ip: string, from = 0): number {
  for (let i = title.indexOf(ip, from); i >= 0; i = title.indexOf(ip, i + 1)) {
    const before = title[i - 1] ?? ' ';
    const after = title[i + ip.length] ?? ' ';
    if (!/[0-9A-Za-z.:]/.test(before) && !/[0-9A-Za-z:]/.test(after) && !(after === '.' && /[0-9]/.test(title[i + ip.length + 1] ?? ''))) return i;
  }
  return -1;
}

/** Where the computer is named in the title: `NAME (ip)` first, else the bare ip. */
function locate(title: string, c: Computer): { start: number; end: number } | null {
  if (!c.ip) return null;
  if (c.name) {
    const full = `${c.name} (${c.ip})`;
    const i = title.indexOf(full);
    if (i >= 0) return { start: i, end: i + full.length };
  }
  const j = findIp(title, c.ip);
  if (j < 0) return null;
  // A name that is not the current one, as in `OLDNAME (ip)`: link the ip with its parentheses.
  if (title[j - 1] === '(' && title[j + c.ip.length] === ')') return { start: j - 1, end: j + c.ip.length + 1 };
  return { start: j, end: j + c.ip.length };
}

export function titlePieces(title: string, source: Computer, target: Computer): TitlePiece[] {
  const found: { start: number; end: number; c: Computer; role: 'source' | 'target' }[] = [];
  const s = locate(title, source);
  if (s) found.push({ ...s, c: source, role: 'source' });
  const t = source.ip === target.ip ? null : locate(title, target);
  if (t && (!s || t.end <= s.start || t.start >= s.end)) found.push({ ...t, c: target, role: 'target' });
  found.sort((a, b) => a.start - b.start);
  const pieces: TitlePiece[] = [];
  let at = 0;
  for (const f of found) {
    if (f.start > at) pieces.push({ text: title.slice(at, f.start) });
    pieces.push({ text: title.slice(f.start, f.end), href: hostHref(f.c.ip), role: f.role });
    at = f.end;
  }
  if (at < title.length || pieces.length === 0) pieces.push({ text: title.slice(at) });
  return pieces;
}
