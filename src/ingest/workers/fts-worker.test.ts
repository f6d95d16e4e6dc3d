import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DelveError } from '../../errors.js';
import { openSqlite } from '../../storage/sqlite/open.js';
import { Store } from '../../storage/store.js';
import { EventWriter, FtsIndexer, searchFullText, type NewEventRow } from '../../storage/events/index.js';
import { FtsWorker } from './fts-worker.js';

const KEY = 'fts-worker-test-key-0123456789';
let dir: string;
let stores: Store[];
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'delve-fts-worker-')); stores = []; });
afterEach(async () => {
  for (const s of stores) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(name: string, encryptionKey?: string): Promise<Store> {
  const path = join(dir, name);
  const store = new Store(openSqlite({ path, encryptionKey }), path);
  await store.migrate();
  stores.push(store);
  return store;
}
const row = (text: string): NewEventRow => ({ created: Date.now() * 1000, index: 'main', source: 's', sourcetype: 'text', host: 'h', text, extracted_fields: null, user_id: null });
const rows = (n: number): NewEventRow[] => Array.from({ length: n }, (_, i) => row(`line ${i} word${i % 7} tok${i % 13}`));
const ftsRows = (s: Store): Array<{ rowid: number; m: string }> =>
  ['word3', 'tok5', 'line'].flatMap((t) => (s.sqlite.prepare('SELECT rowid FROM events_fts WHERE events_fts MATCH ? ORDER BY rowid').pluck().all(t) as number[]).map((rowid) => ({ rowid, m: t })));

describe('FtsWorker', () => {
  it('indexes exactly what the in-thread indexer indexes (same batches, watermark, index content), on an encrypted file', async () => {
    const a = await open('a.sqlite3', KEY);
    const b = await open('b.sqlite3', KEY);
    for (const s of [a, b]) await new EventWriter(s.sqlite).append(rows(250));
    const local = new FtsIndexer(a.sqlite, { batchSize: 100 });
    const worker = new FtsWorker({ path: b.path, encryptionKey: KEY, batchSize: 100 });
    const remote = new FtsIndexer(b.sqlite, { runBatch: () => worker.runBatch() });
    try {
      expect([local.indexBatch(), local.indexBatch()]).toEqual([await worker.runBatch(), await worker.runBatch()]);
      expect(await local.catchUp()).toBe(50);
      expect(await remote.catchUp()).toBe(50);
      expect(remote.watermark()).toBe(local.watermark());
      expect(remote.lag().rows).toBe(0);
      expect(ftsRows(b)).toEqual(ftsRows(a));
      expect(searchFullText(b.sqlite, { terms: ['word3'], limit: 1000 })).toEqual(searchFullText(a.sqlite, { terms: ['word3'], limit: 1000 }));
    } finally {
      await worker.close();
    }
  });

  it('survives a crash of its thread: the running batch fails, the next one starts a new thread and loses nothing', async () => {
    const s = await open('c.sqlite3');
    await new EventWriter(s.sqlite).append(rows(30));
    const worker = new FtsWorker({ path: s.path, batchSize: 10 });
    try {
      expect(await worker.runBatch()).toBe(10);
      const pending = worker.runBatch();
      worker.crashForTest();
      // The crash message is queued after the batch, so the batch may still finish; either way nothing is lost.
      const first = await pending.then((n) => n, (e: unknown) => e);
      if (typeof first !== 'number') expect(first).toBeInstanceOf(DelveError);
      const errors: unknown[] = [];
      const ix = new FtsIndexer(s.sqlite, { runBatch: () => worker.runBatch(), onError: (e) => errors.push(e) });
      await ix.catchUp();
      expect(worker.started).toBe(2);
      expect(ix.lag().rows).toBe(0);
      expect(s.sqlite.prepare("SELECT count(*) FROM events_fts WHERE events_fts MATCH 'line'").pluck().get()).toBe(30);
    } finally {
      await worker.close();
    }
  });

  it('a batch in flight makes the writer wait instead of blocking; both finish and every event is stored and indexed', async () => {
    const s = await open('d.sqlite3');
    const worker = new FtsWorker({ path: s.path, batchSize: 50 });
    const indexer: FtsIndexer = new FtsIndexer(s.sqlite, { runBatch: () => worker.runBatch(), yieldWhile: (): boolean => writer.stats().queued > 0, intervalMs: 0, notifyDelayMs: 0 });
    const writer: EventWriter = new EventWriter(s.sqlite, { holdWhile: (): boolean => indexer.holdsWriteLock, onCommit: () => indexer.notify() });
    try {
      indexer.start();
      for (let k = 0; k < 10; k++) await Promise.all([writer.append(rows(40)), writer.append(rows(40))]);
      await writer.close();
      await indexer.catchUp();
      await indexer.stop();
      expect(s.sqlite.prepare('SELECT count(*) FROM events').pluck().get()).toBe(800);
      expect(s.sqlite.prepare("SELECT count(*) FROM events_fts WHERE events_fts MATCH 'line'").pluck().get()).toBe(800);
    } finally {
      await worker.close();
    }
  });

  it('refuses an in-memory database', () => {
    expect(() => new FtsWorker({ path: ':memory:' })).toThrow(RangeError);
  });
});
