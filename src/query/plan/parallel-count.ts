/**
 * Counting per group on several cores (DELVE_QUERY_THREADS). A count-per-group scan of a large table
 * (`qs_group_by extracted_fields__status n=Count(id)` over a million events without a field index) is bound by
 * reading and parsing rows on one core. Here the `seq` range is cut into slices: helper threads — each with its own
 * read-only connection to the same database file — count their slices while the query's own connection counts
 * the first, and the per-group counts are added up. The groups are exactly those of one statement over the
 * whole range: every slice runs the same WHERE, slices are disjoint and cover [min(seq), max(seq)] as read at the
 * start (events stored meanwhile are left out, as a single statement's snapshot would).
 *
 * Helper threads are started on first use and kept (unref'd: they never hold the process open); a thread busy with
 * another query is not waited for (fewer slices then). Cancellation terminates the helpers of the query.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DelveError, type ErrorCode } from '../../errors.js';
import type { SqliteDb } from '../../storage/sqlite/open.js';
import { countGroupsWith, type Group } from './count-aggregates.js';

export type ParallelOptions = {
  /** Threads a scan may use, the query's own included (1 = no helpers). */
  threads: number;
  /** Smallest `seq` span worth splitting. */
  minRows: number;
  /** Opens the helpers' connections: the database file and its encryption key. */
  path: string;
  encryptionKey: string | null;
};

type Helper = { worker: Worker; busy: boolean; key: string };
type Reply = { groups?: Array<[string, Group]>; unsupported?: true; error?: { message: string; code?: string } };

let workerUrl = new URL('./parallel-count-worker.js', import.meta.url);
const helpers = new Map<string, Helper[]>();

let helperSlices = 0;

/** Helper threads alive now, and slices they have counted so far (for tests and diagnostics). */
export function helperThreads(): number {
  let n = 0;
  for (const list of helpers.values()) n += list.length;
  return n;
}
export function helperSlicesCounted(): number {
  return helperSlices;
}

/** Tests running from TypeScript sources point this at the compiled worker in dist/. */
export function setCountWorkerUrl(url: URL): void {
  workerUrl = url;
}

let workerFound: { url: URL; exists: boolean } | undefined;

/** Whether the compiled worker exists (not when running from TypeScript sources); looked up once per URL. */
function workerExists(): boolean {
  if (workerFound?.url !== workerUrl) workerFound = { url: workerUrl, exists: existsSync(fileURLToPath(workerUrl)) };
  return workerFound.exists;
}

/** Whether helper threads can be used at all for this database. */
export function canCountInParallel(o: ParallelOptions | undefined): o is ParallelOptions {
  return o !== undefined && o.threads > 1 && o.path !== '' && o.path !== ':memory:' && workerExists();
}

function drop(h: Helper): void {
  const list = helpers.get(h.key);
  if (list) helpers.set(h.key, list.filter((x) => x !== h));
  void h.worker.terminate();
}

/** Up to `n` idle helpers for this database, starting new ones within the thread budget. */
function acquire(o: ParallelOptions, n: number): Helper[] {
  const key = `${o.path}\u0000${o.encryptionKey ?? ''}`;
  const list = helpers.get(key) ?? [];
  helpers.set(key, list);
  const got: Helper[] = [];
  for (const h of list) if (!h.busy && got.length < n) got.push(h);
  while (got.length < n && list.length < o.threads - 1) {
    const worker = new Worker(workerUrl, { workerData: { path: o.path, encryptionKey: o.encryptionKey } });
    worker.unref();
    const h: Helper = { worker, busy: false, key };
    worker.on('error', () => drop(h));
    worker.on('exit', () => drop(h));
    list.push(h);
    got.push(h);
  }
  for (const h of got) h.busy = true;
  return got;
}

function ask(h: Helper, sql: string, params: readonly unknown[]): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const onMessage = (r: Reply): void => { cleanup(); resolve(r); };
    const onExit = (): void => { cleanup(); reject(new DelveError('DLV_QUERY_CANCELLED', 'The query was cancelled (the client disconnected or the time limit was reached).')); };
    const onError = (e: Error): void => { cleanup(); reject(e); };
    const cleanup = (): void => {
      h.worker.off('message', onMessage);
      h.worker.off('exit', onExit);
      h.worker.off('error', onError);
    };
    h.worker.on('message', onMessage);
    h.worker.on('exit', onExit);
    h.worker.on('error', onError);
    h.worker.postMessage({ sql, params });
  });
}

function replyError(e: { message: string; code?: string }): Error {
  if (e.code?.startsWith('DLV_')) return new DelveError(e.code as ErrorCode, e.message);
  return Object.assign(new Error(e.message), { code: e.code });
}

/**
 * Count groups over the events in slices of `seq`, `statement(lo, hi)` being the counting statement restricted to
 * `lo < seq <= hi`. Returns the merged groups, 'unsupported' (a value only SQLite can group), or undefined when the
 * table is too small or no helper is free (the caller then counts on its own connection).
 */
export async function countInParallel(db: SqliteDb, o: ParallelOptions, statement: (lo: number, hi: number) => { sql: string; params: readonly unknown[] }, signal?: AbortSignal): Promise<Map<string, Group> | 'unsupported' | undefined> {
  const range = db.prepare('SELECT min(seq) AS lo, max(seq) AS hi FROM events').get() as { lo: number | null; hi: number | null };
  if (range.lo === null || range.hi === null || range.hi - range.lo + 1 < Math.max(2, o.minRows)) return undefined;
  const mine = acquire(o, o.threads - 1);
  if (mine.length === 0) return undefined;
  const parts = mine.length + 1;
  const start = range.lo - 1;
  const cut = (i: number): number => (i === parts ? range.hi as number : start + Math.floor(((range.hi as number) - start) * i / parts));
  const onAbort = (): void => { for (const h of mine) drop(h); };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const pending = mine.map((h, i) => {
      const s = statement(cut(i + 1), cut(i + 2));
      return ask(h, s.sql, s.params);
    });
    for (const p of pending) p.catch(() => undefined); // settled below; never an unhandled rejection meanwhile
    let own: ReturnType<typeof countGroupsWith>;
    try {
      const first = statement(cut(0), cut(1));
      own = countGroupsWith(db, first.sql, first.params);
    } catch (e) {
      await Promise.allSettled(pending); // a helper is free again only once its reply is in
      throw e;
    }
    const settled = await Promise.allSettled(pending);
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) {
      if (signal?.aborted) throw failed.reason;
      return undefined; // a helper could not run (it is dropped): the caller counts on its own connection
    }
    const replies = settled.map((r) => (r as PromiseFulfilledResult<Reply>).value);
    if (own === 'unsupported' || replies.some((r) => r.unsupported)) return 'unsupported';
    for (const r of replies) {
      if (r.error) throw replyError(r.error);
      helperSlices += 1;
      for (const [k, g] of r.groups ?? []) {
        const have = own.get(k);
        if (have) have.n += g.n;
        else own.set(k, g);
      }
    }
    return own;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    for (const h of mine) h.busy = false;
  }
}
