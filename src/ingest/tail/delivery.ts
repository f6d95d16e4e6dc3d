/**
 * The tailer's delivery queue: lines in read order, sent to the sink in batches, one batch in flight. A file's
 * delivered offset moves only when the batch holding its line was accepted (`sink.write` resolved), and items keep
 * their order, so the checkpoint never skips an undelivered line. A failed batch stays at the head of the queue and
 * is retried with exponential back-off (100 ms doubling to 5 s).
 */
import type { EventSink, IngestEvent } from '../sink.js';
import type { FileState } from './file-state.js';

export interface QueueItem {
  file: FileState;
  generation: number;
  endOffset: number;
  /** Absent for items that only advance the offset (blank lines, skipped remainder of a truncated line). */
  event?: IngestEvent;
  at: number;
}

export interface DeliveryStats {
  eventsDelivered: number;
  batchesDelivered: number;
  deliveryFailures: number;
  lastError: string | undefined;
}

export class DeliveryQueue {
  private items: QueueItem[] = [];
  private events = 0;
  private retryAt = 0;
  private backoffMs = 0;
  /** Incremented whenever delivered items leave the queue (delivered offsets moved). */
  commits = 0;
  readonly stats: DeliveryStats = { eventsDelivered: 0, batchesDelivered: 0, deliveryFailures: 0, lastError: undefined };

  constructor(
    private readonly sink: EventSink,
    private readonly maxEvents: number,
    private readonly maxDelayMs: number,
  ) {}

  get length(): number {
    return this.items.length;
  }

  get pendingEvents(): number {
    return this.events;
  }

  /** When the failed batch may be retried (0 when nothing failed). */
  get nextRetryAt(): number {
    return this.retryAt;
  }

  push(item: QueueItem): void {
    this.items.push(item);
    if (item.event) this.events++;
  }

  /** True when some queued item belongs to `file`. */
  holds(file: FileState): boolean {
    return this.items.some((i) => i.file === file);
  }

  /**
   * Sends batches while one is due (full, old enough, or `force`). Returns false when the sink rejected a batch
   * (`error` holds the reason), true otherwise. `force` also ignores the retry back-off.
   */
  async deliver(now: number, force: boolean): Promise<{ ok: true } | { ok: false; error: unknown }> {
    while (this.items.length > 0) {
      if (!force && now < this.retryAt) return { ok: true };
      const head = this.items[0] as QueueItem;
      if (!force && this.events < this.maxEvents && now - head.at < this.maxDelayMs) return { ok: true };
      let n = 0;
      const batch: IngestEvent[] = [];
      while (n < this.items.length && batch.length < this.maxEvents) {
        const ev = (this.items[n] as QueueItem).event;
        if (ev) batch.push(ev);
        n++;
      }
      try {
        if (batch.length > 0) await this.sink.write(batch);
      } catch (error) {
        this.stats.deliveryFailures++;
        this.stats.lastError = error instanceof Error ? error.message : String(error);
        this.backoffMs = Math.min(5000, Math.max(100, this.backoffMs * 2));
        this.retryAt = now + this.backoffMs;
        return { ok: false, error };
      }
      this.backoffMs = 0;
      this.retryAt = 0;
      for (const item of this.items.splice(0, n)) {
        if (item.generation === item.file.generation) item.file.committedOffset = item.endOffset;
      }
      this.events -= batch.length;
      this.commits++;
      if (batch.length > 0) {
        this.stats.eventsDelivered += batch.length;
        this.stats.batchesDelivered++;
      }
    }
    return { ok: true };
  }
}
