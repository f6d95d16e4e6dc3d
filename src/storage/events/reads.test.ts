import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../sqlite/open.js';
import { Store } from '../store.js';
import { EventWriter, getEvent, listEvents, type NewEventRow } from './index.js';

let dir: string;
let store: Store;
let ids: string[];
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'delve-reads-'));
  const path = join(dir, 'db.sqlite3');
  store = new Store(openSqlite({ path }), path);
  await store.migrate();
  const row = (text: string, created: number, index: string, host = 'h1'): NewEventRow =>
    ({ created, index, source: 'src', sourcetype: 'st', host, text, extracted_fields: '{"k":1}', user_id: 'u1' });
  const w = new EventWriter(store.sqlite);
  ({ ids } = await w.append([row('e1', 100, 'web'), row('e2', 300, 'web', 'h2'), row('e3', 200, 'sys'), row('e4', 300, 'web')]));
  await w.close();
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const texts = (rows: Array<{ text: string }>) => rows.map((r) => r.text);

describe('event reads', () => {
  it('getEvent returns the stored row or undefined', () => {
    expect(getEvent(store.sqlite, ids[1]!)).toMatchObject({
      id: ids[1], created: 300, index: 'web', source: 'src', sourcetype: 'st', host: 'h2', text: 'e2', extracted_fields: '{"k":1}', user_id: 'u1',
    });
    expect(getEvent(store.sqlite, 'nope')).toBeUndefined();
  });

  it('listEvents returns newest first (created, then seq) with filters, limit and offset', () => {
    expect(texts(listEvents(store.sqlite, { limit: 10 }))).toEqual(['e4', 'e2', 'e3', 'e1']);
    expect(texts(listEvents(store.sqlite, { index: 'web', limit: 10 }))).toEqual(['e4', 'e2', 'e1']);
    expect(texts(listEvents(store.sqlite, { index: ['web', 'sys'], limit: 2, offset: 1 }))).toEqual(['e2', 'e3']);
    expect(listEvents(store.sqlite, { index: [], limit: 10 })).toEqual([]);
    expect(texts(listEvents(store.sqlite, { index: 'web', host: 'h2', limit: 10 }))).toEqual(['e2']);
    expect(texts(listEvents(store.sqlite, { since: 200, until: 300, limit: 10 }))).toEqual(['e3']);
    expect(texts(listEvents(store.sqlite, { source: 'src', sourcetype: 'st', limit: 1 }))).toEqual(['e4']);
  });

  it('binds filter values as parameters (no SQL injection)', () => {
    expect(listEvents(store.sqlite, { index: "web' OR '1'='1", limit: 10 })).toEqual([]);
    expect(listEvents(store.sqlite, { host: 'h1" OR 1=1 --', limit: 10 })).toEqual([]);
    expect(getEvent(store.sqlite, "' OR 1=1 --")).toBeUndefined();
  });

  it('uses the (index, created) index for a single-index listing', () => {
    const sql = `SELECT seq, id, created, "index", source, sourcetype, host, text, extracted_fields, user_id FROM events
      WHERE "index" = ? ORDER BY created DESC, seq DESC LIMIT ? OFFSET ?`;
    const plan = (store.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('web', 10, 0) as Array<{ detail: string }>).map((p) => p.detail).join('\n');
    expect(plan).toContain('events_index_created');
    expect(plan).not.toContain('TEMP B-TREE'); // the index also gives the order
  });
});
