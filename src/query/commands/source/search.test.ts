import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDelveError } from '../../../errors.js';
import { runDbPipeline, runDbQuery } from '../qs/pipeline-for-tests.js';
import { EventQuery, explainQuery } from '../../plan/index.js';
import { openTestEventDb, TEST_NOW, type TestEventDb } from '../../plan/testing.js';

let db: TestEventDb;
const NOW_US = TEST_NOW.getTime() * 1000;
const MIN = 60_000_000;

beforeAll(async () => {
  db = await openTestEventDb();
  await db.insert([
    { text: 'GET /index.html 200 ok', host: 'web1', index: 'web', created: NOW_US - 5 * MIN, extracted_fields: { status: 200, ms: 12, tags: ['a', 'b'] } },
    { text: 'GET /login 500 server error', host: 'web2', index: 'web', created: NOW_US - 30 * MIN, extracted_fields: { status: 500, ms: 250, msg: 'Boom' } },
    { text: 'timeout talking to db', host: 'app1', index: 'app', created: NOW_US - 2 * 60 * MIN, extracted_fields: { status: '500', ok: false } },
    { text: 'user login ok', host: 'web1', index: 'web', created: NOW_US - 3 * 24 * 60 * MIN, extracted_fields: { status: 200, ok: true, nested: { k: 'v' } }, user_id: 'u2' },
    { text: 'password changed for admin', host: 'sec', index: '_audit', created: NOW_US - 10 * MIN, extracted_fields: {} },
    { text: 'old event', host: 'web2', index: 'web', created: Date.parse('2024-01-10T08:30:00Z') * 1000, extracted_fields: null },
  ]);
});
afterAll(async () => db.close());

const texts = async (q: string, ctx = db.ctx()) => ((await runDbQuery(ctx, q)) as Array<{ text: string }>).map((r) => r.text);

