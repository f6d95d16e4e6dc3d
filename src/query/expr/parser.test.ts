import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDelveError } from '../../errors.js';
import { sqliteDialect } from '../plan/dialect.js';
import { compileCondition, compileExpr, parseStatement, type ExprScope } from './index.js';

const scope: ExprScope = { dialect: sqliteDialect, annotations: [], nowMicros: 1_700_000_000_000_000 };
const sql = (text: string) => {
  const s = parseStatement(text);
  const e = compileExpr(s.value, scope);
  return { name: s.name, sql: e.frag.sql, params: e.frag.params, type: e.type, aggregate: e.aggregate };
};
const code = (f: () => unknown): string => {
  try { f(); return 'ok'; } catch (e) { return isDelveError(e) ? e.code : `NOT A DELVE ERROR: ${String(e)}`; }
};

describe('expression parser', () => {
  it('parses keyword statements, calls, attributes, precedence and unary operators', () => {
    expect(parseStatement('n=Count(id, distinct=True)')).toMatchObject({ name: 'n', value: { t: 'call', fn: 'Count', kwargs: [{ name: 'distinct', value: { t: 'bool', v: true } }] } });
    expect(parseStatement('a.b.c').value).toEqual({ t: 'name', v: 'a__b__c' });
    expect(sql('x=1+2*3').sql).toBe('(? + (? * ?))');
    expect(sql('x=-2**2').sql).toBe('(-pow(?, ?))');
    expect(sql('x=(1+2)*3').sql).toBe('((? + ?) * ?)');
    expect(parseStatement("x='ho' 'st'").value).toEqual({ t: 'str', v: 'host' }); // implicit concatenation, as Python
  });

  it('compiles functions to SQL with values as parameters', () => {
    expect(sql('Lower(host)').sql).toBe('delve_lower(CAST(e."host" AS TEXT))'); // Unicode-aware, not SQLite's ASCII lower()
    expect(sql("Concat(host, Value('-'), source)")).toMatchObject({ sql: 'concat(e."host", ?, e."source")', params: ['-'] });
    expect(sql('Cast(extracted_fields__n, IntegerField)').sql).toBe(`CAST(e."extracted_fields" ->> '$."n"' AS INTEGER)`);
    expect(sql('KT(extracted_fields.a.b)').sql).toBe(`e."extracted_fields" ->> '$."a"."b"'`);
    expect(sql('Sum(extracted_fields__n, filter=Q(host=a))')).toMatchObject({ sql: `sum(CASE WHEN e."host" = ? THEN e."extracted_fields" ->> '$."n"' END)`, aggregate: true });
    expect(sql('Count(id, distinct=True)').sql).toBe('count(DISTINCT e."id")');
    expect(sql("Count('*')").sql).toBe('count(*)');
    expect(sql('ExtractWeekDay(created)').sql).toContain("strftime('%w'");
    expect(sql('Trunc(created, hour)').type).toBe('datetime_us');
    expect(sql('TruncDate(created)').type).toBe('date');
    expect(sql('Now()').params).toEqual([1_700_000_000_000_000]);
    expect(sql('JSONObject(h=host)')).toMatchObject({ sql: 'json_object(?, e."host")', params: ['h'], type: 'json' });
    expect(sql('Q(host=a)|~Q(host=b)').sql).toBe('(CASE WHEN (e."host" = ? OR NOT coalesce(e."host" = ?, 0)) THEN 1 ELSE 0 END)');
  });

  it('compiles Q combinations to conditions', () => {
    const c = compileCondition(parseStatement('Q(host=a, index=b)&Q(source__startswith=x)').value, scope);
    expect(c.k).toBe('and');
  });

  it('refuses what the language does not have, with DLV_QUERY_EXPRESSION', () => {
    for (const bad of ['a^b', 'a==b', '[1,2]', '{1:2}', '(1,2)', 'a[0]', 'not a', 'lambda: 1', 'Lower(host)(1)', 'f(a=1, 2)', '', '   ', '01', '1a', 'a=', '"unterminated',
      'Eval(host)', '__import__(os)', 'Func(host, function=load_extension)', 'Count(Count(id))', 'Lower(host)|Upper(host)', '~host', 'Cast(host, EvilField)', 'x'.repeat(5000), '('.repeat(200) + '1' + ')'.repeat(200), '-'.repeat(500) + '1']) {
      expect(code(() => sql(bad)), bad.slice(0, 40)).toMatch(/^DLV_QUERY_(EXPRESSION|UNKNOWN_FIELD|LOOKUP)$/);
    }
    expect(code(() => sql('user__password'))).toBe('DLV_QUERY_FORBIDDEN_FIELD');
    expect(code(() => sql('Lower(user__password)'))).toBe('DLV_QUERY_FORBIDDEN_FIELD');
    expect(code(() => compileCondition(parseStatement('Q(user__password__startswith=a)').value, scope))).toBe('DLV_QUERY_FORBIDDEN_FIELD');
  });

  it('never throws anything but a DelveError, whatever the text (property)', () => {
    const alphabet = fc.constantFrom(...'abQFx_(),=+-*/%|&^~.\'" 0123456789[]{}:<>!\\\n\u0000é'.split(''), 'Count(', 'Lower(', 'Q(', 'distinct=True', 'extracted_fields__', 'user__password');
    fc.assert(fc.property(fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('')), (text) => {
      const r = code(() => { const s = parseStatement(text); compileExpr(s.value, scope); });
      return r === 'ok' || r.startsWith('DLV_');
    }), { numRuns: 1500 });
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (text) => {
      const r = code(() => sql(text));
      return r === 'ok' || r.startsWith('DLV_');
    }), { numRuns: 1000 });
  });
});
