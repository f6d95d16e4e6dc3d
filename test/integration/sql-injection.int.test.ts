/**
 * SQL-injection tests (DESIGN §1.2, Kysely-style): hostile values and field paths in every lookup, time flag and
 * expression function, run against a real SQLite database. The events table must survive with all rows, results
 * must be exactly what the literal values mean, and the only errors allowed are DelveErrors.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDelveError } from '../../src/errors.js';
import { runDbQuery } from '../../src/query/commands/qs/pipeline-for-tests.js';
import { FUNCTION_NAMES } from '../../src/query/expr/index.js';
import { LOOKUPS } from '../../src/query/plan/index.js';
import { openTestEventDb, type TestEventDb } from '../../src/query/plan/testing.js';

const HOSTILE = [
  "'; DROP TABLE events;--",
  '") OR 1=1 --',
  "' OR '1'='1",
  '1; DELETE FROM events',
  "x' UNION SELECT password FROM users --",
  'é ✓ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \u202e',
  'a\u0000b',
  '%',
  '_',
  '*',
  '[',
  '\\',
  '99999999999999999999999999',
  '-9223372036854775809',
  '1e999',
  '$."a"',
  "extracted_fields__a\"]')",
  '{"a": 1}',
  '[1, "x\'); DROP TABLE users;--"]',
  '(1,2)',
];
const EXPECTED_ROWS = 3;

let db: TestEventDb;

beforeAll(async () => {
  db = await openTestEventDb();
  await db.insert([
    { text: "'; DROP TABLE events;--", host: "'; DROP TABLE events;--", extracted_fields: { k: "'; DROP TABLE events;--", n: 1 } },
    { text: 'plain', host: 'web', extracted_fields: { k: 'plain', 'a"]': 'tricky key', n: 2 } },
    { text: 'a\u0000b nul', host: 'a\u0000b', index: '_audit', extracted_fields: { k: 'a\u0000b' } },
  ]);
  await db.index();
});
afterAll(async () => db.close());

/** Run a query as a superuser (or with an ACL); returns rows, or the DelveError code. Anything else fails. */
async function attempt(q: string, acl?: { all: boolean; patterns: string[] }): Promise<unknown> {
  try {
    return await runDbQuery(db.ctx(acl ? { acl } : {}), q);
  } catch (e) {
    if (isDelveError(e)) return { error: e.code };
    throw new Error(`query ${JSON.stringify(q)} threw a non-DelveError: ${String(e)}`);
  }
}

/** Quote a word for the query tokenizer (single quotes; embedded ' closed, escaped, reopened). */
const sq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

async function tablesIntact(): Promise<void> {
  const n = db.store.sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number };
  expect(n.n).toBe(EXPECTED_ROWS);
  const users = db.store.sqlite.prepare('SELECT count(*) AS n FROM users').get() as { n: number };
  expect(users.n).toBe(2);
}

describe('hostile values', () => {
  it('in every lookup on columns and JSON keys: only DelveErrors, tables intact', async () => {
    for (const lookup of [...LOOKUPS]) {
      for (const field of ['host', 'text', 'created', 'user__username', 'extracted_fields', 'extracted_fields__k', 'extracted_fields__n']) {
        for (const v of HOSTILE) {
          const r = await attempt(`search ${sq(`${field}__${lookup}=${v}`)}`);
          expect(Array.isArray(r) || (r as { error?: string }).error?.startsWith('DLV_')).toBe(true);
        }
      }
    }
    await tablesIntact();
  }, 120_000);

  it('returns exactly the rows the literal value means', async () => {
    const hosts = async (q: string) => {
      const r = await attempt(q);
      if (!Array.isArray(r)) throw new Error(`${q} → ${JSON.stringify(r)}`);
      return (r as Array<{ host: string }>).map((row) => row.host);
    };
    expect(await hosts(`search ${sq("host='; DROP TABLE events;--")}`)).toEqual(["'; DROP TABLE events;--"]);
    expect(await hosts(`search ${sq('host=") OR 1=1 --')}`)).toEqual([]);
    expect(await hosts(`search ${sq("host__contains=' OR '1'='1")}`)).toEqual([]);
    expect(await hosts(`search ${sq('extracted_fields__k=\'; DROP TABLE events;--')}`)).toEqual(["'; DROP TABLE events;--"]);
    expect(await hosts(`search host__contains=%`)).toEqual([]);
    expect(await hosts(`search host__icontains=_`)).toEqual([]);
    expect(await hosts(`search host__startswith=*`)).toEqual([]);
    expect(await hosts('search index=_audit "host=a\u0000b"')).toEqual(['a\u0000b']); // internal indexes only when named
    expect(await hosts('search "host=a\u0000"')).toEqual([]);
    expect(await attempt('search "host__contains=a\u0000b"')).toEqual({ error: 'DLV_QUERY_LOOKUP' });
    expect(await hosts('search extracted_fields__n=99999999999999999999999999')).toEqual([]);
    expect(await hosts(`search ${sq('DROP TABLE events')}`)).toEqual(["'; DROP TABLE events;--"]);
    expect(await hosts(`search ${sq('") OR 1 --')}`)).toEqual([]);
    expect(await attempt(`search ${sq('") OR 1=1 --')}`)).toEqual({ error: 'DLV_QUERY_ARGUMENT' });
    await tablesIntact();
  });

  it('in time flags, ordering, limits and join keys', async () => {
    for (const v of HOSTILE) {
      for (const q of [`search --older-than ${sq(v)}`, `search --newer-than=${sq(v)}`, `search --order-by=${sq(v)}`, `search --latest-by ${sq(v)}`,
        `search --limit ${sq(v)}`, `search --index ${sq(v)}`, `search --model ${sq(v)}`, `search | qs_order_by ${sq(v)}`, `search | qs_values ${sq(v)}`,
        `search | qs_distinct ${sq(v)}`, `search | qs_dates ${sq(v)} day`, `search | qs_earliest ${sq(v)}`, `search | qs_select_related ${sq(v)}`]) {
        const r = await attempt(q);
        expect(Array.isArray(r) || r === null || typeof r === 'object', q).toBe(true);
      }
    }
    await tablesIntact();
  });
});

