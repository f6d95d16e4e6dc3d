/** DELVE_INDEXED_FIELDS reconciliation on a real, migrated SQLite file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DelveError } from '../errors.js';
import { fieldIndex, syncFieldIndexes } from './field-indexes.js';
import { openSqlite } from './sqlite/open.js';
import { Store } from './store.js';

let dir: string;
let store: Store;
const indexes = (): Array<{ name: string; sql: string }> =>
  store.sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name LIKE 'events_xf_%' ORDER BY name`).all() as Array<{ name: string; sql: string }>;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'delve-xf-'));
  const path = join(dir, 'db.sqlite3');
  store = new Store(openSqlite({ path }), path);
  await store.migrate();
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('field indexes', () => {
  it('builds the declared indexes on the expression the query compiler emits, then keeps them', () => {
    const seen: string[] = [];
    const r = syncFieldIndexes(store.sqlite, ['status', 'extracted_fields__user__name', 'status', 'items__0'], (p) => seen.push(`${p.phase}:${p.field}:${p.ms === undefined ? 'start' : 'end'}`));
    expect(r.created).toEqual(['events_xf_status', 'events_xf_user__name', 'events_xf_items__0']);
    expect(indexes()).toEqual([
      { name: 'events_xf_items__0', sql: `CREATE INDEX "events_xf_items__0" ON events("extracted_fields" -> '$."items"[0]', "index")` },
      { name: 'events_xf_status', sql: `CREATE INDEX "events_xf_status" ON events("extracted_fields" -> '$."status"', "index")` },
      { name: 'events_xf_user__name', sql: `CREATE INDEX "events_xf_user__name" ON events("extracted_fields" -> '$."user"."name"', "index")` },
    ]);
    expect(seen).toContain('create:extracted_fields__status:start');
    expect(seen).toContain('create:extracted_fields__status:end');
    expect(syncFieldIndexes(store.sqlite, ['status', 'user__name', 'items__0'])).toEqual({ created: [], dropped: [], kept: ['events_xf_status', 'events_xf_user__name', 'events_xf_items__0'] });
  });

  it('drops the indexes no longer declared and leaves every other index alone', () => {
    const before = (store.sqlite.prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'index'`).pluck().get() as number);
    syncFieldIndexes(store.sqlite, ['status', 'level']);
    const r = syncFieldIndexes(store.sqlite, ['level']);
    expect(r).toEqual({ created: [], dropped: ['events_xf_status'], kept: ['events_xf_level'] });
    syncFieldIndexes(store.sqlite, []);
    expect(indexes()).toEqual([]);
    expect(store.sqlite.prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'index'`).pluck().get()).toBe(before);
  });

  it('keeps writes of events without the key working and answers JSON-text equality from the index', () => {
    syncFieldIndexes(store.sqlite, ['status']);
    const insert = store.sqlite.prepare(`INSERT INTO events (id, created, "index", source, sourcetype, host, text, extracted_fields) VALUES (?, 1, 'web', 's', 't', 'h', 'x', ?)`);
    for (const [id, fields] of [['a', '{"status": 500}'], ['b', '{"status": "500"}'], ['c', '{}'], ['d', null]] as const) insert.run(id, fields);
    const q = `SELECT e.id FROM events AS e WHERE e."extracted_fields" -> '$."status"' = ?`;
    expect(store.sqlite.prepare(q).pluck().all('500')).toEqual(['a']);
    expect(store.sqlite.prepare(q).pluck().all('"500"')).toEqual(['b']);
    const plan = (store.sqlite.prepare(`EXPLAIN QUERY PLAN ${q}`).all('500') as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
    expect(plan).toContain('events_xf_status');
  });

  it('refuses a field that is not a path of letters, digits and _ (DLV_CONFIG_INVALID naming the setting)', () => {
    for (const bad of ['', 'a b', 'a__', "x'); DROP TABLE events; --", 'a.b', '__a', 'ü']) {
      let err: unknown;
      try { fieldIndex(bad); } catch (e) { err = e; }
      expect(err, bad).toBeInstanceOf(DelveError);
      expect((err as DelveError).code).toBe('DLV_CONFIG_INVALID');
      expect((err as DelveError).field).toBe('DELVE_INDEXED_FIELDS');
    }
    expect(() => syncFieldIndexes(store.sqlite, ['ok', 'bad key'])).toThrow(DelveError);
    expect(indexes()).toEqual([]); // validated before anything is built
  });

  it('property: any setting value is either refused with DLV_CONFIG_INVALID or spelled as a safe identifier and path', () => {
    const piece = fc.oneof(fc.string(), fc.stringMatching(/^[A-Za-z0-9_]{1,8}$/), fc.constantFrom('__', "'", '"', ')', ' ', 'extracted_fields__'));
    fc.assert(fc.property(fc.array(piece, { maxLength: 6 }).map((p) => p.join('')), (field) => {
      let d;
      try {
        d = fieldIndex(field);
      } catch (e) {
        expect(e).toBeInstanceOf(DelveError);
        expect((e as DelveError).code).toBe('DLV_CONFIG_INVALID');
        return;
      }
      expect(d.name).toMatch(/^events_xf_[A-Za-z0-9_]+$/);
      expect(d.sql).toMatch(/^CREATE INDEX "events_xf_[A-Za-z0-9_]+" ON events\("extracted_fields" -> '\$(?:\."[A-Za-z0-9_]+"|\[\d+\])+', "index"\)$/);
    }), { numRuns: 2000 });
  });
});
