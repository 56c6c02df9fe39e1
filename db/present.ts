/**
 * Plain-text views for the command line. Strings from packets are untrusted: control, bidi and
 * zero-width characters are shown escaped (\x07, \u202e) so they cannot drive the terminal or
 * reorder what the analyst reads (UI.md §1), and long values are cut.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

export function safeText(s: string, max = 256): string {
  const escaped = s.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
  return escaped.length > max ? `${escaped.slice(0, max - 1)}…` : escaped;
}

/** Columns padded to their widest cell; the last column is not padded. */
export type Cell = string | number | null;
export function textTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const cells = [headers.map(String), ...rows.map((r) => r.map((c) => safeText(c === null ? '-' : String(c))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return `${cells.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd()).join('\n')}\n`;
}

/** Packet time for tables: 2026-01-05 09:40:12 (UTC). */
export const shortTime = (iso: string | null): string => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, '').replace(/Z$/, '') : '-');
