/**
 * EXPLAIN QUERY PLAN of the grouping shapes migration 0005 is for: `qs_group_by host n=Count(id)` (and source,
 * sourcetype) must be answered from a covering index — no table lookups — for superusers and for callers whose
 * index ACL is in the WHERE clause; Count(<NOT NULL column>) compiles to count(*) so it needs no row either.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDbPipeline, runDbQuery } from '../commands/qs/pipeline-for-tests.js';
import { explainQuery, type EventQuery } from './index.js';
import { openTestEventDb, type TestEventDb } from './testing.js';

let db: TestEventDb;

beforeAll(async () => {
  db = await openTestEventDb();
  await db.insert(Array.from({ length: 300 }, (_, i) => ({
    text: `event ${i}`, host: `h${i % 7}`, source: `s${i % 3}`, sourcetype: `t${i % 2}`, index: i % 10 === 0 ? '_audit' : i % 2 ? 'web' : 'app',
  })));
});
afterAll(async () => db.close());

const ACLS = { superuser: { all: true, patterns: [] }, star: { all: false, patterns: ['*'] }, list: { all: false, patterns: ['web', 'app*'] } };

async function plan(text: string, acl: { all: boolean; patterns: string[] }): Promise<string> {
  const ctx = db.ctx({ acl });
  return explainQuery((await runDbPipeline(ctx, text)) as EventQuery, ctx);
}

describe('covering indexes for grouping (migration 0005)', () => {
  for (const column of ['host', 'source', 'sourcetype']) {
    for (const who of ['superuser', 'star'] as const) {
      it(`qs_group_by ${column} n=Count(id) as ${who} scans events_${column}_index only`, async () => {
        const p = await plan(`search | qs_group_by ${column} n=Count(id)`, ACLS[who]);
        expect(p).toMatch(new RegExp(`^SCAN e USING COVERING INDEX events_${column}_index$`));
      });
    }
    // With a list of exact names the planner may prefer (index, created) ranges when they look selective
    // (statistics decide); either way the statement never scans the table itself.
    it(`qs_group_by ${column} with an ACL list uses an index`, async () => {
      expect(await plan(`search | qs_group_by ${column} n=Count(id)`, ACLS.list)).not.toMatch(/SCAN e$|SCAN e\n/m);
    });
  }

  it('counts the same rows as before (internal indexes hidden from * patterns)', async () => {
    const rows = (await runDbQuery(db.ctx({ acl: ACLS.star }), 'search | qs_group_by host n=Count(id)')) as Array<{ host: string; n: number }>;
    expect(rows.reduce((s, r) => s + r.n, 0)).toBe(270);
    expect(rows.map((r) => r.host)).toEqual(['h0', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
    // a superuser's search leaves internal indexes out too unless an index term names one
    const visible = (await runDbQuery(db.ctx(), 'search | qs_group_by host n=Count(id)')) as Array<{ n: number }>;
    expect(visible.reduce((s, r) => s + r.n, 0)).toBe(270);
    const all = (await runDbQuery(db.ctx(), 'search index__in=[_audit,web,app] | qs_group_by host n=Count(id) m=Count(user)')) as Array<{ n: number; m: number }>;
    expect(all.reduce((s, r) => s + r.n, 0)).toBe(300);
    expect(all.every((r) => r.n === r.m)).toBe(true);
  });

  it('still serves equality lookups from the two-column index', async () => {
    expect(await plan('search host=h1 --limit 5', ACLS.star)).toMatch(/USING INDEX events_host_index \(host=\?\)/);
  });

  it('drops the single-column indexes it replaces', () => {
    const names = (db.store.sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'`).pluck().all() as string[]).sort();
    expect(names).toEqual(expect.arrayContaining(['events_host_index', 'events_source_index', 'events_sourcetype_index']));
    expect(names).not.toContain('events_host');
    expect(names).not.toContain('events_source');
    expect(names).not.toContain('events_sourcetype');
  });
});
