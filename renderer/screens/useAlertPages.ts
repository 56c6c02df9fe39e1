/**
 * Offset pages of the alert list, fetched as the grid scrolls (tens of thousands of rows stay
 * smooth: only visible pages are loaded). A new filter or a data change starts over.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AlertRow, Args, Result } from '../../main/api/contract.ts';
import { api } from '../api.ts';

export const PAGE = 200;

export interface AlertPages {
  meta: Omit<Result<'alerts.list'>, 'rows'> | null;
  row(index: number): AlertRow | undefined;
  ensure(from: number, to: number): void;
  loaded(): AlertRow[];
  error: string | null;
  reload(): void;
}

export function useAlertPages(args: Omit<Args<'alerts.list'>, 'offset' | 'limit'>, version: number): AlertPages {
  const key = JSON.stringify(args);
  const [meta, setMeta] = useState<AlertPages['meta']>(null);
  const [error, setError] = useState<string | null>(null);
  const [, setTick] = useState(0);
  const rows = useRef(new Map<number, AlertRow>());
  const pending = useRef(new Set<number>());
  const gen = useRef(0);
  const [reloadTick, setReload] = useState(0);

  const fetchPage = useCallback(
    (page: number, g: number) => {
      if (pending.current.has(page)) return;
      pending.current.add(page);
      api
        .call('alerts.list', { ...(JSON.parse(key) as object), offset: page * PAGE, limit: PAGE } as Args<'alerts.list'>)
        .then((r) => {
          if (g !== gen.current) return;
          const { rows: got, ...m } = r;
          got.forEach((row, i) => rows.current.set(page * PAGE + i, row));
          setMeta(m);
          setError(null);
          setTick((t) => t + 1);
        })
        .catch((e: unknown) => g === gen.current && setError(e instanceof Error ? e.message : String(e)))
        .finally(() => pending.current.delete(page));
    },
    [key],
  );

  useEffect(() => {
    const g = ++gen.current;
    // Keep showing the old rows while the first page of the new answer loads (no flicker on live updates).
    const keep = rows.current;
    pending.current = new Set();
    api
      .call('alerts.list', { ...(JSON.parse(key) as object), offset: 0, limit: PAGE } as Args<'alerts.list'>)
      .then((r) => {
        if (g !== gen.current) return;
        const { rows: got, ...m } = r;
        keep.clear();
        got.forEach((row, i) => keep.set(i, row));
        setMeta(m);
        setError(null);
        setTick((t) => t + 1);
      })
      .catch((e: unknown) => g === gen.current && setError(e instanceof Error ? e.message : String(e)));
  }, [key, version, reloadTick]);

  return {
    meta,
    error,
    row: (i) => rows.current.get(i),
    ensure: (from, to) => {
      for (let p = Math.floor(from / PAGE); p <= Math.floor(to / PAGE); p++) if (!rows.current.has(p * PAGE)) fetchPage(p, gen.current);
    },
    loaded: () => [...rows.current.values()],
    reload: () => setReload((t) => t + 1),
  };
}
