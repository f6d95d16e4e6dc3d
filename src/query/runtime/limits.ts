/**
 * Per-query limits (DESIGN §6, reference §12 #21): a time limit (DELVE_QUERY_TIMEOUT) and cancellation (e.g. when the
 * HTTP client disconnects). Both abort one AbortSignal whose reason is a DelveError (DLV_QUERY_TIMEOUT → 408,
 * DLV_QUERY_CANCELLED → 499), which the executor reports.
 */
import { DelveError } from '../../errors.js';

export interface QueryDeadline {
  /** Aborted on timeout or cancel(). */
  readonly signal: AbortSignal;
  /** Cancel the query (client went away). No effect once aborted. */
  cancel(why?: string): void;
  /** Stop the timer (call when the query is done). */
  dispose(): void;
}

/** Start the clock for one query: `timeoutMs` from now the signal aborts with DLV_QUERY_TIMEOUT. */
export function queryDeadline(timeoutMs: number, parent?: AbortSignal): QueryDeadline {
  const controller = new AbortController();
  const seconds = Math.round(timeoutMs / 100) / 10;
  const timer = setTimeout(() => {
    controller.abort(new DelveError('DLV_QUERY_TIMEOUT', `The query ran longer than ${seconds} s (DELVE_QUERY_TIMEOUT) and was stopped; narrow the search (index, time range) or raise the limit.`));
  }, Math.max(0, timeoutMs));
  timer.unref?.();
  const onParent = (): void => controller.abort(new DelveError('DLV_QUERY_CANCELLED', 'The query was cancelled.'));
  if (parent?.aborted) onParent();
  else parent?.addEventListener('abort', onParent, { once: true });
  return {
    signal: controller.signal,
    cancel(why = 'The query was cancelled because the client disconnected.') {
      if (!controller.signal.aborted) controller.abort(new DelveError('DLV_QUERY_CANCELLED', why));
    },
    dispose() {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParent);
    },
  };
}

/**
 * Await `work` but give up as soon as `signal` aborts (rejecting with the abort reason), so a command that does not
 * watch the signal cannot hold a request past its time limit. The abandoned work's outcome is ignored.
 */
export function raceAbort<T>(work: Promise<T> | T, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  const p = Promise.resolve(work);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => { signal.removeEventListener('abort', onAbort); resolve(v); },
      (e: unknown) => { signal.removeEventListener('abort', onAbort); reject(e as Error); },
    );
  });
}
