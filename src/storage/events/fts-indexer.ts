import { setImmediate as yieldToEventLoop, setTimeout as sleep } from 'node:timers/promises';
import { uuidv7Timestamp } from '../../util/uuid7.js';
import type { SqliteDb } from '../sqlite/open.js';
import { ftsWatermark } from './fts-state.js';
import { cachedStatement } from './statements.js';
import { FTS_WATERMARK } from './types.js';

export interface FtsIndexerOptions {
  /** Events indexed per transaction (default 20 000). */
  batchSize?: number;
  /** Polling period for events written by other connections, in ms (default 1000; 0 = no polling). */
  intervalMs?: number;
  /** Debounce after `notify()`, in ms (default 50): lets several commits share one index batch. */
  notifyDelayMs?: number;
  /** Receives background indexing errors (the indexer retries on the next tick). */
  onError?: (e: unknown) => void;
  /**
   * Runs one batch somewhere else (e.g. `FtsWorker.runBatch` on its own connection in a worker thread) and
   * resolves with the number of events indexed. Unset: batches run on this connection (`indexBatch`).
   */
  runBatch?: () => Promise<number>;
  /**
   * Checked before each batch: while it returns true (e.g. the EventWriter has events queued) the batch waits,
   * 1 ms at a time and at most `maxYieldMs` in a row, so ingest commits go first and indexing cannot starve.
   */
  yieldWhile?: () => boolean;
  /** Longest wait for `yieldWhile` before a batch runs anyway (default 25 ms). */
  maxYieldMs?: number;
}

export interface FtsLag {
  /** Events not yet indexed (max(seq) − watermark). */
  rows: number;
  /** Age of the oldest unindexed event (from its UUIDv7 id, else its `created`), 0 when none. */
  seconds: number;
}

/** The SQL of one batch (exported for the worker-thread indexer, which runs the same statements). */
export const FTS_BATCH_SQL = Object.freeze({
  watermark: 'SELECT value FROM fts_state WHERE name = ?',
  nextHi: 'SELECT max(seq) FROM (SELECT seq FROM events WHERE seq > ? ORDER BY seq LIMIT ?)',
  index: 'INSERT INTO events_fts (rowid, text) SELECT seq, text FROM events WHERE seq > ? AND seq <= ? ORDER BY seq',
  setWatermark: 'UPDATE fts_state SET value = ? WHERE name = ?',
});
const NEXT_HI_SQL = FTS_BATCH_SQL.nextHi;
const INDEX_SQL = FTS_BATCH_SQL.index;
const SET_WM_SQL = FTS_BATCH_SQL.setWatermark;

/**
 * The background full-text indexer (DESIGN §5): follows `events` by seq and copies `text` into `events_fts` in
 * large batches, advancing the watermark in the same transaction. It runs on a timer and when notified by the
 * writer, yields to the event loop between batches, and never makes ingest wait.
 */
export class FtsIndexer {
  private readonly sqlite: SqliteDb;
  private readonly batchSize: number;
  private readonly intervalMs: number;
  private readonly notifyDelayMs: number;
  private readonly onError: (e: unknown) => void;
  private readonly runRemote: (() => Promise<number>) | undefined;
  private readonly yieldWhile: (() => boolean) | undefined;
  private readonly maxYieldMs: number;
  private remoteInFlight = false;
  private interval: NodeJS.Timeout | undefined;
  private pending: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = false;

  constructor(sqlite: SqliteDb, opts: FtsIndexerOptions = {}) {
    this.sqlite = sqlite;
    this.batchSize = Math.max(1, Math.floor(opts.batchSize ?? 20_000));
    this.intervalMs = Math.max(0, opts.intervalMs ?? 1000);
    this.notifyDelayMs = Math.max(0, opts.notifyDelayMs ?? 50);
    this.onError = opts.onError ?? (() => {});
    this.runRemote = opts.runBatch;
    this.yieldWhile = opts.yieldWhile;
    this.maxYieldMs = Math.max(0, opts.maxYieldMs ?? 25);
  }

