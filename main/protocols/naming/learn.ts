/**
 * Reporting learned host names once per engine run (per DissectorContext), so that a name answered
 * a thousand times is one fact, not a thousand. Bounded: past MAX_REMEMBERED the memory restarts.
 */
import type { DissectorContext, NameSource } from '../../engine/dissector.ts';

const MAX_REMEMBERED = 100_000;
const MAX_NAME_LENGTH = 255;
const reported = new WeakMap<DissectorContext, Set<string>>();

export function learnNameOnce(ctx: DissectorContext, ip: string, name: string, source: NameSource, ts: number): void {
  const clean = (name.endsWith('.') ? name.slice(0, -1) : name).trim();
  if (!ip || !clean || clean.length > MAX_NAME_LENGTH) return;
  let seen = reported.get(ctx);
  if (!seen) reported.set(ctx, (seen = new Set()));
  const key = `${source}\0${ip}\0${clean.toLowerCase()}`;
  if (seen.has(key)) return;
  if (seen.size >= MAX_REMEMBERED) seen.clear();
  seen.add(key);
  ctx.learnName(ip, clean, source, ts);
}

/** "4.3.2.1.in-addr.arpa" -> "1.2.3.4"; nibble ip6.arpa names -> IPv6 text; else null. */
export function reverseNameToIp(name: string): string | null {
  const lower = name.toLowerCase().replace(/\.$/, '');
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.in-addr\.arpa$/.exec(lower);
  if (v4) {
    const octets = [v4[4], v4[3], v4[2], v4[1]].map(Number);
    return octets.every((o) => o <= 255) ? octets.join('.') : null;
  }
  const v6 = /^((?:[0-9a-f]\.){32})ip6\.arpa$/.exec(lower);
  if (!v6) return null;
  const nibbles = v6[1]!.split('.').filter(Boolean).reverse().join('');
  const groups: string[] = [];
  for (let i = 0; i < 32; i += 4) groups.push(parseInt(nibbles.slice(i, i + 4), 16).toString(16));
  return compressIpv6(groups);
}

/** RFC 5952 §4.2.3: the longest run of two or more zero groups becomes "::". */
export function compressIpv6(g: string[]): string {
  let best = -1, bestLen = 0;
  for (let i = 0; i < g.length; ) {
    if (g[i] !== '0') { i++; continue; }
    let j = i;
    while (j < g.length && g[j] === '0') j++;
    if (j - i > bestLen && j - i >= 2) { best = i; bestLen = j - i; }
    i = j;
  }
  return best < 0 ? g.join(':') : `${g.slice(0, best).join(':')}::${g.slice(best + bestLen).join(':')}`;
}
