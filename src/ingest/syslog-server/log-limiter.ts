import type { CollectorLogger } from '../forward/index.js';

/**
 * Rate-limited logging for per-message problems (UDP drops, framing errors, TLS handshake failures): at most one
 * line per `intervalMs` per key, carrying how many occurrences were suppressed since the previous line.
 */
export class LogLimiter {
  private readonly last = new Map<string, { at: number; suppressed: number }>();

  constructor(private readonly logger: CollectorLogger, private readonly intervalMs = 10_000) {}

  warn(key: string, obj: object, msg: string): void {
    const now = Date.now();
    const s = this.last.get(key);
    if (s !== undefined && now - s.at < this.intervalMs) {
      s.suppressed++;
      return;
    }
    this.last.set(key, { at: now, suppressed: 0 });
    this.logger.warn(s !== undefined && s.suppressed > 0 ? { ...obj, suppressed: s.suppressed } : obj, msg);
  }
}
