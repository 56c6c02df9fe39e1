/**
 * Showing untrusted strings (names from packets): control, bidi and zero-width characters become
 * visible escapes (\x07, \u202E) so that nothing can hide or reorder text. Pure: the renderer uses it too.
 */
// C0/C1 controls, bidi embeddings/overrides/isolates, zero-width and invisible formatting characters.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb]/g;

export function escapeInvisible(s: string): string {
  return s.replace(INVISIBLE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  });
}

export const MAX_SHOWN = 256;

/** The escaped string cut at 256 characters (the UI offers the full value in a popover). */
export function shown(s: string): { text: string; cut: boolean; full: string } {
  const full = escapeInvisible(s);
  return full.length > MAX_SHOWN ? { text: `${full.slice(0, MAX_SHOWN)}…`, cut: true, full } : { text: full, cut: false, full };
}

/** HTML text escaping for the self-contained report (after making invisible characters visible). */
export function html(s: string | number): string {
  return escapeInvisible(String(s)).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
