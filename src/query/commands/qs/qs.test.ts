import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDbPipeline, runDbQuery } from './pipeline-for-tests.js';
import { QS_COMMANDS } from './index.js';
import { openTestEventDb, TEST_NOW, type TestEventDb } from '../../plan/testing.js';

let db: TestEventDb;
const NOW_US = TEST_NOW.getTime() * 1000;
const H = 3_600_000_000;

beforeEach(async () => {
  db = await openTestEventDb();
  await db.insert([
    { text: 'a1', host: 'a', index: 'web', created: NOW_US - 1 * H, extracted_fields: { n: 1, foo: 'x' } },
    { text: 'a2', host: 'a', index: 'web', created: NOW_US - 2 * H, extracted_fields: { n: 2, foo: 'y' } },
    { text: 'b1', host: 'b', index: 'app', created: NOW_US - 26 * H, extracted_fields: { n: 3, foo: 'x' } },
    { text: 'b2', host: 'b', index: 'app', created: NOW_US - 50 * H, extracted_fields: { n: 4 }, user_id: 'u2' },
    { text: 'secret', host: 'c', index: '_audit', created: NOW_US - 3 * H, extracted_fields: { n: 100 } },
  ]);
});
afterEach(async () => db.close());

const run = (q: string, ctx = db.ctx()) => runDbQuery(ctx, q);

