/**
 * The alert's title sentence cut into text and links (UI.md: `{x}` are links): the source and the
 * target computers, found in the stored title as `NAME (ip)` or the bare ip, link to their host
 * pages; the user a 2012/2021 title starts with (`{user} on {source} …`) links to the account page
 * when the handler knows that account (AlertDetail.titleUser). Pure: the renderer draws the pieces as React text (never HTML), the tests check the cuts.
 */
import type { Computer } from '../schema/common.ts';

export interface TitlePiece {
  text: string;
  /** The host page of the computer (`#/entities/hosts/<ip>`) or the account page of the user this piece names, absent for plain text. */
  href?: string;
  role?: 'source' | 'target' | 'user';
}

const hostHref = (ip: string) => `#/entities/hosts/${encodeURIComponent(ip)}`;
export const accountHref = (name: string) => `#/entities/accounts/${encodeURIComponent(name)}`;

/**
 * The account a 2012/2021 title starts with (`{user} on {source} …`), if `known` says it is one;
 * each ` on ` is tried in turn, since a name may hold spaces.
 */
export function titleUser(title: string, known: (name: string) => boolean): string | null {
  for (let i = title.indexOf(' on '); i > 0; i = title.indexOf(' on ', i + 1)) {
    const name = title.slice(0, i);
    if (known(name)) return name;
  }
  return null;
}

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

export function titlePieces(title: string, source: Computer, target: Computer, user: string | null = null): TitlePiece[] {
  const found: { start: number; end: number; href: string; role: 'source' | 'target' | 'user' }[] = [];
  const u = user && title.startsWith(`${user} on `) ? { start: 0, end: user.length } : null;
  const apart = (a: { start: number; end: number }, b: { start: number; end: number } | null) => !b || a.end <= b.start || a.start >= b.end;
  if (u && user) found.push({ ...u, href: accountHref(user), role: 'user' });
  const s = locate(title, source);
  if (s && apart(s, u)) found.push({ ...s, href: hostHref(source.ip), role: 'source' });
  const t = source.ip === target.ip ? null : locate(title, target);
  if (t && apart(t, s) && apart(t, u)) found.push({ ...t, href: hostHref(target.ip), role: 'target' });
  found.sort((a, b) => a.start - b.start);
  const pieces: TitlePiece[] = [];
  let at = 0;
  for (const f of found) {
    if (f.start > at) pieces.push({ text: title.slice(at, f.start) });
    pieces.push({ text: title.slice(f.start, f.end), href: f.href, role: f.role });
    at = f.end;
  }
  if (at < title.length || pieces.length === 0) pieces.push({ text: title.slice(at) });
  return pieces;
}
