/** Data for a screen: one API call, with loading and error states, re-run when its arguments change. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Args, Channel, Result } from '../../main/api/contract.ts';
import { api } from '../api.ts';

export interface CallState<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

export function useCall<C extends Channel>(channel: C, args: Args<C>, opts: { skip?: boolean; version?: number } = {}): CallState<Result<C>> {
  const key = JSON.stringify(args);
  const [state, setState] = useState<{ data: Result<C> | null; error: string | null; loading: boolean }>({ data: null, error: null, loading: true });
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  useEffect(() => {
    if (opts.skip) return;
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    api
      .call(channel, JSON.parse(key) as Args<C>)
      .then((data) => mine === seq.current && setState({ data, error: null, loading: false }))
      .catch((e: unknown) => mine === seq.current && setState((s) => ({ data: s.data, error: e instanceof Error ? e.message : String(e), loading: false })));
  }, [channel, key, tick, opts.skip, opts.version]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

/** Re-run `fn` every `ms` while `active` (import progress, live status): polling keeps the transport neutral. */
export function usePoll(fn: () => void, ms: number, active: boolean): void {
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => ref.current(), ms);
    return () => clearInterval(t);
  }, [ms, active]);
}