describe('qs_* commands', () => {
  it('registers all 28 commands with their permissions', () => {
    expect(QS_COMMANDS).toHaveLength(28);
    expect(QS_COMMANDS.find((c) => c.spec.name === 'qs_update')?.permission).toBe('change_event');
    expect(QS_COMMANDS.find((c) => c.spec.name === 'qs_delete')?.permission).toBe('delete_event');
    expect(QS_COMMANDS.every((c) => c.kind === 'qs')).toBe(true);
  });

  it('filter, exclude, Q objects, annotate, order and reverse', async () => {
    expect(await run('search | qs_filter host=a | qs_values text')).toEqual([{ text: 'a1' }, { text: 'a2' }]);
    // internal indexes (_audit) are left out of a superuser's search unless an index term names one
    expect(await run('search | qs_exclude host=a | qs_values text | qs_reverse')).toEqual([{ text: 'b2' }, { text: 'b1' }]);
    expect(await run('search | qs_filter Q(host=a)||Q(extracted_fields__n__gte=4) | qs_values text')).toEqual([{ text: 'a1' }, { text: 'a2' }, { text: 'b2' }]);
    expect(await run('search index__in=[web,_audit] | qs_filter Q(host=a)||Q(extracted_fields__n__gte=4) | qs_values text')).toEqual([{ text: 'a1' }, { text: 'a2' }, { text: 'secret' }]);
    expect(await run('search index=web | qs_annotate d=F(extracted_fields__n)*10 | qs_order_by "\'-d\'" | qs_values text d')).toEqual([{ text: 'a2', d: 20 }, { text: 'a1', d: 10 }]);
    expect(await run('search index=web | qs_alias l=Upper(host) | qs_filter l=A | qs_count')).toBe(2);
  });

  it('group_by, having, aggregates with distinct and filter', async () => {
    expect(await run('search index__in=web,app | qs_group_by host n=Count(id) s=Sum(extracted_fields__n)')).toEqual([{ host: 'a', n: 2, s: 3 }, { host: 'b', n: 2, s: 7 }]);
    expect(await run('search index__in=web,app | qs_group_by host n=Sum(extracted_fields__n) | qs_having n__gt=5')).toEqual([{ host: 'b', n: 7 }]);
    expect(await run('search index__in=web,app | qs_aggregate Count(extracted_fields__foo,distinct=True) big=Count(id,filter=Q(extracted_fields__n__gte=2)) sd=StdDev(extracted_fields__n)'))
      .toEqual({ extracted_fields__foo__count: 2, big: 3, sd: Math.sqrt(1.25) });
    expect(await run('search index__in=web,app | qs_aggregate foo_sum=Sum(Cast(extracted_fields__n,IntegerField))')).toEqual({ foo_sum: 10 });
    expect(await run('search index=web | qs_values host | qs_annotate c=Count(id)')).toEqual([{ host: 'a', c: 2 }]);
  });

  it('count, exists, first, last, earliest, latest', async () => {
    expect(await run('search index=web | qs_count')).toBe(2);
    expect(await run('search host=zz | qs_exists')).toBe(false);
    expect(await run('search index=web | qs_exists')).toBe(true);
    const first = (await run('search index=web | qs_first')) as Record<string, unknown>;
    expect(first).toMatchObject({ text: 'a1', user: 'u1' });
    expect(first).not.toHaveProperty('user_id');
    expect(await run('search host=zz | qs_first')).toBeNull();
    expect(await run('search | qs_order_by created | qs_first')).toMatchObject({ text: 'b2' });
    expect(await run('search index=app | qs_earliest')).toMatchObject({ text: 'b2' });
    expect(await run('search index=app | qs_latest created')).toMatchObject({ text: 'b1' });
    await expect(run('search host=zz | qs_latest')).rejects.toMatchObject({ code: 'DLV_QUERY_ARGUMENT' });
  });

  it('qs_dates / qs_datetimes return the distinct truncated values (not one row per record)', async () => {
    expect(await run('search | qs_dates created day')).toEqual(['2024-06-13', '2024-06-14', '2024-06-15']);
    expect(await run('search | qs_dates created month DESC')).toEqual(['2024-06-01']);
    expect(await run('search index=web | qs_datetimes created hour')).toEqual(['2024-06-15T10:00:00.000000Z', '2024-06-15T11:00:00.000000Z']);
    await expect(run('search | qs_datetimes created hour --tz Europe/Paris')).rejects.toMatchObject({ code: 'DLV_QUERY_ARGUMENT' });
  });

  it('limit, distinct, only, defer and filters after a slice', async () => {
    expect(await run('search index__in=web,app | qs_limit 2 --offset 1 | qs_values text')).toEqual([{ text: 'a2' }, { text: 'b1' }]);
    expect(await run('search index__in=web,app | qs_limit 2 | qs_filter host=b | qs_values text')).toEqual([]);
    expect(await run('search index__in=web,app | qs_distinct host | qs_values text')).toEqual([{ text: 'a1' }, { text: 'b1' }]);
    expect(await run('search index=web | qs_only host')).toEqual([{ id: expect.any(String), host: 'a' }, { id: expect.any(String), host: 'a' }]);
    const deferred = (await run('search index=web --limit 1 | qs_defer text extracted_fields')) as Array<Record<string, unknown>>;
    expect(Object.keys(deferred[0] ?? {})).toEqual(['id', 'created', 'index', 'source', 'sourcetype', 'host', 'user_id']);
  });

  it('qs_sql inlines parameters for display; qs_explain returns the plan', async () => {
    expect(await run(`search "host=it's" | qs_sql`)).toContain(`e."host" = 'it''s'`);
    expect(await run('search host=a | qs_explain')).toMatch(/events_host/);
  });

  it('needs a lazy query as input', async () => {
    for (const name of ['qs_count', 'qs_filter host=a', 'qs_delete']) {
      await expect(runDbPipeline(db.ctx(), name, [{ a: 1 }])).rejects.toMatchObject({ code: 'DLV_QUERY_LAZY_INPUT' });
    }
  });
});

