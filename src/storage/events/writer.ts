import { performance } from 'node:perf_hooks';
import { DelveError } from '../../errors.js';
import { uuidv7 } from '../../util/uuid7.js';
import type { SqliteDb } from '../sqlite/open.js';
import { cachedStatement } from './statements.js';
import { FTS_WATERMARK, type NewEventRow } from './types.js';

export interface EventWriterOptions {
  /** Most events per transaction (default 5000). A single larger request is committed alone, never split. */
  maxBatch?: number;
  /** Most events waiting for a commit (default 200 000); beyond it `append` rejects with DLV_INGEST_BUSY. */
  maxQueue?: number;
  /**
   * Longest extra wait used to grow a batch (default 5 ms). The writer commits on the next `setImmediate` turn,
   * so requests arriving in the same event-loop turn share a transaction; it lingers (up to maxDelayMs after the
   * oldest queued request, or until maxBatch events are queued) only while it is under concurrent load: the
   * previous batch held several requests and ended less than maxDelayMs ago. 0 disables lingering.
   */
  maxDelayMs?: number;
  /**
   * `PRAGMA synchronous` for this connection. Unset keeps the connection's setting (NORMAL from openSqlite):
   * in WAL mode a committed transaction then survives a crash of the process, but the last commits may be lost
   * on power loss or an OS crash. 'FULL' fsyncs the WAL on every commit and is durable against power loss too
   * (group commit amortises the fsync). The pragma applies to the whole connection.
   */
  synchronous?: 'NORMAL' | 'FULL';
  /**
   * `PRAGMA wal_autocheckpoint` (in pages) for this connection; unset keeps SQLite's 1000 (~4 MiB). The automatic
   * checkpoint runs inside the COMMIT that crosses the threshold, on the writer's thread; a larger value
   * (EventWriter default for the server: DEFAULT_WAL_AUTOCHECKPOINT_PAGES) checkpoints less often and copies each
   * hot index page once per checkpoint instead of once per 4 MiB of WAL (issue 5: +30-60 % insert rate). The WAL
   * then grows to about pages × page_size before it is reused. Durability is unchanged (the WAL is the log).
   */
  walAutocheckpointPages?: number;
  /**
   * While it returns true another connection may hold the write lock (e.g. `FtsIndexer.holdsWriteLock` with a
   * worker-thread indexer): the writer postpones its next transaction by 1 ms instead of waiting inside SQLite's
   * busy handler, which would block the event loop. Nothing is committed or acknowledged any earlier.
   */
  holdWhile?: () => boolean;
  /** Called after every commit (e.g. `FtsIndexer.notify`). Exceptions are swallowed. */
  onCommit?: (info: { events: number; lastSeq: number }) => void;
}

export interface EventWriterStats {
  /** Events waiting for a commit. */
  queued: number;
  queuedRequests: number;
  committedEvents: number;
  /** Transactions committed (a request retried alone after a failed group counts as its own batch). */
  batches: number;
  failedRequests: number;
  /** Duration of the last commit transaction, in ms. */
  lastCommitMs: number;
  /** Epoch ms of the last commit (0 before the first one). */
  lastCommitAt: number;
}

/** wal_autocheckpoint the server's writer uses (pages; 10 000 × 4 KiB ≈ 40 MiB of WAL between checkpoints). */
export const DEFAULT_WAL_AUTOCHECKPOINT_PAGES = 10_000;

interface Pending {
  rows: readonly NewEventRow[];
  ids: string[];
  enqueuedAt: number;
  promise: Promise<{ ids: string[] }>;
  resolve: (v: { ids: string[] }) => void;
  reject: (e: unknown) => void;
}

