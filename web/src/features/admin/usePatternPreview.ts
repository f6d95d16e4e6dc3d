/**
 * Live preview of index patterns: GET /api/groups/preview?pattern=… for each pattern (debounced, cached, at most
 * four requests at a time). The server filters to indexes the caller may read, with the same glob semantics as the
 * ACL itself.
 */
import { useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { PatternPreview } from './admin-types';
import type { PreviewState } from './index-patterns';

const DEBOUNCE_MS = 300;
const CONCURRENCY = 4;

export function usePatternPreview(patterns: readonly string[], enabled: boolean): ReadonlyMap<string, PreviewState> {
  const key = patterns.join('\n');
  const [debounced, setDebounced] = useState(key);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(key), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [key]);
  const cache = useRef(new Map<string, PreviewState>());
  const [states, setStates] = useState<ReadonlyMap<string, PreviewState>>(new Map());
  useEffect(() => {
    if (!enabled) return;
    const wanted = debounced === '' ? [] : debounced.split('\n');
    const missing = wanted.filter((p) => !cache.current.has(p));
    if (missing.length === 0) { setStates(new Map(cache.current)); return; }
    const ctrl = new AbortController();
    for (const p of missing) cache.current.set(p, { status: 'loading' });
    setStates(new Map(cache.current));
    const queue = [...missing];
    const worker = async (): Promise<void> => {
      for (let p = queue.shift(); p !== undefined; p = queue.shift()) {
        try {
          const r = await api<PatternPreview>(`/api/groups/preview?pattern=${encodeURIComponent(p)}`, { signal: ctrl.signal });
          cache.current.set(p, { status: 'ok', indexes: r.indexes });
        } catch (e) {
          if (ctrl.signal.aborted) return;
          cache.current.set(p, { status: 'error', message: e instanceof ApiError ? e.message : 'Preview failed.' });
        }
        if (!ctrl.signal.aborted) setStates(new Map(cache.current));
      }
    };
    for (let i = 0; i < Math.min(CONCURRENCY, missing.length); i++) void worker();
    return () => {
      ctrl.abort();
      for (const [p, s] of cache.current) if (s.status === 'loading') cache.current.delete(p);
    };
  }, [debounced, enabled]);
  return states;
}