describe('qs_update / qs_delete honour the write ACL', () => {
  const readAll = { all: false, patterns: ['*'] };
  it('only changes rows the caller may read AND write', async () => {
    const ctx = db.ctx({ acl: readAll, writeAcl: { all: false, patterns: ['web'] } });
    expect(await run('search | qs_update host=zz', ctx)).toBe(2);
    expect(await run('search host=zz | qs_values text', db.ctx())).toEqual([{ text: 'a1' }, { text: 'a2' }]);
    expect(await run('search index=_audit | qs_values host', db.ctx())).toEqual([{ host: 'c' }]);
    await expect(run('search | qs_update index=_audit', ctx)).rejects.toMatchObject({ code: 'DLV_AUTH_FORBIDDEN' });
    await expect(run('search | qs_update user_id=u2', ctx)).rejects.toMatchObject({ code: 'DLV_QUERY_ARGUMENT' });
    expect(await run('search | qs_update source=F(host)', ctx)).toBe(2);
    expect(await run('search source=zz | qs_count', db.ctx())).toBe(2);
  });
  it('updating text keeps the full-text index right; delete removes rows and index entries', async () => {
    await db.index();
    const ctx = db.ctx({ acl: readAll, writeAcl: { all: false, patterns: ['app'] } });
    expect(await run('search b1 | qs_update text=renamed', ctx)).toBe(1);
    expect(await run('search renamed | qs_count', db.ctx())).toBe(1);
    expect(await run('search b1 | qs_count', db.ctx())).toBe(0);
    expect(await run('search | qs_delete', ctx)).toBe(2);
    expect(await run('search | qs_count', db.ctx())).toBe(2);
    expect(await run('search index__startswith=_ | qs_count', db.ctx())).toBe(1);
    expect(await run('search index=_audit | qs_delete', db.ctx({ acl: readAll, writeAcl: { all: true, patterns: [] } }))).toBe(0);
  });
});

describe('join', () => {
  it('left join pushes keys down and merges right rows (right wins); unmatched left rows pass', async () => {
    const input = [{ h: 'a', x: 1 }, { h: 'b', x: 2 }, { h: 'zz', x: 3 }, { h: null }];
    const rows = (await runDbPipeline(db.ctx(), 'join -f h,host index=web', input)) as Array<Record<string, unknown>>;
    expect(rows.map((r) => [r['h'], r['text'] ?? null])).toEqual([['a', 'a1'], ['a', 'a2'], ['b', null], ['zz', null], [null, null]]);
    expect(rows[0]).not.toHaveProperty('host');
  });
  it('typed JSON keys: 3 matches the number 3, not "3"; right join keeps every right row', async () => {
    const rows = (await runDbPipeline(db.ctx(), 'join -f n,extracted_fields__n', [{ n: 3 }, { n: '4' }])) as Array<Record<string, unknown>>;
    expect(rows.map((r) => r['text'] ?? null)).toEqual(['b1', null]);
    const right = (await runDbPipeline(db.ctx(), 'join -f k,host -t right index=app', [{ k: 'b', tag: 'L' }])) as Array<Record<string, unknown>>;
    expect(right.map((r) => [r['text'], r['tag'] ?? null])).toEqual([['b1', 'L'], ['b2', 'L']]);
  });
  it('applies the ACL and refuses unsupported types and empty input', async () => {
    const rows = (await runDbPipeline(db.ctx({ acl: { all: false, patterns: ['*'] } }), 'join -f h,host', [{ h: 'c' }])) as Array<Record<string, unknown>>;
    expect(rows).toEqual([{ h: 'c' }]);
    // a superuser's right side leaves internal indexes out too, unless it names one
    expect(await runDbPipeline(db.ctx(), 'join -f h,host', [{ h: 'c' }])).toEqual([{ h: 'c' }]);
    expect(((await runDbPipeline(db.ctx(), 'join -f h,host index=_audit', [{ h: 'c' }])) as Array<Record<string, unknown>>).map((r) => r['text'])).toEqual(['secret']);
    await expect(runDbPipeline(db.ctx(), 'join -f h,host -t inner', [{ h: 'a' }])).rejects.toMatchObject({ code: 'DLV_QUERY_ARGUMENT' });
    await expect(runDbPipeline(db.ctx(), 'join -f h,host', [])).rejects.toMatchObject({ message: 'No events found to join.' });
  });
});
