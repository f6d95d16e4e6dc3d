/**
 * Counting per group on several threads (parallel-count.ts) returns exactly what one SQLite statement returns. The
 * helpers run the compiled worker from dist/ (built by `./fl` before the tests); without it the file is skipped.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDbPipeline } from '../commands/qs/pipeline-for-tests.js';
import type { EventQueryContext } from './context.js';
import type { EventQuery } from './event-query.js';
import { helperSlicesCounted, helperThreads, setCountWorkerUrl, type ParallelOptions } from './parallel-count.js';
import { decodeRow } from './rows.js';
import { openTestEventDb, type TestEventDb } from './testing.js';

const WORKER = new URL('../../../dist/query/plan/parallel-count-worker.js', import.meta.url);
const compiled = existsSync(fileURLToPath(WORKER));

let db: TestEventDb;
const STATUS: unknown[] = [200, '200', 200.5, -3, 0, true, false, null, { a: 1 }, [1, 2], 'é', '😀', 'Zeta', 'alpha', ''];

beforeAll(async () => {
  if (!compiled) return;
  setCountWorkerUrl(WORKER);
  db = await openTestEventDb();
  await db.insert(Array.from({ length: 3000 }, (_, i) => ({
    text: `e${i} ${i % 7 === 0 ? 'timeout' : 'ok'}`, host: ['web1', 'web2', 'Web1', 'é'][i % 4] as string, index: i % 5 === 0 ? 'app' : i % 11 === 0 ? '_audit' : 'web',
    extracted_fields: i % 13 === 0 ? {} : { status: STATUS[i % STATUS.length], n: i % 4 },
  })));
});
afterAll(async () => { if (compiled) await db.close(); });

function ctxWith(parallel: ParallelOptions | undefined, acl = { all: false, patterns: ['*'] }): EventQueryContext {
  const ctx = db.ctx({ acl, maxRows: 1000 });
  return { ...ctx, events: { ...ctx.events!, ...(parallel ? { parallel } : {}) } };
}

async function compare(text: string, parallel: ParallelOptions, acl?: { all: boolean; patterns: string[] }) {
  const ctx = ctxWith(parallel, acl);
  const q = (await runDbPipeline(ctx, text)) as EventQuery;
  const c = q.compile(1001);
  q.prepare();
  const reference = (db.store.sqlite.prepare(c.sql).raw(true).all(...c.params) as unknown[][]).map((r) => decodeRow(c.columns, r));
  return { rows: await q.resolve(ctx), reference };
}

describe.skipIf(!compiled)('count per group on helper threads', () => {
  const opts = (): ParallelOptions => ({ threads: 3, minRows: 2, path: db.store.sqlite.name, encryptionKey: null });

  for (const text of [
    'search | qs_group_by extracted_fields__status n=Count(id)',
    'search | qs_group_by host extracted_fields__status n=Count(id)',
    'search index=web | qs_group_by extracted_fields__n n=Count(id) | qs_order_by "\'-n\'"',
    'search | qs_group_by extracted_fields__status n=Count(id) | qs_limit 3 --offset 2',
    'search index__in=[web,_audit] | qs_group_by extracted_fields__status n=Count(id)',
  ]) {
    it(text, async () => {
      const before = helperSlicesCounted();
      const r = await compare(text, opts());
      expect(helperSlicesCounted()).toBe(before + 2);
      expect(r.rows).toEqual(r.reference);
      expect(r.rows.length).toBeGreaterThan(0);
      expect(helperThreads()).toBe(2);
      const superuser = await compare(text, opts(), { all: true, patterns: [] });
      expect(superuser.rows).toEqual(superuser.reference);
    });
  }

  it('keeps plans with bare words on the query connection and still answers exactly', async () => {
    const before = helperSlicesCounted();
    const r = await compare('search timeout | qs_group_by extracted_fields__status n=Count(id)', opts());
    expect(r.rows).toEqual(r.reference);
    expect(helperSlicesCounted()).toBe(before);
  });

  it('gives the same groups with one thread and below the size threshold', async () => {
    const text = 'search | qs_group_by extracted_fields__status n=Count(id)';
    const one = await compare(text, { ...opts(), threads: 1 });
    const small = await compare(text, { ...opts(), minRows: 1_000_000 });
    const many = await compare(text, opts());
    expect(one.rows).toEqual(many.rows);
    expect(small.rows).toEqual(many.rows);
  });

  it('answers concurrent queries (helpers busy with one are not shared)', async () => {
    const texts = ['search | qs_group_by extracted_fields__status n=Count(id)', 'search | qs_group_by host n=Count(id) | qs_order_by host', 'search index=app | qs_group_by extracted_fields__n n=Count(id)'];
    const results = await Promise.all(texts.map((t) => compare(t, opts())));
    for (const r of results) expect(r.rows).toEqual(r.reference);
  });

  it('opens an encrypted database with its key in the helpers', async () => {
    const enc = await openTestEventDb({ encryptionKey: 'test-encryption-key-123' });
    try {
      await enc.insert(Array.from({ length: 500 }, (_, i) => ({ text: `x${i}`, extracted_fields: { status: i % 3 } })));
      const base = enc.ctx({ acl: { all: false, patterns: ['*'] } });
      const ctx: EventQueryContext = { ...base, events: { ...base.events!, parallel: { threads: 2, minRows: 2, path: enc.store.sqlite.name, encryptionKey: 'test-encryption-key-123' } } };
      const before = helperSlicesCounted();
      const q = (await runDbPipeline(ctx, 'search | qs_group_by extracted_fields__status n=Count(id)')) as EventQuery;
      const rows = await q.resolve(ctx);
      expect(rows.map((r) => [r['extracted_fields__status'], r['n']])).toEqual([[0, 167], [1, 167], [2, 166]]);
      expect(helperSlicesCounted()).toBe(before + 1);
    } finally {
      await enc.close();
    }
  });

  it('stops with DLV_QUERY_CANCELLED when cancelled', async () => {
    const ac = new AbortController();
    ac.abort();
    const ctx = { ...ctxWith(opts()), signal: ac.signal };
    const q = (await runDbPipeline(ctxWith(opts()), 'search | qs_group_by extracted_fields__status n=Count(id)')) as EventQuery;
    await expect(q.resolve(ctx)).rejects.toMatchObject({ code: 'DLV_QUERY_CANCELLED' });
  });
});
