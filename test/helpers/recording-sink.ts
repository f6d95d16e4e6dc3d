/** Test helpers for the collectors (not exported from index.ts): a recording sink that can be made slow or failing. */
import type { EventSink, IngestEvent } from '../../src/ingest/sink.js';

export class RecordingSink implements EventSink {
  readonly events: IngestEvent[] = [];
  readonly batches: number[] = [];
  /** While set, write() rejects with this message. */
  failWith: string | undefined;
  /** Delay before write() settles, in ms. */
  delayMs = 0;
  closed = false;

  async write(events: IngestEvent[]): Promise<void> {
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.failWith !== undefined) throw new Error(this.failWith);
    this.batches.push(events.length);
    this.events.push(...events);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  texts(): string[] {
    return this.events.map((e) => e.text);
  }
}