const INSERT_SQL = `INSERT INTO events (seq, id, created, "index", source, sourcetype, host, text, extracted_fields, user_id)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
// New seqs start above both the highest stored seq and the FTS watermark: if the newest events were indexed and
// then deleted, SQLite would reuse their rowids below the watermark and the indexer would never see the new rows.
const SEQ_BASE_SQL = `SELECT max(coalesce((SELECT max(seq) FROM events), 0),
  coalesce((SELECT value FROM fts_state WHERE name = ?), 0)) AS base`;

/**
 * The single event writer: a queue drained by group commit. Concurrent `append` calls are collected and written
 * in one `BEGIN IMMEDIATE` transaction with a reused prepared INSERT; each call resolves only after the
 * transaction holding its rows has committed. Each call is all-or-nothing: when a group fails, every request in
 * it is retried in its own transaction, so one bad request cannot fail the others. The writer should own its
 * connection (readers use others); it never starts a batch while the connection is inside another transaction.
 */
export class EventWriter {
  private readonly sqlite: SqliteDb;
  private readonly maxBatch: number;
  private readonly maxQueue: number;
  private readonly maxDelayMs: number;
  private readonly onCommit: EventWriterOptions['onCommit'];
  private readonly holdWhile: EventWriterOptions['holdWhile'];
  private queue: Pending[] = [];
  private queuedEvents = 0;
  private immediate: NodeJS.Immediate | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closing = false;
  private lastBatchRequests = 0;
  private lastCommitEnd = 0;
  private totalCommitMs = 0;
  private readonly s: Omit<EventWriterStats, 'queued' | 'queuedRequests'> = {
    committedEvents: 0, batches: 0, failedRequests: 0, lastCommitMs: 0, lastCommitAt: 0,
  };

  constructor(sqlite: SqliteDb, opts: EventWriterOptions = {}) {
    this.sqlite = sqlite;
    this.maxBatch = positive(opts.maxBatch ?? 5000, 'maxBatch');
    this.maxQueue = positive(opts.maxQueue ?? 200_000, 'maxQueue');
    this.maxDelayMs = Math.max(0, opts.maxDelayMs ?? 5);
    this.onCommit = opts.onCommit;
    this.holdWhile = opts.holdWhile;
    if (opts.synchronous) sqlite.pragma(`synchronous = ${opts.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
    if (opts.walAutocheckpointPages !== undefined) sqlite.pragma(`wal_autocheckpoint = ${positive(opts.walAutocheckpointPages, 'walAutocheckpointPages')}`);
  }

  /**
   * Queues validated rows; resolves with their ids (generated UUIDv7s where `id` was absent, in row order) once
   * committed. Rejects at once with DLV_INGEST_BUSY (`details.retryAfterSeconds`) when the queue is full,
   * DLV_INGEST_BATCH_TOO_LARGE when the request alone exceeds maxQueue, DLV_INGEST_CLOSED after `close()`.
   */
  append(rows: readonly NewEventRow[]): Promise<{ ids: string[] }> {
    if (this.closing) return Promise.reject(new DelveError('DLV_INGEST_CLOSED', 'The server is shutting down; send the events again after it restarts.'));
    if (rows.length === 0) return Promise.resolve({ ids: [] });
    if (rows.length > this.maxQueue) {
      return Promise.reject(new DelveError('DLV_INGEST_BATCH_TOO_LARGE', `A request may hold at most ${this.maxQueue} events (got ${rows.length}); split it into smaller requests.`));
    }
    if (this.queuedEvents + rows.length > this.maxQueue) {
      const retryAfterSeconds = this.retryAfterSeconds();
      return Promise.reject(new DelveError('DLV_INGEST_BUSY', `The ingest queue is full; retry in ${retryAfterSeconds} s.`, { details: { retryAfterSeconds } }));
    }
    let resolve!: Pending['resolve'];
    let reject!: Pending['reject'];
    const promise = new Promise<{ ids: string[] }>((res, rej) => { resolve = res; reject = rej; });
    const ids = rows.map((r) => r.id ?? uuidv7());
    this.queue.push({ rows, ids, enqueuedAt: performance.now(), promise, resolve, reject });
    this.queuedEvents += rows.length;
    this.schedule();
    return promise;
  }

  /** Resolves when every request queued so far has been committed or has failed. */
  async flush(): Promise<void> {
    await Promise.allSettled(this.queue.map((p) => p.promise));
  }

  /** Stops accepting events and drains the queue. Does not close the connection. */
  async close(): Promise<void> {
    this.closing = true;
    await this.flush();
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
  }

  stats(): EventWriterStats {
    return { queued: this.queuedEvents, queuedRequests: this.queue.length, ...this.s };
  }

  private schedule(): void {
    if (this.queue.length === 0 || this.immediate) return;
    const full = this.queuedEvents >= this.maxBatch;
    if (this.timer && !full) return;
    if (this.timer) { clearTimeout(this.timer); this.timer = undefined; }
    const now = performance.now();
    const underLoad = this.maxDelayMs > 0 && this.lastBatchRequests > 1 && this.s.lastCommitAt > 0
      && now - this.lastCommitEnd < this.maxDelayMs;
    const wait = this.maxDelayMs - (now - this.queue[0]!.enqueuedAt);
    if (underLoad && !full && !this.closing && wait > 0) {
      this.timer = setTimeout(() => { this.timer = undefined; this.runBatch(); }, wait);
    } else {
      this.immediate = setImmediate(() => { this.immediate = undefined; this.runBatch(); });
    }
  }

  private runBatch(): void {
    if (this.queue.length === 0) return;
    if (this.sqlite.inTransaction || this.holdWhile?.()) { // another transaction is open (here, or holds the lock): wait
      this.timer = setTimeout(() => { this.timer = undefined; this.runBatch(); }, 1);
      return;
    }
    const batch: Pending[] = [];
    let events = 0;
    while (this.queue.length > 0 && (batch.length === 0 || events + this.queue[0]!.rows.length <= this.maxBatch)) {
      const p = this.queue.shift()!;
      batch.push(p);
      events += p.rows.length;
    }
    this.queuedEvents -= events;
    const done: Array<[Pending, number]> = [];
    try {
      const lastSeq = this.commit(batch);
      batch.forEach((p) => done.push([p, lastSeq]));
    } catch (groupError) {
      if (batch.length === 1) this.fail(batch[0]!, groupError);
      else {
        for (const p of batch) {
          try { done.push([p, this.commit([p])]); } catch (e) { this.fail(p, e); }
        }
      }
    }
    this.lastBatchRequests = batch.length;
    this.lastCommitEnd = performance.now();
    for (const [p] of done) p.resolve({ ids: p.ids });
    if (done.length > 0 && this.onCommit) {
      const committed = done.reduce((n, [p]) => n + p.rows.length, 0);
      try { this.onCommit({ events: committed, lastSeq: Math.max(...done.map(([, s]) => s)) }); } catch { /* listener bug: ignore */ }
    }
    this.schedule();
  }

  /** One BEGIN IMMEDIATE … COMMIT holding every row of `batch`; returns the last seq written. */
  private commit(batch: readonly Pending[]): number {
    const insert = cachedStatement(this.sqlite, INSERT_SQL);
    const seqBase = cachedStatement(this.sqlite, SEQ_BASE_SQL).pluck();
    const t0 = performance.now();
    let count = 0;
    const lastSeq = this.sqlite.transaction(() => {
      let seq = Number(seqBase.get(FTS_WATERMARK));
      for (const p of batch) {
        p.rows.forEach((r, i) => {
          seq += 1;
          insert.run(seq, p.ids[i], r.created, r.index, r.source, r.sourcetype, r.host, r.text, r.extracted_fields, r.user_id);
        });
        count += p.rows.length;
      }
      return seq;
    }).immediate();
    const ms = performance.now() - t0;
    this.s.batches += 1;
    this.s.committedEvents += count;
    this.s.lastCommitMs = ms;
    this.s.lastCommitAt = Date.now();
    this.totalCommitMs += ms;
    return lastSeq;
  }

  private fail(p: Pending, e: unknown): void {
    this.s.failedRequests += 1;
    p.reject(toIngestError(e));
  }

  /** Seconds until the queue has room, estimated from the measured commit throughput (1–60). */
  private retryAfterSeconds(): number {
    const perSecond = this.totalCommitMs > 0 ? (this.s.committedEvents / this.totalCommitMs) * 1000 : 0;
    if (perSecond <= 0) return 1;
    return Math.min(60, Math.max(1, Math.ceil(this.queuedEvents / perSecond)));
  }
}

function positive(n: number, name: string): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`EventWriter option ${name} must be a positive integer (got ${n})`);
  return n;
}

function toIngestError(e: unknown): DelveError {
  if (e instanceof DelveError) return e;
  const code = (e as { code?: unknown }).code;
  const message = e instanceof Error ? e.message : String(e);
  if ((code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') && message.includes('events.id')) {
    return new DelveError('DLV_INGEST_DUPLICATE_ID', 'An event with the same id is already stored (or the request repeats an id); use new ids or omit them.', { field: 'id', cause: e });
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new DelveError('DLV_INGEST_BUSY', 'The database is busy; retry in 1 s.', { details: { retryAfterSeconds: 1 }, cause: e });
  }
  return new DelveError('DLV_INGEST_WRITE_FAILED', 'The events could not be stored; the server log has the details.', { cause: e });
}