describe('hostile field paths', () => {
  const PATHS = ['host"', 'host;--', "extracted_fields__a\"]')", 'extracted_fields__a"]', 'extracted_fields__$', 'extracted_fields__a b', 'e.host', 'host) OR (1=1',
    'user__password', 'user__password__startswith', 'user__api_tokens__token_hash', 'user__sessions', 'password', 'secrets__ciphertext', 'seq', '__class__', 'host__', 'é'];
  it('are refused before any SQL is built', async () => {
    for (const p of PATHS) {
      for (const q of [`search ${sq(`${p}=x`)}`, `search | qs_filter ${sq(`${p}=x`)}`, `search | qs_values ${sq(p)}`, `search | qs_annotate ${sq(`x=Lower(${p})`)}`, `search | qs_order_by ${sq(p)}`]) {
        const r = (await attempt(q)) as { error?: string };
        expect(r.error ?? `no error: ${JSON.stringify(r).slice(0, 80)}`, q).toMatch(/^DLV_QUERY_(UNKNOWN_FIELD|FORBIDDEN_FIELD|ARGUMENT|EXPRESSION|LOOKUP)$/);
      }
    }
    expect(await attempt('search user__password__startswith=a')).toEqual({ error: 'DLV_QUERY_FORBIDDEN_FIELD' });
    expect(await attempt('search | qs_values user__password')).toEqual({ error: 'DLV_QUERY_FORBIDDEN_FIELD' });
    await tablesIntact();
  });
});

describe('hostile expression arguments', () => {
  it('every function with hostile Value() strings and numbers', async () => {
    const names = FUNCTION_NAMES.filter((n) => n !== 'Q');
    for (const fn of names) {
      for (const v of HOSTILE.slice(0, 8)) {
        const lit = `Value(${JSON.stringify(v)})`;
        for (const args of [`${lit}`, `host,${lit}`, `${lit},${lit},${lit}`, `created,${lit}`, `extracted_fields__n,99999999999999999999`]) {
          const r = await attempt(`search | qs_annotate ${sq(`x=${fn}(${args})`)} | qs_values x`);
          expect(Array.isArray(r) || (r as { error?: string }).error?.startsWith('DLV_'), `${fn}(${args})`).toBe(true);
        }
      }
    }
    expect(await attempt(`search index__in=[main,_audit] | qs_annotate ${sq(`x=Concat(host,Value("'); DROP TABLE events;--"))`)} | qs_values x | qs_order_by x`)).toEqual([
      { x: "'; DROP TABLE events;--'); DROP TABLE events;--" }, { x: "a\u0000b'); DROP TABLE events;--" }, { x: "web'); DROP TABLE events;--" },
    ]);
    expect(await attempt(`search index__in=[main,_audit] | qs_update ${sq(`host="'; DROP TABLE events;--"`)}`, { all: true, patterns: [] })).toBe(EXPECTED_ROWS);
    expect(await attempt(`search index__in=[main,_audit] ${sq("host='; DROP TABLE events;--")} | qs_count`)).toBe(EXPECTED_ROWS);
    await tablesIntact();
  }, 120_000);
});

describe('ACL with hostile input', () => {
  it('a non-superuser never reaches _audit rows, whatever the terms', async () => {
    const acl = { all: false, patterns: ['*'] };
    for (const q of ['search index=_audit', 'search index__startswith=_', 'search Q', `search ${sq("index=_audit') OR ('1'='1")}`, 'search | qs_filter Q(index=_audit)||Q(index=main)',
      'search nul', 'search --latest-by index', 'search | qs_values index | qs_distinct']) {
      const r = await attempt(q, acl);
      expect(JSON.stringify(r), q).not.toContain('_audit');
    }
  });
});

describe('property: arbitrary term strings', () => {
  it('never cause anything but rows or a DelveError, and never change the tables', async () => {
    const word = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.tuple(fc.constantFrom('host', 'text', 'created', 'extracted_fields', 'extracted_fields__k', 'user__username', 'index', 'nope', 'user__password'),
        fc.constantFrom('', '__exact', '__in', '__range', '__regex', '__iregex', '__gte', '__isnull', '__year', '__date__gt', '__has_keys', '__contains', '__contained_by', '__icontains'),
        fc.string({ maxLength: 20 }), fc.boolean())
        .map(([f, l, v, neg]) => `${neg ? '!' : ''}${f}${l}=${v}`),
    );
    await fc.assert(fc.asyncProperty(fc.array(word, { minLength: 1, maxLength: 4 }), async (terms) => {
      const q = `search ${terms.map(sq).join(' ')}`;
      const r = await attempt(q, { all: false, patterns: ['main', 'web*'] });
      return Array.isArray(r) || ((r as { error?: string }).error ?? '').startsWith('DLV_');
    }), { numRuns: 300 });
    await tablesIntact();
  }, 120_000);
});
