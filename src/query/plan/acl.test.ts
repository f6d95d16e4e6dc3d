import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { aclAllows, aclCondition } from './acl.js';
import { sqliteDialect } from './dialect.js';
import { inlineParams } from './inline-sql.js';
import { jsonContains } from './sqlite-functions.js';
import { formatMicros } from './values.js';

const INDEXES = ['web', 'web-prod', 'app', '_audit', '_internal', 'we[b]', 'w?b', ''];

describe('index ACL', () => {
  it('the SQL predicate and aclAllows agree; * never matches internal indexes', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE events (seq INTEGER PRIMARY KEY, "index" TEXT)');
    for (const i of INDEXES) db.prepare('INSERT INTO events ("index") VALUES (?)').run(i);
    const cases: string[][] = [[], ['*'], ['web'], ['web*'], ['*prod'], ['_*'], ['*', '_audit'], ['we[b]'], ['w?b'], ['*b*']];
    for (const patterns of cases) {
      const acl = { all: false, patterns };
      const c = aclCondition(acl, sqliteDialect);
      const got = (db.prepare(`SELECT e."index" AS i FROM events AS e WHERE ${c.sql} ORDER BY seq`).all(...c.params) as Array<{ i: string }>).map((r) => r.i);
      expect(got, patterns.join(',')).toEqual(INDEXES.filter((i) => aclAllows(acl, i)));
    }
    expect(INDEXES.filter((i) => aclAllows({ all: false, patterns: ['*'] }, i))).toEqual(['web', 'web-prod', 'app', 'we[b]', 'w?b', '']);
    expect(INDEXES.filter((i) => aclAllows({ all: false, patterns: ['*', '_audit'] }, i))).toContain('_audit');
    expect(aclCondition({ all: true, patterns: [] }, sqliteDialect).sql).toBe('1 = 1');
    db.close();
  });
});

describe('helpers', () => {
  it('inlineParams quotes strings, keeps ? inside literals, shows control characters', () => {
    expect(inlineParams(`SELECT ? , '?' , "a?" , ?`, ["it's", 5])).toBe(`SELECT 'it''s' , '?' , "a?" , 5`);
    expect(inlineParams('x = ?', ['a\u0000b'])).toBe(`x = 'a' || char(0) || 'b'`);
    expect(inlineParams('x = ?', [null])).toBe('x = NULL');
  });
  it('jsonContains follows PostgreSQL @> semantics', () => {
    expect(jsonContains({ a: 1, b: [1, 2] }, { b: [2] })).toBe(true);
    expect(jsonContains({ a: 1 }, { a: '1' })).toBe(false);
    expect(jsonContains([1, [2, 3]], [[3]])).toBe(true);
    expect(jsonContains({ a: { b: 1 } }, { a: {} })).toBe(true);
  });
  it('formatMicros keeps microseconds', () => {
    expect(formatMicros(1_718_452_800_123_456)).toBe('2024-06-15T12:00:00.123456Z');
    expect(formatMicros(0)).toBe('1970-01-01T00:00:00.000000Z');
  });
});
