import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createUuidv7Generator } from '../../util/uuid7.js';
import { openSqlite } from '../sqlite/open.js';
import { Store } from '../store.js';
import { deleteFromIndex, EventWriter, FtsIndexer, ftsMatchExpression, reindexEvents, searchFullText, type NewEventRow } from './index.js';

let dir: string;
let store: Store;
let writer: EventWriter;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'delve-fts-'));
  const path = join(dir, 'db.sqlite3');
  store = new Store(openSqlite({ path }), path);
  await store.migrate();
  writer = new EventWriter(store.sqlite);
});
afterEach(async () => {
  await writer.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const row = (text: string, over: Partial<NewEventRow> = {}): NewEventRow => ({
  created: Date.now() * 1000, index: 'main', source: 's', sourcetype: 'text', host: 'h', text,
  extracted_fields: null, user_id: null, ...over,
});
const seqOf = (text: string): number => store.sqlite.prepare('SELECT seq FROM events WHERE text = ?').pluck().get(text) as number;
const search = (...terms: string[]): number[] => searchFullText(store.sqlite, { terms, limit: 1000 });
const indexHas = (term: string): number[] =>
  store.sqlite.prepare('SELECT rowid FROM events_fts WHERE events_fts MATCH ?').pluck().all(ftsMatchExpression([term])) as number[];

describe('FtsIndexer', () => {
  it('follows events by seq in batches, advancing the watermark and the lag', async () => {
    await writer.append(Array.from({ length: 100 }, (_, i) => row(`line ${i} word${i % 10}`)));
    const ix = new FtsIndexer(store.sqlite, { batchSize: 40 });
    expect(ix.lag().rows).toBe(100);
    expect(ix.indexBatch()).toBe(40);
    expect(ix.watermark()).toBe(40);
    expect(ix.lag().rows).toBe(60);
    expect(await ix.catchUp()).toBe(60);
    expect(ix.lag()).toEqual({ rows: 0, seconds: 0 });
    expect(ix.indexBatch()).toBe(0);
    expect(indexHas('word3')).toHaveLength(10);
  });

  it('reports the age of the oldest unindexed event', async () => {
    await writer.append([row('old', { id: createUuidv7Generator()(Date.now() - 30_000) }), row('new')]);
    const lag = new FtsIndexer(store.sqlite).lag();
    expect(lag.rows).toBe(2);
    expect(lag.seconds).toBeGreaterThanOrEqual(30);
  });

  it('indexes in the background when the writer notifies it', async () => {
    const ix = new FtsIndexer(store.sqlite, { intervalMs: 0, notifyDelayMs: 1 });
    const w = new EventWriter(store.sqlite, { onCommit: () => ix.notify() });
    ix.start();
    await w.append([row('background indexing works')]);
    await vi.waitFor(() => expect(ix.lag().rows).toBe(0), { timeout: 5000 });
    expect(indexHas('background')).toEqual([seqOf('background indexing works')]);
    await ix.stop();
    await w.close();
  });
});

describe('searchFullText', () => {
  it('is complete while the indexer lags: finds words in indexed and unindexed rows alike', async () => {
    await writer.append(Array.from({ length: 50 }, (_, i) => row(`first half ${i} needle${i % 5}`)));
    const ix = new FtsIndexer(store.sqlite, { batchSize: 25 });
    ix.indexBatch(); // half of the first 50 indexed
    await writer.append(Array.from({ length: 50 }, (_, i) => row(`second half ${i} needle${i % 5}`)));
    expect(ix.lag().rows).toBe(75);
    const before = search('needle2');
    expect(before).toHaveLength(20);
    expect(before).toEqual([...before].sort((a, b) => b - a)); // newest first
    await ix.catchUp();
    expect(search('needle2')).toEqual(before); // same answer once everything is indexed
    expect(search('half', 'second')).toHaveLength(50);
  });

  it('matches case- and accent-insensitively in both halves, terms are phrases, all terms must match', async () => {
    await writer.append([row('Café Ärger in the foo-bar'), row('cafe')]);
    const ix = new FtsIndexer(store.sqlite, { batchSize: 1 });
    ix.indexBatch(); // first row indexed, second in the tail
    const [a, b] = [seqOf('Café Ärger in the foo-bar'), seqOf('cafe')];
    expect(search('CAFE')).toEqual([b, a]);
    expect(search('ärger')).toEqual([a]);
    expect(search('foo bar')).toEqual([a]);
    expect(search('bar foo')).toEqual([]);
    expect(search('cafe', 'arger')).toEqual([a]);
    expect(search('nothing')).toEqual([]);
  });

  it('treats FTS5 syntax in user input as plain words', async () => {
    await writer.append([row('alpha'), row('beta'), row('alpha or beta'), row('gamma delta')]);
    new FtsIndexer(store.sqlite, { batchSize: 2 }).indexBatch();
    const ab = seqOf('alpha or beta');
    expect(search('alpha OR beta')).toEqual([ab]);
    expect(search('alpha" OR "beta')).toEqual([ab]);
    expect(search('NEAR(gamma delta)')).toEqual([]); // the phrase near·gamma·delta, not the NEAR operator
    expect(search('gamma delta')).toEqual([seqOf('gamma delta')]);
    expect(search('text:alpha')).toEqual([]);
    for (const t of ['alp*', '*', '^alpha', '"', 'NOT', '(', 'a\0b', '-beta']) expect(() => search(t)).not.toThrow();
    expect(search('alp*')).toEqual([]); // no prefix queries
    expect(search('NOT beta')).toEqual([]);
    expect(ftsMatchExpression(['say "hi"', 'x'])).toBe('"say ""hi""" "x"');
    expect(() => ftsMatchExpression([])).toThrow(RangeError);
  });

  it('applies the caller\'s parameterized condition and the limit to both halves', async () => {
    await writer.append([row('token one', { index: 'a' }), row('token two', { index: 'b' }), row('token three', { index: 'a' })]);
    new FtsIndexer(store.sqlite, { batchSize: 2 }).indexBatch();
    const r = searchFullText(store.sqlite, { terms: ['token'], limit: 10, where: { sql: 'e."index" = ?', params: ['a'] } });
    expect(r).toEqual([seqOf('token three'), seqOf('token one')]);
    expect(searchFullText(store.sqlite, { terms: ['token'], limit: 2 })).toEqual([seqOf('token three'), seqOf('token two')]);
    expect(searchFullText(store.sqlite, { terms: ['token'], limit: 1 })).toEqual([seqOf('token three')]);
    expect(() => searchFullText(store.sqlite, { terms: ['token'], limit: 0 })).toThrow(RangeError);
  });
});

describe('index maintenance', () => {
  it('deleteFromIndex removes deleted events from the index', async () => {
    await writer.append([row('remove me'), row('keep me')]);
    await new FtsIndexer(store.sqlite).catchUp();
    const gone = seqOf('remove me');
    store.sqlite.transaction(() => {
      store.sqlite.prepare('DELETE FROM events WHERE seq = ?').run(gone);
      deleteFromIndex(store.sqlite, [gone, 999_999]);
    })();
    expect(indexHas('remove')).toEqual([]);
    expect(indexHas('me')).toEqual([seqOf('keep me')]);
  });

  it('reindexEvents replaces the indexed words of an updated event', async () => {
    await writer.append([row('before update')]);
    await new FtsIndexer(store.sqlite).catchUp();
    const seq = seqOf('before update');
    store.sqlite.prepare('UPDATE events SET text = ? WHERE seq = ?').run('after change', seq);
    reindexEvents(store.sqlite, [seq]);
    expect(indexHas('before')).toEqual([]);
    expect(search('change')).toEqual([seq]);
  });

  it('never reuses a seq at or below the watermark after the newest events are deleted', async () => {
    await writer.append([row('one'), row('two'), row('three')]);
    const ix = new FtsIndexer(store.sqlite);
    await ix.catchUp();
    const wm = ix.watermark();
    const top = [seqOf('two'), seqOf('three')];
    store.sqlite.transaction(() => {
      store.sqlite.prepare('DELETE FROM events WHERE seq >= ?').run(top[0]);
      deleteFromIndex(store.sqlite, top);
    })();
    await writer.append([row('fresh words')]);
    expect(seqOf('fresh words')).toBeGreaterThan(wm);
    expect(search('fresh')).toEqual([seqOf('fresh words')]);
    await ix.catchUp();
    expect(search('fresh')).toEqual([seqOf('fresh words')]);
  });
});
