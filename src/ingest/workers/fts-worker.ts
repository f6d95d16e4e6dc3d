/**
 * The full-text indexer's batches on their own connection in a worker thread (issue 5): FTS5 tokenising moves off
 * the event loop that parses requests and commits events. The thread runs exactly the statements of
 * `FtsIndexer.indexBatch` (FTS_BATCH_SQL) in one BEGIN IMMEDIATE transaction per batch; WAL lets it share the
 * database file with the writer, and the FtsIndexer/EventWriter pair never lets both ask for the write lock at
 * once (`holdsWriteLock` / `holdWhile`). A crashed thread fails the running batch (the indexer retries on its next
 * tick) and is replaced on the next batch.
 *
 * The thread's code is plain CommonJS evaluated from a string (it only needs better-sqlite3), so it runs the same
 * from dist/ and from the TypeScript sources under vitest.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { DelveError } from '../../errors.js';
import { FTS_BATCH_SQL } from '../../storage/events/fts-indexer.js';
import { FTS_WATERMARK } from '../../storage/events/types.js';

export interface FtsWorkerOptions {
  /** The database file (not ':memory:'). */
  path: string;
  /** DELVE_DATABASE_ENCRYPTION_KEY, when the file is encrypted. */
  encryptionKey?: string | null;
  /** Events per batch (default 5000: short write-lock holds, so commits wait little). */
  batchSize?: number;
  /** wal_autocheckpoint of the thread's connection (pages; default 10 000, as the writer's). */
  walAutocheckpointPages?: number;
}

const WORKER_SOURCE = `
const { parentPort, workerData: w } = require('node:worker_threads');
const Database = require(w.driver);
const db = new Database(w.path, { fileMustExist: true });
if (w.key) db.key(Buffer.from(w.key, 'utf8'));
db.pragma('busy_timeout = 10000');
db.pragma('synchronous = NORMAL');
db.pragma('wal_autocheckpoint = ' + w.checkpointPages);
const wmStmt = db.prepare(w.sql.watermark).pluck();
const nextHi = db.prepare(w.sql.nextHi).pluck();
const index = db.prepare(w.sql.index);
const setWm = db.prepare(w.sql.setWatermark);
const batch = db.transaction(() => {
  const wm = Number(wmStmt.get(w.name) ?? 0);
  const hi = nextHi.get(wm, w.batchSize);
  if (hi === null || hi === undefined) return 0;
  const n = index.run(wm, hi).changes;
  setWm.run(hi, w.name);
  return n;
});
parentPort.on('message', (m) => {
  if (m.op === 'close') { db.close(); parentPort.close(); return; }
  if (m.op === 'crash') throw new Error('crash requested (test)');
  try { parentPort.postMessage({ id: m.id, n: batch.immediate() }); }
  catch (e) { parentPort.postMessage({ id: m.id, error: String(e && e.message || e), code: e && e.code }); }
});
`;

/** The thread ended while a batch was queued or running. */
class ThreadGone extends DelveError {}

interface Call { worker: Worker; resolve: (n: number) => void; reject: (e: unknown) => void }

/** One worker thread running FTS batches; `runBatch` is meant for `FtsIndexerOptions.runBatch`. */
export class FtsWorker {
  private worker: Worker | undefined;
  private readonly calls = new Map<number, Call>();
  private nextId = 1;
  private closed = false;
  /** Threads started so far (1 after the first batch; more after crashes). */
  started = 0;

  constructor(private readonly o: FtsWorkerOptions) {
    if (o.path === ':memory:') throw new RangeError('FtsWorker needs a database file');
  }

  /**
   * Indexes one batch in the thread; resolves with the number of events indexed. When the thread dies during the
   * batch (its transaction is rolled back), the batch is retried once on a new thread; a second death or an SQL
   * error rejects (the indexer logs it and retries on its next tick).
   */
  async runBatch(): Promise<number> {
    try {
      return await this.post();
    } catch (e) {
      if (!(e instanceof ThreadGone) || this.closed) throw e;
      return this.post();
    }
  }

  private post(): Promise<number> {
    if (this.closed) return Promise.resolve(0);
    const w = this.ensure();
    const id = this.nextId++;
    return new Promise<number>((resolve, reject) => {
      this.calls.set(id, { worker: w, resolve, reject });
      w.postMessage({ op: 'batch', id });
    });
  }

  /** Test hook: makes the thread throw outside a batch, as a native crash would end it. */
  crashForTest(): void {
    this.worker?.postMessage({ op: 'crash' });
  }

  /** Waits for the running batch (callers stop the indexer first), closes the connection and ends the thread. */
  async close(): Promise<void> {
    this.closed = true;
    const w = this.worker;
    this.worker = undefined;
    if (!w) return;
    await new Promise<void>((resolve) => {
      w.once('exit', () => resolve());
      w.postMessage({ op: 'close' });
    });
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const driver = createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');
    const w = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        driver, path: this.o.path, key: this.o.encryptionKey ?? null, name: FTS_WATERMARK, sql: { ...FTS_BATCH_SQL },
        batchSize: Math.max(1, Math.floor(this.o.batchSize ?? 5000)), checkpointPages: Math.max(1, Math.floor(this.o.walAutocheckpointPages ?? 10_000)),
      },
    });
    this.started += 1;
    w.on('message', (m: { id: number; n?: number; error?: string; code?: string }) => {
      const call = this.calls.get(m.id);
      if (!call) return;
      this.calls.delete(m.id);
      if (m.error !== undefined) call.reject(Object.assign(new Error(m.error), { code: m.code }));
      else call.resolve(m.n ?? 0);
    });
    const gone = (why: unknown): void => {
      if (this.worker === w) this.worker = undefined;
      const err = new ThreadGone('DLV_INGEST_WRITE_FAILED', 'The full-text indexer thread stopped; it is restarted on the next batch.', { cause: why });
      for (const [id, c] of this.calls) {
        if (c.worker !== w) continue;
        this.calls.delete(id);
        c.reject(err);
      }
    };
    w.on('error', gone);
    w.on('exit', (code) => gone(new Error(`FTS worker exited with code ${code}`)));
    this.worker = w;
    return w;
  }
}