describe('search results', () => {
  it('returns rows newest first with the reference row shape', async () => {
    const rows = (await runDbQuery(db.ctx(), 'search --limit 1')) as Array<Record<string, unknown>>;
    expect(Object.keys(rows[0] ?? {})).toEqual(['id', 'created', 'index', 'source', 'sourcetype', 'host', 'text', 'extracted_fields', 'user_id']);
    expect(rows[0]).toMatchObject({ created: '2024-06-15T11:55:00.000000Z', extracted_fields: { status: 200, ms: 12, tags: ['a', 'b'] }, text: 'GET /index.html 200 ok' });
    // an event stored without fields (NULL, as older ingest wrote `{}`) reads back as {}, like GET /api/events/ shows it
    expect(await runDbQuery(db.ctx(), 'search --older-than 2024-02-01 | qs_values text extracted_fields')).toEqual([{ text: 'old event', extracted_fields: {} }]);
    expect(await runDbQuery(db.ctx(), 'search --older-than 2024-02-01 | qs_first')).toMatchObject({ extracted_fields: {} });
    expect(await runDbQuery(db.ctx(), 'search index=_audit | qs_values extracted_fields')).toEqual([{ extracted_fields: {} }]);
  });

  it('matches column lookups, negation and time flags', async () => {
    expect(await texts('search host=web1')).toEqual(['GET /index.html 200 ok', 'user login ok']);
    expect(await texts('search index=web !host=web1')).toEqual(['GET /login 500 server error', 'old event']);
    expect(await texts('search --last-hour index=web')).toEqual(['GET /index.html 200 ok', 'GET /login 500 server error']);
    expect(await texts('search --last-week host=web1')).toEqual(['GET /index.html 200 ok', 'user login ok']);
    expect(await texts('search --older-than 2024-02-01')).toEqual(['old event']);
    expect(await texts('search host__startswith=web --newer-than 2024-06-15T11:00:00Z')).toEqual(['GET /index.html 200 ok', 'GET /login 500 server error']);
    expect(await texts('search host__in=web2,app1 --order-by host --order-by=-created')).toEqual(['timeout talking to db', 'GET /login 500 server error', 'old event']);
    expect(await texts('search host__contains=eb_ host__icontains=EB')).toEqual([]);
    expect(await texts('search created__year=2024 created__month=1')).toEqual(['old event']);
    expect(await texts('search created__date=2024-01-10 created__hour=8')).toEqual(['old event']);
  });

  it('compares JSON keys by type', async () => {
    expect(await texts('search extracted_fields__status=500')).toEqual(['GET /login 500 server error']);
    expect(await texts(`search extracted_fields__status='"500"'`)).toEqual(['timeout talking to db']);
    expect(await texts('search extracted_fields__ok=False')).toEqual(['timeout talking to db']);
    expect(await texts('search extracted_fields__ms__gt=100')).toEqual(['GET /login 500 server error']);
    expect(await texts('search extracted_fields__msg__iexact=boom')).toEqual(['GET /login 500 server error']);
    expect(await texts('search extracted_fields__nested__k=v')).toEqual(['user login ok']);
    expect(await texts('search extracted_fields__tags__0=a')).toEqual(['GET /index.html 200 ok']);
    expect(await texts('search extracted_fields__ok__isnull=False')).toEqual(['timeout talking to db', 'user login ok']);
    expect(await texts('search extracted_fields__has_any_keys=msg,nested')).toEqual(['GET /login 500 server error', 'user login ok']);
    expect(await texts('search extracted_fields__has_keys=[status,ok]')).toEqual(['timeout talking to db', 'user login ok']);
    expect(await texts(`search 'extracted_fields__contains={"status":200,"ok":true}'`)).toEqual(['user login ok']);
    expect(await texts(`search 'extracted_fields__tags__contains=["b"]'`)).toEqual(['GET /index.html 200 ok']);
    expect(await texts(`search index=web 'extracted_fields__contained_by={"status":500,"ms":250,"msg":"Boom","x":1}'`)).toEqual(['GET /login 500 server error']);
    expect(await texts('search index=web extracted_fields__isnull=True')).toEqual(['old event']);
    expect(await texts('search !extracted_fields__status=200 index=web')).toEqual(['GET /login 500 server error', 'old event']);
  });

  it('uses user__username through a join and regexes through the registered function', async () => {
    expect(await texts('search user__username=bob')).toEqual(['user login ok']);
    expect(await texts('search "text__regex=^GET\\s/l"')).toEqual(['GET /login 500 server error']);
    expect(await texts('search text__iregex=TIMEOUT')).toEqual(['timeout talking to db']);
    expect(await texts('search "text__regex=(?P<w>ok)$"')).toEqual(['GET /index.html 200 ok', 'user login ok']);
  });

  it('matches bare words with the full-text index, below and above the indexer watermark', async () => {
    expect(await texts('search login')).toEqual(['GET /login 500 server error', 'user login ok']);
    await db.index();
    expect(await texts('search login')).toEqual(['GET /login 500 server error', 'user login ok']);
    expect(await texts('search login !user')).toEqual(['GET /login 500 server error']);
    await db.insert([{ text: 'fresh login event', index: 'web', created: NOW_US - MIN }]);
    expect(await texts('search login ok')).toEqual(['user login ok']);
    expect(await texts('search login --last-15-minutes')).toEqual(['fresh login event']);
    const like = db.ctx();
    if (like.events) like.events.textSearch = 'like';
    expect(await texts('search login --last-15-minutes', like)).toEqual(['fresh login event']);
  });

  it('--latest and --latest-by (terms after the fields are still terms)', async () => {
    expect(await texts('search --latest index=web')).toHaveLength(1);
    const rows = (await runDbQuery(db.ctx(), 'search --latest-by host index=web')) as Array<{ host: string; text: string }>;
    expect(rows.map((r) => [r.host, r.text])).toEqual([['h1', 'fresh login event'], ['web1', 'GET /index.html 200 ok'], ['web2', 'GET /login 500 server error']]);
  });

  it('refuses bad input with DelveErrors', async () => {
    const code = async (q: string) => runDbPipeline(db.ctx(), q).then(() => 'ok', (e: unknown) => (isDelveError(e) ? e.code : `not a DelveError: ${String(e)}`));
    expect(await code('search created=soon')).toBe('DLV_QUERY_LOOKUP');
    expect(await code('search host__bogus=1')).toBe('DLV_QUERY_LOOKUP');
    expect(await code('search nosuch=1')).toBe('DLV_QUERY_UNKNOWN_FIELD');
    expect(await code('search user__password__startswith=$')).toBe('DLV_QUERY_FORBIDDEN_FIELD');
    expect(await code('search user__api_tokens__token_hash=x')).toBe('DLV_QUERY_FORBIDDEN_FIELD');
    expect(await code('search --model events.models.Query')).toBe('DLV_QUERY_MODEL');
    expect(await code('search --limit=-1')).toBe('DLV_QUERY_ARGUMENT');
    expect(await code('search text__regex=(a+)+$')).toBe('DLV_QUERY_LIMIT');
    await expect(runDbPipeline(db.ctx(), 'search', [{ a: 1 }])).rejects.toMatchObject({ code: 'DLV_QUERY_ARGUMENT' });
  });
});

