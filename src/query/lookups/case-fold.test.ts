/**
 * Unicode case folding, and the agreement of the in-memory lookups (filter) with the database ones (search/qs_filter:
 * dialect.textMatch evaluated by a real SQLite connection with Delve's SQL functions registered).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { sqliteDialect } from '../plan/dialect.js';
import { cat, param, type SqlValue } from '../plan/sql.js';
import { registerQueryFunctions } from '../plan/sqlite-functions.js';
import { openSqlite } from '../../storage/sqlite/open.js';
import { foldCase, foldsToAscii, isAscii } from './case-fold.js';
import { applyLookup, type MemoryLookup } from './memory.js';

const db = openSqlite({ path: ':memory:' });
registerQueryFunctions(db);
afterAll(() => db.close());

const TEXT_LOOKUPS = ['exact', 'iexact', 'contains', 'icontains', 'startswith', 'istartswith', 'endswith', 'iendswith'] as const;
type TextLookup = (typeof TEXT_LOOKUPS)[number];

/** The database lookup, run by SQLite on a bound value. */
function inDb(lookup: TextLookup, value: SqlValue, needle: string): boolean {
  const ci = lookup.startsWith('i');
  const kind = (ci ? lookup.slice(1) : lookup) as 'exact' | 'contains' | 'startswith' | 'endswith';
  const bound = typeof value === 'number' && Number.isInteger(value) ? BigInt(value) : value; // an INTEGER, not 1.0
  const f = cat('SELECT (', sqliteDialect.textMatch(param(bound), needle, kind, ci), ') AS m');
  return (db.prepare(f.sql).get(...f.params) as { m: number | null }).m === 1;
}

const sqlScalar = (sql: string, ...params: SqlValue[]): unknown => (db.prepare(`SELECT ${sql} AS v`).get(...params) as { v: unknown }).v;

describe('foldCase', () => {
  it('folds Unicode letters, independent of context, idempotently', () => {
    expect(foldCase('ÉCOLE')).toBe('école');
    expect(foldCase('ΟΔΟΣ')).toBe(foldCase('οδος')); // final sigma
    expect(foldCase('Straße')).toBe(foldCase('STRASSE'));
    expect(foldCase('STRAẞE')).toBe(foldCase('straße'));
    expect(foldCase('Web1_%')).toBe('web1_%');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 12 }), (s) => {
        expect(foldCase(foldCase(s))).toBe(foldCase(s));
      }),
    );
  });
  it('lists the characters whose folding is ASCII (where the database fast path differs)', () => {
    const all: string[] = [];
    for (let c = 0x80; c < 0x30000; c++) if (foldsToAscii(String.fromCodePoint(c))) all.push(String.fromCodePoint(c));
    expect(all.join('')).toBe('ßİıŉſǰẖẗẘẙẚẞ\u212aﬀﬁﬂﬃﬄﬅﬆ');
  });
});

describe('case-insensitive lookups: database = memory', () => {
  it('the examples', () => {
    for (const [lookup, value, needle, want] of [
      ['icontains', 'ÉCOLE', 'éc', true],
      ['icontains', 'École', 'COL', true],
      ['iexact', 'Ünïcödé', 'üNÏCÖDÉ', true],
      ['istartswith', 'Éclair', 'éC', true],
      ['iendswith', 'ΟΔΟΣ', 'ος', true],
      ['iendswith', 'ΟΔΟΣ', 'Σ', true],
      ['icontains', 'STRASSE', 'straße', true],
      ['icontains', 'école', 'É_', false], // _ and % are literal
      ['icontains', 'é_x', 'É_', true],
      ['contains', 'ÉCOLE', 'éc', false],
    ] as const) {
      expect([lookup, value, needle, inDb(lookup, value, needle)]).toEqual([lookup, value, needle, want]);
      expect([lookup, value, needle, applyLookup(lookup, value, needle)]).toEqual([lookup, value, needle, want]);
    }
  });

  it('agree on random text (letters of several scripts, LIKE/GLOB metacharacters), numbers and NULL', () => {
    const alphabet = [...'aAbBkKsSiIzZ09 _%\\*?[éÉüÜçÇσΣςǅǄǆωΩжЖ'];
    expect(alphabet.filter(foldsToAscii)).toEqual([]);
    const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 6 }).map((a) => a.join(''));
    const value = fc.oneof(text, fc.integer({ min: -50, max: 50 }), fc.constant(null));
    fc.assert(
      fc.property(fc.constantFrom(...TEXT_LOOKUPS), value, text, (lookup, v, needle) => {
        let mem: boolean;
        try {
          mem = applyLookup(lookup as MemoryLookup, v, needle);
        } catch {
          return; // filter refuses (i)contains on a number (DLV_QUERY_TYPE); the database matches its text
        }
        expect([lookup, v, needle, inDb(lookup, v, needle)]).toEqual([lookup, v, needle, mem]);
      }),
      { numRuns: 3000 },
    );
  });

  it('the documented difference: an ASCII pattern uses LIKE, which does not fold ﬁ, K (Kelvin), ſ, ß', () => {
    expect(applyLookup('icontains', 'ﬁle', 'FILE')).toBe(true);
    expect(inDb('icontains', 'ﬁle', 'FILE')).toBe(false);
    expect(applyLookup('icontains', '5 \u212a', 'k')).toBe(true);
    expect(inDb('icontains', '5 \u212a', 'k')).toBe(false);
    // a non-ASCII pattern takes the Unicode path and agrees again
    expect(inDb('icontains', 'ﬁle', 'ﬁLE')).toBe(true);
    expect(isAscii('ﬁLE')).toBe(false);
  });
});

describe('delve_lower / delve_upper (Lower(), Upper())', () => {
  const lower = (x: SqlValue): unknown => {
    const f = sqliteDialect.changeCase(param(x), 'lower');
    return sqlScalar(f.sql, ...f.params);
  };
  const upper = (x: SqlValue): unknown => {
    const f = sqliteDialect.changeCase(param(x), 'upper');
    return sqlScalar(f.sql, ...f.params);
  };
  it('change the case of every script', () => {
    expect(lower('ÉCOLE Ünï ΣΑΣ')).toBe('école ünï σας');
    expect(upper('école straße')).toBe('ÉCOLE STRASSE');
  });
  it('behave like SQLite lower()/upper() on NULL, numbers and ASCII text', () => {
    expect(lower(null)).toBeNull();
    expect(upper(null)).toBeNull();
    for (const v of [12, -3.5, 'MiXeD 1', '']) {
      expect(lower(v)).toBe(sqlScalar('lower(?)', v));
      expect(upper(v)).toBe(sqlScalar('upper(?)', v));
    }
    expect(sqlScalar(`delve_lower(CAST(100.0 AS TEXT)) = lower(100.0)`)).toBe(1);
    expect(sqlScalar(`typeof(delve_upper(CAST(7 AS TEXT)))`)).toBe('text');
  });
});
