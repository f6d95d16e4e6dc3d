import Database from 'better-sqlite3-multiple-ciphers';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DelveError } from '../../errors.js';
import { isUuidv7 } from '../../util/uuid7.js';
import { openSqlite } from '../sqlite/open.js';
import { Store } from '../store.js';
import { EventWriter, type NewEventRow } from './index.js';

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'delve-writer-'));
  const path = join(dir, 'db.sqlite3');
  store = new Store(openSqlite({ path }), path);
  await store.migrate();
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const row = (text: string, over: Partial<NewEventRow> = {}): NewEventRow => ({
  created: 1_700_000_000_000_000, index: 'main', source: 'test', sourcetype: 'text', host: 'h1', text,
  extracted_fields: null, user_id: null, ...over,
});
const count = (db: Database.Database = store.sqlite): number => db.prepare('SELECT count(*) FROM events').pluck().get() as number;

describe('EventWriter', () => {
  it('group-commits concurrent appends: far fewer transactions than appends, every row stored', async () => {
    const w = new EventWriter(store.sqlite);
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => w.append([row(`a${i}`), row(`b${i}`), row(`c${i}`)])));
    expect(count()).toBe(300);
    expect(w.stats().batches).toBeLessThanOrEqual(5);
    expect(w.stats()).toMatchObject({ committedEvents: 300, queued: 0, queuedRequests: 0, failedRequests: 0 });
    const ids = results.flatMap((r) => r.ids);
    expect(new Set(ids).size).toBe(300);
    ids.forEach((id) => expect(isUuidv7(id)).toBe(true));
    // ids come back in row order and belong to the right rows
    const text = store.sqlite.prepare('SELECT text FROM events WHERE id = ?').pluck();
    expect(text.get(results[42]!.ids[1])).toBe('b42');
    await w.close();
  });

  it('keeps a supplied id and generates the others', async () => {
    const w = new EventWriter(store.sqlite);
    const { ids } = await w.append([row('x', { id: '018f0000-0000-7000-8000-000000000001' }), row('y')]);
    expect(ids[0]).toBe('018f0000-0000-7000-8000-000000000001');
    expect(isUuidv7(ids[1]!)).toBe(true);
  });

  it('resolves only after COMMIT: a second connection sees the rows the moment the promise resolves', async () => {
    const reader = new Database(join(dir, 'db.sqlite3'), { readonly: true });
    try {
      const w = new EventWriter(store.sqlite);
      const seenAtResolve: number[] = [];
      const p = w.append([row('one'), row('two')]).then((r) => { seenAtResolve.push(count(reader)); return r; });
      expect(count(reader)).toBe(0); // queued, not yet written: the ack must wait
      await p;
      expect(seenAtResolve).toEqual([2]);
    } finally { reader.close(); }
  });

  it('is all-or-nothing per request and isolates a bad request from the rest of its group', async () => {
    const w = new EventWriter(store.sqlite);
    const dupId = '018f0000-0000-7000-8000-0000000000aa';
    await w.append([row('existing', { id: dupId })]);
    const good1 = w.append([row('g1a'), row('g1b')]);
    const bad = w.append([row('bad-valid-row'), row('bad-dup', { id: dupId })]);
    const badNull = w.append([row('null-text', { text: null as unknown as string })]);
    const good2 = w.append([row('g2')]);
    await expect(good1).resolves.toBeDefined();
    await expect(good2).resolves.toBeDefined();
    await expect(bad).rejects.toMatchObject({ code: 'DLV_INGEST_DUPLICATE_ID', status: 409, field: 'id' });
    await expect(badNull).rejects.toMatchObject({ code: 'DLV_INGEST_WRITE_FAILED', status: 500 });
    const texts = store.sqlite.prepare('SELECT text FROM events ORDER BY seq').pluck().all();
    expect(texts).toEqual(['existing', 'g1a', 'g1b', 'g2']); // nothing of the bad requests, not even their valid rows
    expect(w.stats().failedRequests).toBe(2);
  });

  it('applies back-pressure: rejects at once with DLV_INGEST_BUSY and a retry delay when the queue is full', async () => {
    const w = new EventWriter(store.sqlite, { maxQueue: 10 });
    const first = w.append(Array.from({ length: 8 }, (_, i) => row(`q${i}`)));
    const err = await w.append([row('1'), row('2'), row('3')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DelveError);
    expect(err).toMatchObject({ code: 'DLV_INGEST_BUSY', status: 503 });
    const retry = (err as DelveError).details?.['retryAfterSeconds'];
    expect(typeof retry === 'number' && retry >= 1 && retry <= 60).toBe(true);
    await first;
    await expect(w.append([row('1'), row('2'), row('3')])).resolves.toBeDefined();
    expect(count()).toBe(11);
    await expect(w.append(Array.from({ length: 11 }, () => row('big')))).rejects.toMatchObject({ code: 'DLV_INGEST_BATCH_TOO_LARGE', status: 413 });
  });

  it('never puts more than maxBatch events in one transaction (a request is never split)', async () => {
    const w = new EventWriter(store.sqlite, { maxBatch: 10, maxDelayMs: 0 });
    await Promise.all(Array.from({ length: 10 }, (_, i) => w.append([row(`${i}a`), row(`${i}b`), row(`${i}c`), row(`${i}d`)])));
    expect(w.stats().batches).toBe(5); // 2 requests (8 events) fit, a third would make 12
    await w.append(Array.from({ length: 25 }, () => row('oversize')));
    expect(w.stats().batches).toBe(6);
    expect(count()).toBe(65);
  });

  it('drains on close and refuses later appends', async () => {
    const w = new EventWriter(store.sqlite);
    const pending = w.append([row('last')]);
    await w.close();
    await expect(pending).resolves.toBeDefined();
    expect(count()).toBe(1);
    await expect(w.append([row('late')])).rejects.toMatchObject({ code: 'DLV_INGEST_CLOSED', status: 503 });
  });

  it('reports commits to onCommit with the last seq', async () => {
    const seen: Array<{ events: number; lastSeq: number }> = [];
    const w = new EventWriter(store.sqlite, { onCommit: (i) => seen.push(i) });
    await Promise.all([w.append([row('a'), row('b')]), w.append([row('c')])]);
    const max = store.sqlite.prepare('SELECT max(seq) FROM events').pluck().get();
    expect(seen).toEqual([{ events: 3, lastSeq: max }]);
    await w.flush();
  });

  it('offers synchronous=FULL for durability against power loss', () => {
    new EventWriter(store.sqlite, { synchronous: 'FULL' });
    expect(store.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(() => new EventWriter(store.sqlite, { maxBatch: 0 })).toThrow(RangeError);
  });

  it('waits for a foreign transaction on its connection instead of nesting in it', async () => {
    const w = new EventWriter(store.sqlite);
    store.sqlite.exec('BEGIN');
    const p = w.append([row('after')]);
    await new Promise((r) => setTimeout(r, 20));
    expect(w.stats().committedEvents).toBe(0);
    store.sqlite.exec('ROLLBACK');
    await p;
    expect(count()).toBe(1);
  });
});

describe('EventWriter walAutocheckpointPages', () => {
  it('sets the connection\'s wal_autocheckpoint; events committed across many checkpoints survive a reopen', async () => {
    const w = new EventWriter(store.sqlite, { walAutocheckpointPages: 50, maxBatch: 200 });
    expect(store.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(50);
    for (let k = 0; k < 10; k++) await w.append(Array.from({ length: 200 }, (_, i) => row(`${'x'.repeat(300)} ${k}-${i}`)));
    await w.close();
    const other = openSqlite({ path: join(dir, 'db.sqlite3') });
    try { expect(count(other)).toBe(2000); } finally { other.close(); }
  });

  it('rejects a non-positive or fractional page count', () => {
    expect(() => new EventWriter(store.sqlite, { walAutocheckpointPages: 0 })).toThrow(RangeError);
    expect(() => new EventWriter(store.sqlite, { walAutocheckpointPages: 1.5 })).toThrow(RangeError);
  });
});