  /**
   * True while a batch runs on another connection (`runBatch`) and so may hold the database write lock: the
   * EventWriter defers its commit meanwhile instead of blocking the event loop in SQLite's busy handler.
   */
  get holdsWriteLock(): boolean {
    return this.remoteInFlight;
  }

  /** Starts polling (timers are unref'd: they never keep the process alive). */
  start(): void {
    this.stopped = false;
    if (this.intervalMs > 0 && !this.interval) {
      this.interval = setInterval(() => this.kick(), this.intervalMs);
      this.interval.unref();
    }
    this.kick();
  }

  /** Tells the indexer new events were committed; it indexes them shortly after. */
  notify(): void {
    if (this.stopped || this.pending) return;
    this.pending = setTimeout(() => { this.pending = undefined; this.kick(); }, this.notifyDelayMs);
    this.pending.unref();
  }

  /**
   * Indexes one batch in one transaction; returns the number of events indexed (0 when caught up, or when the
   * connection is inside another transaction).
   */
  indexBatch(): number {
    if (this.sqlite.inTransaction) return 0;
    const nextHi = cachedStatement(this.sqlite, NEXT_HI_SQL).pluck();
    const index = cachedStatement(this.sqlite, INDEX_SQL);
    const setWm = cachedStatement(this.sqlite, SET_WM_SQL);
    return this.sqlite.transaction(() => {
      const wm = ftsWatermark(this.sqlite);
      const hi = nextHi.get(wm, this.batchSize) as number | null;
      if (hi === null || hi === undefined) return 0;
      const n = index.run(wm, hi).changes;
      setWm.run(hi, FTS_WATERMARK);
      return n;
    }).immediate();
  }

  /** Indexes until no unindexed event is left, yielding between batches; returns the number indexed. */
  async catchUp(): Promise<number> {
    if (this.running) await this.running.catch(() => 0);
    return this.run(true);
  }

  /** The last indexed seq. */
  watermark(): number {
    return ftsWatermark(this.sqlite);
  }

  /** How far the index is behind the events table. */
  lag(): FtsLag {
    const wm = this.watermark();
    const max = Number(cachedStatement(this.sqlite, 'SELECT coalesce(max(seq), 0) FROM events').pluck().get());
    const rows = Math.max(0, max - wm);
    if (rows === 0) return { rows, seconds: 0 };
    const oldest = cachedStatement(this.sqlite, 'SELECT id, created FROM events WHERE seq > ? ORDER BY seq LIMIT 1').get(wm) as
      { id: string; created: number } | undefined;
    if (!oldest) return { rows, seconds: 0 };
    const ms = uuidv7Timestamp(oldest.id) ?? oldest.created / 1000;
    return { rows, seconds: Math.max(0, (Date.now() - ms) / 1000) };
  }

  /** Stops the timers and waits for a running batch loop to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.interval) clearInterval(this.interval);
    if (this.pending) clearTimeout(this.pending);
    this.interval = undefined;
    this.pending = undefined;
    await this.running?.catch(() => 0);
  }

  private kick(): void {
    if (this.stopped || this.running) return;
    this.run(false).catch((e: unknown) => this.onError(e));
  }

  /** One batch, here or on the `runBatch` connection. */
  private async oneBatch(): Promise<number> {
    if (!this.runRemote) return this.indexBatch();
    this.remoteInFlight = true;
    try {
      return await this.runRemote();
    } finally {
      this.remoteInFlight = false;
    }
  }

  private async yieldToIngest(): Promise<void> {
    if (!this.yieldWhile) return;
    const until = Date.now() + this.maxYieldMs;
    while (this.yieldWhile() && Date.now() < until && !this.stopped) await sleep(1);
  }

  private run(untilDone: boolean): Promise<number> {
    const loop = async (): Promise<number> => {
      let total = 0;
      for (;;) {
        if (this.stopped && !untilDone) break;
        if (this.sqlite.inTransaction) { await sleep(5); continue; } // another transaction is open on this connection
        await this.yieldToIngest();
        const n = await this.oneBatch();
        total += n;
        if (n === 0) break;
        await yieldToEventLoop();
      }
      return total;
    };
    const p = loop().finally(() => { if (this.running === p) this.running = undefined; });
    this.running = p;
    return p;
  }
}
