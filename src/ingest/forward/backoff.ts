/** Retry timing shared by the forwarder, the spool and the syslog batcher. */
export interface BackoffOptions {
  /** First delay, in ms (default 250). */
  baseMs?: number;
  /** Longest delay, in ms (default 30 000). */
  capMs?: number;
}

/**
 * Delay before retry number `attempt` (1 = first retry): exponential from `baseMs`, capped at `capMs`, with
 * "equal jitter" (between half and all of the exponential value) so many senders do not retry in lock-step.
 */
export function backoffDelay(attempt: number, opts: BackoffOptions = {}): number {
  const base = opts.baseMs ?? 250;
  const cap = opts.capMs ?? 30_000;
  const exp = Math.min(cap, base * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  return Math.round(exp / 2 + Math.random() * (exp / 2));
}

/**
 * A sleep that can be cut short: `wait(ms)` resolves after `ms` or as soon as `wake()` is called (used so that
 * close() does not have to wait for a long back-off).
 */
export class Sleeper {
  private timer: NodeJS.Timeout | undefined;
  private resolve: (() => void) | undefined;

  wait(ms: number): Promise<void> {
    this.wake();
    return new Promise((resolve) => {
      this.resolve = resolve;
      this.timer = setTimeout(() => this.wake(), Math.max(0, ms));
    });
  }

  wake(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const r = this.resolve;
    this.resolve = undefined;
    r?.();
  }
}

/**
 * Parses a Retry-After header (delta-seconds or an HTTP date) into milliseconds from `now`, capped at `capMs`.
 * Returns undefined when absent or unparseable.
 */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now(), capMs = 300_000): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined || v.trim() === '') return undefined;
  const t = v.trim();
  let ms: number;
  if (/^\d+$/.test(t)) ms = Number(t) * 1000;
  else {
    const at = Date.parse(t);
    if (Number.isNaN(at)) return undefined;
    ms = at - now;
  }
  return Math.min(Math.max(ms, 0), capMs);
}
