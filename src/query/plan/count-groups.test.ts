/**
 * Counting per group in JavaScript (count-groups.ts) must return exactly what SQLite's GROUP BY … ORDER BY returns:
 * every case is compared with the compiled statement run as is, over JSON values of every type.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDbPipeline } from '../commands/qs/pipeline-for-tests.js';
import { compareSqlValues, matchCountGroups } from './count-groups.js';
import type { EventQuery } from './event-query.js';
import { decodeRow } from './rows.js';
import { openTestEventDb, type TestEventDb } from './testing.js';

let db: TestEventDb;
const STATUS: unknown[] = [200, '200', 200.5, -3, 0, true, false, null, { a: 1 }, [1, 2], 'é', '😀', '\uffff', 'Zeta', 'alpha', '{"a":1}', '', 1e21];

beforeAll(async () => {
  db = await openTestEventDb();
  await db.insert(Array.from({ length: 160 }, (_, i) => ({
    text: `e${i}`, host: ['web1', 'web2', 'Web1', 'é', '😀', '\uffff'][i % 6] as string, index: i % 5 === 0 ? 'app' : 'web',
    ...(i % 9 === 0 ? { user_id: null as unknown as string } : i % 2 ? { user_id: 'u2' } : {}),
    extracted_fields: i % 11 === 0 ? {} : { status: STATUS[i % STATUS.length], n: i % 4, ...(i % 3 === 0 ? { big: 2 ** 60 + (i % 2) } : {}) },
  })));
});
afterAll(async () => db.close());

async function both(text: string, acl = { all: true, patterns: [] as string[] }) {
  const ctx = db.ctx({ acl, maxRows: 1000 });
  const q = (await runDbPipeline(ctx, text)) as EventQuery;
  const c = q.compile(1001);
  q.prepare();
  const reference = (db.store.sqlite.prepare(c.sql).raw(true).all(...c.params) as unknown[][]).map((r) => decodeRow(c.columns, r));
  return { fast: await q.resolve(ctx), reference, matched: matchCountGroups(q.plan) !== undefined };
}

describe('count per group in JavaScript', () => {
  const matched = [
    'search | qs_group_by extracted_fields__status n=Count(id)',
    'search | qs_group_by host n=Count(id)',
    'search | qs_group_by host extracted_fields__status n=Count(id)',
    'search | qs_group_by extracted_fields__status extracted_fields__n c=Count(text) d=Count()',
    'search | qs_values host | qs_annotate n=Count(id)',
    'search | qs_values extracted_fields__status | qs_annotate n=Count(id)',
    'search | qs_group_by user n=Count(id)',
    'search | qs_group_by host n=Count(id) | qs_order_by "\'-n\'" host',
    'search | qs_group_by extracted_fields__status n=Count(id) | qs_reverse',
    'search | qs_group_by host n=Count(id) | qs_limit 3 --offset 1',
    'search index=web e1 | qs_group_by extracted_fields__status n=Count(id)',
    'search | qs_group_by extracted_fields__big n=Count(id)',
  ];
  for (const text of matched) {
    it(text, async () => {
      const r = await both(text);
      expect(r.matched).toBe(true);
      expect(r.fast).toEqual(r.reference);
      const acl = await both(text, { all: false, patterns: ['app'] });
      expect(acl.fast).toEqual(acl.reference);
    });
  }

  for (const text of [
    'search | qs_group_by host n=Count(user)',
    'search | qs_group_by host n=Count(id) s=Sum(extracted_fields__n)',
    'search | qs_group_by host n=Count(id) | qs_having n__gt=3',
    'search | qs_group_by host n=Count(id,distinct=True)',
    'search | qs_group_by host n=Count(id) | qs_order_by extracted_fields__n',
    'search | qs_group_by host',
  ]) {
    it(`leaves ${text} to SQLite`, async () => {
      const r = await both(text);
      expect(r.matched).toBe(false);
      expect(r.fast).toEqual(r.reference);
    });
  }

  it('reports truncation at the row cap', async () => {
    const ctx = db.ctx({ maxRows: 2 });
    const q = (await runDbPipeline(ctx, 'search | qs_group_by host n=Count(id)')) as EventQuery;
    expect(await q.resolve(ctx)).toHaveLength(2);
    expect(q.truncated).toBe(true);
  });

  it('orders values like SQLite', () => {
    const values = ['b', null, 2, 'a', 1.5, '😀', '\uffff', Buffer.from('x'), -1, 'B'];
    const sql = db.store.sqlite.prepare(`SELECT v FROM (${values.map(() => 'SELECT ? AS v').join(' UNION ALL ')}) ORDER BY v`).pluck().all(...values);
    expect([...values].sort(compareSqlValues)).toEqual(sql);
  });
});
