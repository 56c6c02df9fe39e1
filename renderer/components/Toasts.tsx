/** Toasts (role=status) with an optional Undo; a toast stays 10 s. Ctrl+Z undoes the latest. */
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { api } from '../api.ts';
import { escapeInvisible } from '../../main/api/present/escape.ts';

interface Toast {
  id: number;
  message: string;
  undoToken: number | null;
  error?: boolean;
}
interface ToastApi {
  show(message: string, undoToken?: number | null, onUndone?: () => void): void;
  error(message: string): void;
  undoLast(): void;
}
const Ctx = createContext<ToastApi>({ show: () => undefined, error: () => undefined, undoLast: () => undefined });
export const useToasts = () => useContext(Ctx);

const TOAST_MS = 10_000;

export function ToastProvider({ children, onChange }: { children: ReactNode; onChange: () => void }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const undone = useRef(new Map<number, () => void>());
  const next = useRef(1);
  const remove = useCallback((id: number) => setToasts((t) => t.filter((x) => x.id !== id)), []);
  const push = useCallback(
    (t: Omit<Toast, 'id'>, onUndone?: () => void) => {
      const id = next.current++;
      if (onUndone) undone.current.set(id, onUndone);
      setToasts((all) => [...all.slice(-3), { ...t, id }]);
      setTimeout(() => remove(id), TOAST_MS);
    },
    [remove],
  );
  const undo = useCallback(
    async (t: Toast) => {
      if (t.undoToken === null) return;
      remove(t.id);
      try {
        const r = await api.call('triage.undo', { token: t.undoToken });
        push({ message: r.message, undoToken: null });
        undone.current.get(t.id)?.();
        onChange();
      } catch (e) {
        push({ message: e instanceof Error ? e.message : String(e), undoToken: null, error: true });
      }
    },
    [push, remove, onChange],
  );
  const latest = useRef<Toast | undefined>(undefined);
  latest.current = [...toasts].reverse().find((t) => t.undoToken !== null);
  const value: ToastApi = {
    show: (message, undoToken = null, onUndone) => push({ message, undoToken }, onUndone),
    error: (message) => push({ message, undoToken: null, error: true }),
    undoLast: () => {
      if (latest.current) void undo(latest.current);
    },
  };
  return (
    <Ctx.Provider value={value}>
      {children}
      <div className="toasts">
        {toasts.map((t) => (
          <div key={t.id} role="status" className={`toast${t.error ? ' error' : ''}`}>
            <span>{escapeInvisible(t.message)}</span>
            {t.undoToken !== null && (
              <button type="button" onClick={() => void undo(t)}>
                Undo
              </button>
            )}
            <button type="button" className="ghost" aria-label="Dismiss" onClick={() => remove(t.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </Ctx.Provider>
  );
}

/** Ctrl+Z anywhere (outside text fields): undo the latest change that offered Undo. */
export function UndoKey() {
  const toasts = useToasts();
  useEffect(() => {
    const on = (e: KeyboardEvent) => {
      const t = e.target;
      const typing = t instanceof HTMLElement && (t.isContentEditable || t.tagName === 'TEXTAREA' || t.tagName === 'INPUT' || t.tagName === 'SELECT');
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z' && !typing) {
        e.preventDefault();
        toasts.undoLast();
      }
    };
    window.addEventListener('keydown', on);
    return () => window.removeEventListener('keydown', on);
  }, [toasts]);
  return null;
}
