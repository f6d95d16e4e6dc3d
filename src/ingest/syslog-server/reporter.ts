import type { CollectorLogger } from '../forward/index.js';

/** Options of {@link startCounterReporter}. */
export interface CounterReporterOptions {
  /** Returns the counters to log (e.g. `server.counters()` merged with the sink's). */
  counters: () => object;
  logger: CollectorLogger;
  /** Log every this many ms (0 = only on the signal). */
  intervalMs: number;
  /** Signal that logs the counters immediately (default SIGUSR1; null = none). */
  signal?: NodeJS.Signals | null;
  /** Log message (default `counters`). */
  message?: string;
}

/**
 * Logs a collector's counters every `intervalMs` and whenever the process receives SIGUSR1 (`kill -USR1 <pid>`).
 * Returns `report()` to log now (e.g. once more at shutdown) and `stop()` to remove the timer and signal handler.
 */
export function startCounterReporter(opts: CounterReporterOptions): { report(): void; stop(): void } {
  const report = (): void => opts.logger.info({ counters: opts.counters() }, opts.message ?? 'counters');
  const timer = opts.intervalMs > 0 ? setInterval(report, opts.intervalMs) : undefined;
  timer?.unref();
  const signal = opts.signal === undefined ? 'SIGUSR1' : opts.signal;
  if (signal !== null) process.on(signal, report);
  return {
    report,
    stop() {
      if (timer) clearInterval(timer);
      if (signal !== null) process.off(signal, report);
    },
  };
}
