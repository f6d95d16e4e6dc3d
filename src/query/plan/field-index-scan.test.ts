/**
 * Grouping by an indexed field (DELVE_INDEXED_FIELDS): the statement is forced onto the field index only when every
 * condition is on "index", the plan then reads the index in group order (no sorter), and the rows are exactly those
 * of the statement run as compiled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncFieldIndexes } from '../../storage/field-indexes.js';
import { runDbPipeline } from '../commands/qs/pipeline-for-tests.js';
import type { EventQuery } from './event-query.js';
import { fieldIndexGrouping, matchCountGroups } from './count-groups.js';
import { decodeRow } from './rows.js';
import { openTestEventDb, type TestEventDb } from './testing.js';

let db: TestEventDb;
const STATUS: unknown[] = [200, '200', 404, 500, null, true, { a: 1 }, 'é'];

beforeAll(async () => {
  db = await openTestEventDb();
  await db.insert(Array.from({ length: 240 }, (_, i) => ({
    text: `event ${i} ${i % 3 === 0 ? 'timeout' : 'ok'}`, index: ['web', 'app', '_audit', 'web2'][i % 4] as string, host: `h${i % 5}`,
    extracted_fields: i % 13 === 0 ? {} : { status: STATUS[i % STATUS.length], user: { name: `u${i % 3}` } },
  })));
  await db.index();
  syncFieldIndexes(db.store.sqlite, ['status', 'user__name']);
});
afterAll(async () => db.close());

const USER_ACL = { all: false, patterns: ['*'] };

async function run(text: string, acl = USER_ACL) {
  const ctx = db.ctx({ acl, maxRows: 1000 });
  const q = (await runDbPipeline(ctx, text)) as EventQuery;
  const c = q.compile(1001);
  q.prepare();
  const reference = (db.store.sqlite.prepare(c.sql).raw(true).all(...c.params) as unknown[][]).map((r) => decodeRow(c.columns, r));
  const m = matchCountGroups(q.plan);
  const f = m && fieldIndexGrouping(q, m);
  return { rows: await q.resolve(ctx), reference, forced: f?.sql, params: f?.params ?? [] };
}

const planOf = (sql: string, params: readonly unknown[]): string =>
  (db.store.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');

describe('grouping by an indexed field', () => {
  for (const text of [
    'search index=web | qs_group_by extracted_fields__status n=Count(id)',
    'search index=web index=web2 | qs_group_by extracted_fields__status n=Count(id)',
    'search | qs_group_by extracted_fields__user__name n=Count(id) | qs_order_by "\'-n\'"',
    'search index=app | qs_group_by extracted_fields__status n=Count(id) | qs_limit 2 --offset 1',
    `search index=web | qs_group_by extracted_fields__status n=Count(id) | qs_order_by "'-extracted_fields__status'"`,
  ]) {
    it(`reads the field index for ${text}`, async () => {
      const r = await run(text);
      expect(r.rows).toEqual(r.reference);
      expect(r.forced).toMatch(/INDEXED BY "events_xf_(status|user__name)"/);
      const plan = planOf(r.forced as string, r.params);
      expect(plan).toMatch(/events_xf_/);
      expect(plan).not.toContain('TEMP B-TREE FOR GROUP BY');
      expect(r.rows.some((row) => row['n'] === 0)).toBe(false);
    });
  }

  for (const text of [
    'search index=web --last-hour | qs_group_by extracted_fields__status n=Count(id)',
    'search index=web timeout | qs_group_by extracted_fields__status n=Count(id)',
    'search index=web host=h1 | qs_group_by extracted_fields__status n=Count(id)',
    'search index=web | qs_group_by extracted_fields__status host n=Count(id)',
    'search index=web | qs_group_by extracted_fields__level n=Count(id)',
  ]) {
    it(`leaves ${text} to the planner`, async () => {
      const r = await run(text);
      expect(r.forced).toBeUndefined();
      expect(r.rows).toEqual(r.reference);
    });
  }

  it('keeps internal indexes out for a user whose ACL is *, and in for a superuser naming them', async () => {
    const user = await run('search | qs_group_by extracted_fields__status n=Count(id)');
    expect(user.rows).toEqual(user.reference);
    const total = (rows: Array<Record<string, unknown>>) => rows.reduce((s, r) => s + (r['n'] as number), 0);
    expect(total(user.rows)).toBe(180);
    const audit = await run('search index=_audit | qs_group_by extracted_fields__status n=Count(id)', { all: true, patterns: [] });
    expect(audit.forced).toBeDefined();
    expect(total(audit.rows)).toBe(60);
  });

  it('notices an index dropped since the last statement (schema version)', async () => {
    const before = await run('search index=web | qs_group_by extracted_fields__user__name n=Count(id)');
    expect(before.forced).toBeDefined();
    syncFieldIndexes(db.store.sqlite, ['status']);
    const after = await run('search index=web | qs_group_by extracted_fields__user__name n=Count(id)');
    expect(after.forced).toBeUndefined();
    expect(after.rows).toEqual(before.rows);
    syncFieldIndexes(db.store.sqlite, ['status', 'user__name']);
  });
});
