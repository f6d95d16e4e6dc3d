/**
 * Running compiled statements on a better-sqlite3 connection: rows are read with `.iterate()` in batches, the
 * abort signal is checked between batches and the event loop gets a turn (so a disconnect or the time limit can
 * fire), and at most `maxRows + 1` rows are fetched to report truncation. Statements on one connection are
 * serialised (an open iterator makes the connection busy), so concurrent queries sharing it simply queue.
 */
import type { SqliteDb } from '../../storage/sqlite/open.js';
import { DelveError, isDelveError } from '../../errors.js';
import type { SqlValue } from './sql.js';

export const BATCH_ROWS = 500;
const locks = new WeakMap<SqliteDb, Promise<void>>();

/** Run `fn` with the connection to ourselves (FIFO per connection). */
export async function withConnection<T>(db: SqliteDb, fn: () => Promise<T> | T): Promise<T> {
  const prev = locks.get(db) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((r) => { release = r; });
  const chained = prev.then(() => mine);
  locks.set(db, chained);
  await prev;
  try {
    return await fn();
  } finally {
    release();
    if (locks.get(db) === chained) locks.delete(db);
  }
}

/** Throw DLV_QUERY_CANCELLED when the signal is aborted. */
export function checkSignal(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DelveError('DLV_QUERY_CANCELLED', 'The query was cancelled (the client disconnected or the time limit was reached).');
}

/** Map a database error to a DelveError users can act on (DelveErrors from our SQL functions pass through). */
export function mapDbError(e: unknown): DelveError {
  if (isDelveError(e)) return e;
  const message = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    const hint = /malformed JSON/i.test(message) ? ' (an event holds invalid JSON in extracted_fields)' : '';
    return new DelveError('DLV_QUERY_DATABASE', `The database could not run the query: ${message.slice(0, 200)}${hint}`, { cause: e });
  }
  return new DelveError('DLV_INTERNAL', 'The query failed unexpectedly.', { cause: e });
}

export type FetchOptions = { maxRows: number; signal?: AbortSignal; batchRows?: number };

/** Fetch up to `maxRows + 1` positional rows; `truncated` when more than maxRows exist. */
export async function fetchRows(db: SqliteDb, sql: string, params: readonly SqlValue[], opts: FetchOptions): Promise<{ rows: unknown[][]; truncated: boolean }> {
  const limit = Math.max(0, opts.maxRows) + 1;
  const batch = opts.batchRows ?? BATCH_ROWS;
  checkSignal(opts.signal);
  let stmt;
  try {
    stmt = db.prepare(sql).raw(true);
  } catch (e) {
    throw mapDbError(e);
  }
  const rows: unknown[][] = [];
  const it = stmt.iterate(...params) as IterableIterator<unknown[]>;
  try {
    for (;;) {
      let n = 0;
      let done = false;
      while (n < batch && rows.length < limit) {
        const r = it.next();
        if (r.done) { done = true; break; }
        rows.push(r.value);
        n += 1;
      }
      if (done || rows.length >= limit) break;
      // let timers and socket events run, then re-check the signal
      await new Promise<void>((r) => setImmediate(r));
      checkSignal(opts.signal);
    }
  } catch (e) {
    throw mapDbError(e);
  } finally {
    it.return?.();
  }
  const truncated = rows.length > opts.maxRows;
  if (truncated) rows.length = opts.maxRows;
  return { rows, truncated };
}
