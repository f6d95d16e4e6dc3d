/**
 * The local EventSink: collectors running inside the server process (syslog receiver, tail-files) deliver
 * through the same pipeline as the REST API — validation, extraction, group commit, processors — without HTTP.
 */
import { DelveError } from '../errors.js';
import type { NewEventRow } from '../storage/events/index.js';
import { isItemError, type IngestPipeline } from './pipeline.js';
import type { EventSink, IngestEvent } from './sink.js';

export interface LocalSinkOptions {
  /** Owner recorded on the events (default null: a system collector). */
  userId?: string | null;
}

/**
 * An EventSink over the pipeline. `write` is all-or-nothing and resolves after the COMMIT. It rejects with
 * DLV_EVENT_INVALID / DLV_EVENT_TOO_LARGE (a permanent 4xx: retrying cannot help, set the batch aside) when an
 * event is invalid, and with DLV_INGEST_BUSY (retry after `details.retryAfterSeconds`) when the queue is full.
 */
export function createLocalSink(pipeline: IngestPipeline, opts: LocalSinkOptions = {}): EventSink {
  const userId = opts.userId ?? null;
  let closed = false;
  return {
    async write(events: IngestEvent[]): Promise<void> {
      if (closed) throw new DelveError('DLV_INGEST_CLOSED', 'The local event sink is closed.');
      const nowUs = Date.now() * 1000;
      const rows: NewEventRow[] = [];
      for (let i = 0; i < events.length; i++) {
        const r = pipeline.prepare(events[i], i, { userId }, nowUs, 'micros');
        if (isItemError(r)) {
          throw new DelveError(r.code, `Event ${i} of the batch: ${r.message}`, { ...(r.field ? { field: r.field } : {}), details: { position: i } });
        }
        rows.push(r);
      }
      if (rows.length === 0) return;
      const { ids } = await pipeline.o.writer.append(rows);
      if (pipeline.o.processOnCreate) pipeline.afterCommit(rows, ids);
    },
    async close(): Promise<void> {
      closed = true;
    },
  };
}
