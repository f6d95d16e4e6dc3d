import { useCallback, useEffect, useRef, useState } from 'react';

export interface Loaded<T> { data: T | undefined; error: unknown; loading: boolean; reload: () => void }

/**
 * Runs `load` on mount and whenever `key` changes (and on reload()); stale answers are dropped. `load` receives an
 * AbortSignal for the request.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, key: string): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    loadRef.current(ctrl.signal).then(
      (d) => { if (!ctrl.signal.aborted) { setData(d); setError(null); setLoading(false); } },
      (e: unknown) => { if (!ctrl.signal.aborted) { setError(e); setLoading(false); } },
    );
    return () => ctrl.abort();
  }, [key, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}
