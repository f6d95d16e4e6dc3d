/**
 * The full-text floor (fulltext-floor.ts) must never change results: pages of `search WORD --limit N` are compared
 * with a reference computed in JavaScript (created DESC, then insertion order DESC) over events whose `created`
 * disagrees with their insertion order (backfills, future timestamps), across ACLs, filters, offsets and an
 * unindexed tail.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDbPipeline, runDbQuery } from '../commands/qs/pipeline-for-tests.js';
import { EventQuery } from './event-query.js';
import { withFullTextFloor } from './fulltext-floor.js';
import { openTestEventDb, TEST_NOW, type TestEventDb } from './testing.js';

const NOW_US = TEST_NOW.getTime() * 1000;
const MIN = 60_000_000;

type Ev = { text: string; index: string; host: string; created: number };

/** Expected ids: events matching `pred`, newest first (created DESC, then later insertion first). */
function expected(evs: readonly Ev[], ids: readonly string[], pred: (e: Ev) => boolean, limit: number, offset: number): string[] {
  return evs.map((e, i) => ({ e, i })).filter(({ e }) => pred(e))
    .sort((a, b) => b.e.created - a.e.created || b.i - a.i)
    .slice(offset, offset + limit).map(({ i }) => ids[i] as string);
}

const idsOf = async (db: TestEventDb, q: string, acl?: { all: boolean; patterns: string[] }) =>
  ((await runDbQuery(db.ctx(acl ? { acl } : {}), q)) as Array<{ id: string }>).map((r) => r.id);

describe('full-text floor', () => {
  let db: TestEventDb;
  const evs: Ev[] = [];
  let ids: string[] = [];

  beforeAll(async () => {
    db = await openTestEventDb();
    // 600 events mostly in time order; every 7th is a backfill (an hour older), every 50th claims a future time.
    for (let i = 0; i < 600; i += 1) {
      let created = NOW_US - (600 - i) * MIN;
      if (i % 7 === 3) created -= 60 * MIN;
      if (i % 50 === 10) created = NOW_US + i * MIN;
      evs.push({ text: `${i % 3 === 0 ? 'upstream timed out' : 'request ok'} n${i}`, index: i % 5 === 0 ? 'app' : 'web', host: `h${i % 4}`, created });
    }
    ids = await db.insert(evs.slice(0, 500));
    await db.index();
    ids = ids.concat(await db.insert(evs.slice(500))); // the last 100 stay unindexed (the tail)
  });
  afterAll(async () => db.close());

  it('applies a floor to newest-first pages and keeps the rows', async () => {
    const q = (await runDbPipeline(db.ctx(), 'search timed --limit 10')) as EventQuery;
    const env = { db: db.store.sqlite, acl: { all: true, patterns: [] }, dialect: q.env.dialect, textSearch: 'fts' as const };
    q.prepare();
    const floored = withFullTextFloor(env, q.plan, 10_001);
    const cond = floored.where[0];
    expect(cond?.k === 'fulltext' && typeof cond.minSeq === 'number' && cond.minSeq > 1).toBe(true);
    expect(q.with(floored).compile(11).sql).toContain('AND rowid >= ?');
    expect(await idsOf(db, 'search timed --limit 10')).toEqual(expected(evs, ids, (e) => e.text.includes('timed'), 10, 0));
  });

  it('leaves ordered, aggregated and large pages alone', async () => {
    const env = { db: db.store.sqlite, acl: { all: true, patterns: [] }, dialect: (await runDbPipeline(db.ctx(), 'search') as EventQuery).env.dialect, textSearch: 'fts' as const };
    for (const text of ['search timed --order-by host --limit 5', 'search timed | qs_reverse | qs_limit 5', 'search timed', 'search timed | qs_group_by host n=Count(id)']) {
      const q = (await runDbPipeline(db.ctx(), text)) as EventQuery;
      q.prepare();
      expect(withFullTextFloor(env, q.plan, 100_001)).toBe(q.plan);
    }
  });

  it('returns exactly the rows of the unoptimised order (property)', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 30 }), fc.constantFrom('timed', 'ok', 'n1'),
      fc.constantFrom('', 'host=h1', 'index=app', '--newer-than 2024-06-15T04:00:00Z', '!host=h2', 'user__username=alice'),
      fc.boolean(),
      async (limit, offset, word, extra, restricted) => {
        const acl = restricted ? { all: false, patterns: ['web'] } : undefined;
        const pred = (e: Ev): boolean => {
          if (!new RegExp(`\\b${word}\\b`).test(e.text)) return false;
          if (restricted && e.index !== 'web') return false;
          if (extra === 'host=h1') return e.host === 'h1';
          if (extra === 'index=app') return e.index === 'app';
          if (extra === '!host=h2') return e.host !== 'h2';
          if (extra.startsWith('--newer-than')) return e.created > Date.parse('2024-06-15T04:00:00Z') * 1000;
          return true;
        };
        const text = `search ${word} ${extra} --limit ${limit} --offset ${offset}`;
        expect(await idsOf(db, text, acl)).toEqual(expected(evs, ids, pred, limit, offset));
        expect(await idsOf(db, `search ${word} ${extra} | qs_limit ${limit}`, acl)).toEqual(expected(evs, ids, pred, limit, 0));
      },
    ), { numRuns: 60 });
  });
});
