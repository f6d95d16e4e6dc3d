/**
 * The fused "count by" idiom (fuse-stats.ts) must answer exactly what the commands answer one by one: the reference
 * runs the same pipeline with a no-op `head` between dedup and select, which defeats the fusion.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDbPipeline } from '../commands/qs/pipeline-for-tests.js';
import { openTestEventDb, type TestEventDb } from '../plan/testing.js';
import { runPipeline } from './executor.js';
import { matchStatsFusion } from './fuse-stats.js';
import { defaultRegistry } from './registry.js';
import type { LazyQuery } from './types.js';

let db: TestEventDb;
const registry = defaultRegistry();

beforeAll(async () => {
  db = await openTestEventDb();
  await db.insert(Array.from({ length: 120 }, (_, i) => ({
    text: `event ${i}${i % 4 === 0 ? ' timeout' : ''}`, host: ['web1', 'web2', 'db', 'Web1', 'é'][i % 5] as string, source: `s${i % 3}`,
    index: i % 6 === 0 ? 'app' : 'web', ...(i % 7 === 0 ? { user_id: null as unknown as string } : {}),
    extracted_fields: i % 5 === 0 ? {} : { status: [200, 404, null, 1.5, 200.0, 503][i % 6], mixed: [200, '200', { a: 1 }][i % 3], user: i % 3 ? { name: `u${i % 4}` } : 'flat' },
  })));
  await db.index();
});
afterAll(async () => db.close());

async function both(text: string, maxRows: number, acl?: { all: boolean; patterns: string[] }) {
  const c = () => db.ctx({ maxRows, ...(acl ? { acl } : {}) });
  const fused = await runPipeline(registry, text, c());
  const reference = await runPipeline(registry, text.replace('| select ', '| head -n 1000000 | select '), c());
  return { fused, reference };
}

describe('stats count --by | dedup key | select (fused)', () => {
  const cases = [
    'search | stats count --by host | dedup key | select key count',
    'search | stats count --by host source | dedup key | select count key',
    'search | stats count --by user_id --field-name n | dedup key | select key n',
    'search timeout | stats count --by host | dedup key | select key',
    'search index=web --limit 30 | stats count --by index host | dedup key | select key count',
    'search --order-by host --limit 40 --offset 3 | stats count --by host | dedup key --all | select key count',
    'search --limit 60 --offset 7 | stats count --by host | dedup key | select key count',
    'search !host=db | qs_limit 45 --offset 2 | stats count --by source host | dedup key | select key count',
    'search | stats count --by extracted_fields__status | dedup key | select key count',
    'search | stats count --by host extracted_fields__user__name | dedup key | select key count',
    'search --order-by host --limit 40 | stats count --by extracted_fields__status --field-name n | dedup key | select key n',
  ];
  for (const text of cases) {
    for (const maxRows of [1000, 50]) {
      it(`${text} (maxRows ${maxRows})`, async () => {
        const { fused, reference } = await both(text, maxRows);
        expect(reference.ok).toBe(true);
        expect(fused).toEqual(reference);
        expect(text.replace('| select ', '| head -n 1000000 | select ')).not.toBe(text);
      });
    }
  }

  it('agrees under an index ACL', async () => {
    const { fused, reference } = await both('search | stats count --by host | dedup key | select key count', 1000, { all: false, patterns: ['app'] });
    expect(fused).toEqual(reference);
    expect(fused).toMatchObject({ ok: true, result: expect.arrayContaining([{ key: 'web1', count: 4 }]) });
  });

  it('fails like the unfused run when --by values of different types cannot be ordered', async () => {
    const { fused, reference } = await both('search | stats count --by extracted_fields__mixed | dedup key | select key count', 1000);
    expect(reference).toMatchObject({ ok: false, error: { code: 'DLV_QUERY_TYPE' } });
    expect(fused).toEqual(reference);
  });

  it('reports truncation like the unfused run', async () => {
    const { fused } = await both('search | stats count --by host | dedup key | select key count', 50);
    expect(fused).toMatchObject({ ok: true, truncated: true });
    expect((fused as { result: Array<{ count: number }> }).result.reduce((s, r) => s + r.count, 0)).toBe(50);
  });

  it('only matches the exact idiom', async () => {
    const q = (await runDbPipeline(db.ctx(), 'search')) as LazyQuery;
    const segs = (stats: Record<string, unknown>, dedup: string[] = ['key'], select: string[] = ['key', 'count']) => [
      { name: 'stats', args: { subcommand: 'count', field: null, distinct: false, by: ['host'], as_field: null, field_name: null, ...stats } },
      { name: 'dedup', args: { fields: dedup, all: false } },
      { name: 'select', args: { fields: select } },
    ];
    expect(matchStatsFusion(q, segs({}))).toBeDefined();
    expect(matchStatsFusion(q, segs({ subcommand: 'avg' }))).toBeUndefined();
    expect(matchStatsFusion(q, segs({ field: 'host' }))).toBeUndefined();
    expect(matchStatsFusion(q, segs({ distinct: true }))).toBeUndefined();
    expect(matchStatsFusion(q, segs({ by: ['extracted_fields__status'] }))).toBeDefined();
    expect(matchStatsFusion(q, segs({ by: ['extracted_fields__0'] }))).toBeUndefined();
    expect(matchStatsFusion(q, segs({ by: ['extracted_fields__a____b'] }))).toBeUndefined(); // an empty key between the __
    expect(matchStatsFusion(q, segs({ by: ['extracted_fields'] }))).toBeUndefined();
    expect(matchStatsFusion(q, segs({ by: ['created'] }))).toBeUndefined();
    expect(matchStatsFusion(q, segs({ field_name: 'host' }, ['key'], ['key', 'host']))).toBeUndefined();
    expect(matchStatsFusion(q, segs({}, ['host']))).toBeUndefined();
    expect(matchStatsFusion(q, segs({}, ['key'], ['key', 'count', 'text']))).toBeUndefined();
    const projected = (await runDbPipeline(db.ctx(), 'search | qs_values host')) as LazyQuery;
    expect(matchStatsFusion(projected, segs({}))).toBeUndefined();
    const annotated = (await runDbPipeline(db.ctx(), 'search | qs_annotate x=Length(text)')) as LazyQuery;
    expect(matchStatsFusion(annotated, segs({}))).toBeUndefined();
  });

  it('leaves templated segments to the normal path', async () => {
    const text = `search | stats count --by host | dedup key | select key {{ 'count' }}`;
    const out = await runPipeline(registry, text, db.ctx());
    expect(out).toMatchObject({ ok: true });
    expect(out).toEqual(await runPipeline(registry, 'search | stats count --by host | dedup key | select key count', db.ctx()));
  });
});
