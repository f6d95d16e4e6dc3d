/**
 * Where collectors (syslog, tail-files, create-events) deliver events. Two implementations: the local ingest
 * pipeline (validate → extract → group-commit into the database) and the remote forwarder (POST /api/events/ on
 * another Delve, with retries and an on-disk spool). Collectors only depend on this interface.
 */
export interface IngestEvent {
  index: string;
  host: string;
  source: string;
  sourcetype: string;
  text: string;
  /** Event time in epoch microseconds (backfill / --use-message-time); default: now at ingest. */
  created?: number;
  extracted_fields?: Record<string, unknown>;
}

export interface EventSink {
  /**
   * Delivers a batch. Resolves only when the events are durable: committed to the local database, or acknowledged
   * (2xx) by the remote server, or written to the local spool for later forwarding. Rejects when they are not
   * (the caller keeps them and retries / applies back-pressure).
   */
  write(events: IngestEvent[]): Promise<void>;
  /** Flushes what is buffered and releases resources. */
  close(): Promise<void>;
}
