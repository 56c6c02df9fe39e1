/**
 * Global keys (UI.md §5): g then o/a/e/c/l/x/s goes to a rail page, Ctrl+K search, Ctrl+O import,
 * / focuses the page filter, ? lists keys. Letters never fire in text fields. Screens add their own
 * keys with useKeys (alert page: e, c, r, w, [ ]).
 */
import { useEffect, useRef } from 'react';
import { RAIL_KEYS } from './components/Rail.tsx';
import { navigate } from './router.ts';

export function inTextField(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  return t.isContentEditable || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || (t.tagName === 'INPUT' && !['checkbox', 'radio', 'button'].includes((t as HTMLInputElement).type));
}

export function useGlobalKeys({ onHelp }: { onHelp: () => void }) {
  const pendingG = useRef(false);
  useEffect(() => {
    const on = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        document.getElementById('global-search')?.focus();
        return;
      }
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'o') {
        e.preventDefault();
        navigate('#/captures?import=1');
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || inTextField(e.target) || document.querySelector('dialog[open]')) return;
      if (pendingG.current) {
        pendingG.current = false;
        const page = RAIL_KEYS[e.key];
        if (page) {
          e.preventDefault();
          navigate(`#/${page}`);
        }
        return;
      }
      if (e.key === 'g') pendingG.current = true;
      else if (e.key === '?') onHelp();
      else if (e.key === '/') {
        const f = document.querySelector<HTMLInputElement>('[data-filter]');
        if (f) {
          e.preventDefault();
          f.focus();
        }
      }
    };
    window.addEventListener('keydown', on);
    return () => window.removeEventListener('keydown', on);
  }, [onHelp]);
}

/** Screen keys: a map from key to action; skipped in text fields and while a dialog is open. */
export function useKeys(map: Record<string, (e: KeyboardEvent) => void>) {
  const ref = useRef(map);
  ref.current = map;
  useEffect(() => {
    const on = (e: KeyboardEvent) => {
      if (e.altKey || inTextField(e.target) || document.querySelector('dialog[open]')) return;
      const k = (e.ctrlKey || e.metaKey ? 'Ctrl+' : '') + e.key;
      const fn = ref.current[k];
      if (fn) {
        e.preventDefault();
        fn(e);
      }
    };
    window.addEventListener('keydown', on);
    return () => window.removeEventListener('keydown', on);
  }, []);
}
