/** Running a query from Explore: one at a time, cancellable (AbortController), with start time, result and error. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { QueryMeta } from '../../api/types';
import { runQuery, type RunRequest } from './api';

export interface RunState {
  running: boolean;
  /** performance.now() when the current run started. */
  startedAt: number;
  /** The text of the last finished (or failed) run. */
  ranText: string | null;
  result: unknown;
  meta: QueryMeta | null;
  error: unknown;
  cancelled: boolean;
}

const IDLE: RunState = { running: false, startedAt: 0, ranText: null, result: null, meta: null, error: null, cancelled: false };

export function useQueryRunner(): { state: RunState; run: (r: RunRequest) => Promise<void>; cancel: () => boolean } {
  const [state, setState] = useState<RunState>(IDLE);
  const current = useRef<AbortController | null>(null);

  const run = useCallback(async (r: RunRequest) => {
    current.current?.abort();
    const ac = new AbortController();
    current.current = ac;
    setState((s) => ({ ...s, running: true, startedAt: performance.now(), error: null, cancelled: false }));
    try {
      const res = await runQuery(r, ac.signal);
      if (current.current !== ac) return;
      setState({ running: false, startedAt: 0, ranText: r.text, result: res.result, meta: res.meta, error: null, cancelled: false });
    } catch (e) {
      if (current.current !== ac) return; // superseded by a newer run, or the page went away
      if (ac.signal.aborted) {
        setState((s) => ({ ...s, running: false, cancelled: true }));
      } else {
        setState((s) => ({ ...s, running: false, ranText: r.text, error: e, result: null, meta: null }));
      }
    } finally {
      if (current.current === ac) current.current = null;
    }
  }, []);

  /** Cancel the running query; true when there was one. */
  const cancel = useCallback((): boolean => {
    const ac = current.current;
    if (!ac) return false;
    ac.abort();
    return true;
  }, []);

  // leaving the page drops the connection, so the server stops the query
  useEffect(() => () => {
    const ac = current.current;
    current.current = null;
    ac?.abort();
  }, []);

  return { state, run, cancel };
}