describe('index ACL pushdown', () => {
  const nonSuper = { all: false, patterns: ['*'] };
  it('a non-superuser never sees _audit rows, even when asking for index=_audit', async () => {
    const ctx = db.ctx({ acl: nonSuper });
    expect(await texts('search index=_audit', ctx)).toEqual([]);
    expect(await texts('search password', ctx)).toEqual([]);
    expect(await texts('search --latest-by index', ctx)).not.toContain('password changed for admin');
    expect(await runDbQuery(ctx, 'search | qs_count')).toBe(7 - 1);
    expect(await runDbQuery(ctx, 'search | qs_values index | qs_distinct | qs_order_by index')).toEqual([{ index: 'app' }, { index: 'web' }]);
    expect(await texts('search index=_audit', db.ctx())).toEqual(['password changed for admin']);
    expect(await texts('search index=_audit', db.ctx({ acl: { all: false, patterns: ['web', '_audit'] } }))).toEqual(['password changed for admin']);
  });
  it('internal indexes are left out unless an index term names one (superusers and _-pattern grants alike)', async () => {
    const audit = 'password changed for admin';
    for (const ctx of [db.ctx(), db.ctx({ acl: { all: false, patterns: ['*', '_audit'] } })]) {
      expect(await texts('search', ctx)).not.toContain(audit);
      expect(await texts('search password', ctx)).toEqual([]);
      expect(await texts('search host=sec', ctx)).toEqual([]);
      expect(await texts('search !index=_audit', ctx)).not.toContain(audit);
      expect(await texts('search index__endswith=audit', ctx)).toEqual([]);
      expect(await runDbQuery(ctx, 'search | qs_count')).toBe(7 - 1);
      expect(await runDbQuery(ctx, 'search | qs_filter index=_audit | qs_count')).toBe(0); // name it in the search itself
      for (const t of ['search index=_audit', 'search index__in=[web,_audit] password', 'search index__startswith=_', 'search index__regex=^_a',
        'search --index _audit', 'search password index__iexact=_AUDIT', 'search --latest-by host index__in=_audit,web']) {
        expect(await texts(t, ctx), t).toContain(audit);
      }
    }
    expect((await runDbPipeline(db.ctx(), 'search | qs_sql')) as string).toContain(`substr(e."index", 1, 1) <> '_'`);
    expect((await runDbPipeline(db.ctx(), 'search index=_audit | qs_sql')) as string).not.toContain('substr(');
    // a `*`-only ACL already excludes internal indexes: no second predicate
    expect(((await runDbPipeline(db.ctx({ acl: nonSuper }), 'search | qs_sql')) as string).match(/substr\(/g)).toHaveLength(1);
  });
  it('exact and glob patterns restrict what is visible; no patterns → nothing', async () => {
    expect(await runDbQuery(db.ctx({ acl: { all: false, patterns: ['app'] } }), 'search | qs_values host')).toEqual([{ host: 'app1' }]);
    expect(await runDbQuery(db.ctx({ acl: { all: false, patterns: ['we*'] } }), 'search | qs_count')).toBe(5);
    expect(await runDbQuery(db.ctx({ acl: { all: false, patterns: [] } }), 'search | qs_count')).toBe(0);
  });
});

describe('execution limits', () => {
  it('fetches maxRows + 1 and reports truncation', async () => {
    const ctx = db.ctx({ maxRows: 2 });
    const q = (await runDbPipeline(ctx, 'search')) as EventQuery;
    expect(await q.resolve(ctx)).toHaveLength(2);
    expect(q.truncated).toBe(true);
    const all = (await runDbPipeline(db.ctx(), 'search')) as EventQuery;
    await all.resolve(db.ctx());
    expect(all.truncated).toBe(false);
  });
  it('stops with DLV_QUERY_CANCELLED when the signal is aborted', async () => {
    const ac = new AbortController();
    ac.abort();
    const ctx = db.ctx({ signal: ac.signal });
    await expect(runDbQuery(ctx, 'search')).rejects.toMatchObject({ code: 'DLV_QUERY_CANCELLED' });
  });
});

describe('EXPLAIN QUERY PLAN', () => {
  it('search index=x --last-hour uses the (index, created) index; host=x uses the host index', async () => {
    const ctx = db.ctx();
    const plan1 = await explainQuery((await runDbPipeline(ctx, 'search index=web --last-hour')) as EventQuery, ctx);
    expect(plan1).toMatch(/USING INDEX events_index_created/);
    const plan2 = await explainQuery((await runDbPipeline(ctx, 'search host=web1')) as EventQuery, ctx);
    expect(plan2).toMatch(/USING INDEX events_host/);
    expect(await runDbQuery(ctx, 'search index=web --last-hour | qs_explain')).toMatch(/events_index_created/);
  });
});
