import { backoffDelay, Sleeper, type BackoffOptions, type CollectorLogger } from '../forward/index.js';
import type { EventSink, IngestEvent } from '../sink.js';

/** Options of {@link EventBatcher}. */
export interface BatcherOptions {
  sink: EventSink;
  /** Most events per `sink.write` (default 2000). */
  maxEvents?: number;
  /** Longest time an event waits for its batch to fill (default 200 ms). */
  maxDelayMs?: number;
  /** Pause back-pressured inputs (TCP) when this many events are waiting (default 4 × maxEvents)... */
  highWater?: number;
  /** ...and resume them once at most this many are waiting (default maxEvents). */
  lowWater?: number;
  /** Droppable inputs (UDP) are refused once this many events are waiting (default 10 × maxEvents). */
  maxQueued?: number;
  /** Back-off between failed writes (default 100 ms doubling up to 10 s). */
  retry?: BackoffOptions;
  logger: CollectorLogger;
  /** Called with true when inputs should pause, false when they may resume. */
  onPressure?: (paused: boolean) => void;
}

/**
 * Collects events into batches for one sink, one write at a time (order is kept). A batch is written when it
 * holds `maxEvents`, or `maxDelayMs` after its first event. A failed write is retried with back-off, forever,
 * with the same batch (accepted events are never dropped). Inputs that can wait (TCP) are told to pause above
 * the high-water mark; inputs that cannot (UDP) are refused above `maxQueued`.
 */
export class EventBatcher {
  private readonly o: Required<Omit<BatcherOptions, 'retry' | 'onPressure'>> & Pick<BatcherOptions, 'retry' | 'onPressure'>;
  private queue: IngestEvent[] = [];
  private inflight = 0;
  private writing = false;
  private due = false;
  private timer: NodeJS.Timeout | undefined;
  private paused = false;
  private abandoned = false;
  private readonly sleeper = new Sleeper();
  private idleWaiters: Array<() => void> = [];
  readonly counts = { stored: 0, dropped: 0, retried: 0 };

  constructor(opts: BatcherOptions) {
    const maxEvents = opts.maxEvents ?? 2000;
    this.o = {
      ...opts,
      maxEvents,
      maxDelayMs: opts.maxDelayMs ?? 200,
      highWater: opts.highWater ?? 4 * maxEvents,
      lowWater: opts.lowWater ?? maxEvents,
      maxQueued: opts.maxQueued ?? 10 * maxEvents,
    };
  }

  /** Events accepted but not yet written. */
  get pending(): number {
    return this.queue.length + this.inflight;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /**
   * Accepts an event. With `droppable` (UDP) it is refused (false, counted as dropped) when `maxQueued` events
   * are already waiting; otherwise it is always accepted (the caller must honour `onPressure`).
   */
  push(ev: IngestEvent, droppable: boolean): boolean {
    if (droppable && this.pending >= this.o.maxQueued) {
      this.counts.dropped++;
      return false;
    }
    this.queue.push(ev);
    if (!this.paused && this.pending >= this.o.highWater) this.setPaused(true);
    if (this.queue.length >= this.o.maxEvents) this.kick();
    else if (this.timer === undefined && !this.writing) this.arm();
    return true;
  }

  /** Writes everything queued now; resolves true once all of it is stored, false after `timeoutMs`. */
  async flush(timeoutMs = 30_000): Promise<boolean> {
    this.due = true;
    this.kick();
    if (this.pending === 0 && !this.writing) return true;
    let timer: NodeJS.Timeout | undefined;
    const idle = new Promise<boolean>((resolve) => this.idleWaiters.push(() => resolve(true)));
    const timeout = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), timeoutMs); });
    const ok = await Promise.race([idle, timeout]);
    clearTimeout(timer);
    return ok;
  }

  /** Like flush, then stops retrying: returns how many events could not be stored. */
  async close(timeoutMs = 30_000): Promise<number> {
    const ok = await this.flush(timeoutMs);
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (ok) return 0;
    this.abandoned = true;
    this.sleeper.wake();
    return this.pending;
  }

  private arm(): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.due = true;
      this.kick();
    }, this.o.maxDelayMs);
  }

  private kick(): void {
    if (!this.writing) void this.run();
  }

  private async run(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length > 0 && (this.due || this.queue.length >= this.o.maxEvents) && !this.abandoned) {
        const batch = this.queue.length <= this.o.maxEvents ? this.queue : this.queue.slice(0, this.o.maxEvents);
        this.queue = batch === this.queue ? [] : this.queue.slice(this.o.maxEvents);
        this.inflight = batch.length;
        const ok = await this.writeWithRetry(batch);
        this.inflight = 0;
        if (!ok) {
          this.queue = batch.concat(this.queue);
          break;
        }
        this.counts.stored += batch.length;
        if (this.paused && this.pending <= this.o.lowWater) this.setPaused(false);
      }
    } finally {
      this.writing = false;
      this.due = false;
    }
    if (this.queue.length > 0 && this.timer === undefined && !this.abandoned) this.arm();
    if ((this.queue.length === 0 || this.abandoned) && this.idleWaiters.length > 0) {
      const ws = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of ws) w();
    }
  }

  /** Writes one batch, retrying failures with back-off; false only when abandoned by close(). */
  private async writeWithRetry(batch: IngestEvent[]): Promise<boolean> {
    for (let attempt = 1; !this.abandoned; attempt++) {
      try {
        await this.o.sink.write(batch);
        return true;
      } catch (e) {
        if (this.abandoned) break;
        this.counts.retried++;
        if (attempt === 1 || attempt % 10 === 0) {
          this.o.logger.warn({ err: e, events: batch.length, attempt }, 'Storing a batch of syslog events failed; retrying');
        }
        await this.sleeper.wait(backoffDelay(attempt, { baseMs: 100, capMs: 10_000, ...this.o.retry }));
      }
    }
    return false;
  }

  private setPaused(paused: boolean): void {
    this.paused = paused;
    this.o.onPressure?.(paused);
  }
}
