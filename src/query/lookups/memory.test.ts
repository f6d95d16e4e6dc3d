import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DelveError } from '../../errors.js';
import { applyLookup, compileFilterTerm, MEMORY_LOOKUPS, splitLookup } from './memory.js';

const match = (term: string, row: unknown, cast = true): boolean => compileFilterTerm(term, { cast }).test(row);
const err = (term: string, row: unknown): DelveError => {
  try {
    match(term, row);
  } catch (e) {
    if (e instanceof DelveError) return e;
    throw e;
  }
  throw new Error('expected an error');
};

describe('splitLookup', () => {
  it('takes the last segment as the lookup only when it is exactly a lookup name', () => {
    expect(splitLookup('domain')).toEqual({ path: ['domain'], lookup: 'exact' });
    expect(splitLookup('a__domain')).toEqual({ path: ['a', 'domain'], lookup: 'exact' });
    expect(splitLookup('a__in')).toEqual({ path: ['a'], lookup: 'in' });
    expect(splitLookup('in')).toEqual({ path: ['in'], lookup: 'exact' });
    expect(splitLookup('a__b__iendswith')).toEqual({ path: ['a', 'b'], lookup: 'iendswith' });
  });
});

describe('filter terms', () => {
  const row = { host: 'Web1', domain: 'example.org', status: 500, tags: ['a', 'B'], f: { n: 1.5, s: null }, on: true };
  it('exact/eq/ne/iexact with cast values', () => {
    expect(match('status=500', row)).toBe(true);
    expect(match('status="500"', row)).toBe(false); // text is not a number
    expect(match('status=500', row, false)).toBe(false); // --no-cast
    expect(match('domain=example.org', row)).toBe(true); // `domain` is a field, not doma + in
    expect(match('status__eq=500', row)).toBe(true);
    expect(match('status__ne=500', row)).toBe(false);
    expect(match('host__iexact=WEB1', row)).toBe(true);
    expect(match('on=True', row)).toBe(true);
    expect(match('tags=["a","B"]', row)).toBe(true);
  });
  it('contains/icontains on text, lists and objects; in', () => {
    expect(match('host__contains=eb', row)).toBe(true);
    expect(match('host__icontains=WEB', row)).toBe(true);
    expect(match('tags__contains=a', row)).toBe(true);
    expect(match('tags__icontains=b', row)).toBe(true);
    expect(match('f__contains=n', row)).toBe(true);
    expect(match('status__contains=5', { status: '500' })).toBe(true); // number value as text
    expect(match('missing__contains=x', row)).toBe(false);
    expect(match('status__in=[200,500]', row)).toBe(true);
    expect(match('host__in=xWeb1x', row)).toBe(true);
    expect(match('host__in={"Web1": 1}', row)).toBe(true);
  });
  it('ordering, and clear errors across incompatible types', () => {
    expect(match('status__gte=500', row)).toBe(true);
    expect(match('status__gt=500', row)).toBe(false);
    expect(match('f__n__lt=2', row)).toBe(true);
    expect(match('host__lte=Web1', row)).toBe(true);
    const e = err('f__s__gt=1', row);
    expect(e.code).toBe('DLV_QUERY_TYPE');
    expect(e.message).toContain('Cannot order null');
    expect(err('host__gt=1', row).message).toContain('text "Web1" against number 1');
  });
  it('startswith/endswith and their case-insensitive forms all work (the original endswith failed)', () => {
    expect(match('host__startswith=We', row)).toBe(true);
    expect(match('host__istartswith=we', row)).toBe(true);
    expect(match('host__endswith=b1', row)).toBe(true);
    expect(match('host__iendswith=B1', row)).toBe(true);
    expect(match('host__endswith=B1', row)).toBe(false);
    expect(match('status__endswith=00', row)).toBe(true);
    expect(match('nope__endswith=x', row)).toBe(false);
    expect(err('tags__startswith=a', row).code).toBe('DLV_QUERY_TYPE');
  });
  it('case-insensitive lookups and regexes are Unicode-aware (Python str semantics)', () => {
    const u = { city: 'ÉCOLE Zürich', greek: 'ΟΔΟΣ', n: '٣٤', tags: ['Ünï'], o: { Clé: 1 } };
    expect(match('city__icontains=éc', u)).toBe(true);
    expect(match('city__iexact=école zürich', u)).toBe(true);
    expect(match('city__istartswith=éCO', u)).toBe(true);
    expect(match('greek__iendswith=ος', u)).toBe(true);
    expect(match('greek__icontains=σ', u)).toBe(true); // a final Σ folds like any other
    expect(match('tags__icontains=üNÏ', u)).toBe(true);
    expect(match('o__icontains=CLÉ', u)).toBe(true);
    expect(match('city__contains=éc', u)).toBe(false);
    expect(match('city__regex=^\\w+ \\w+$', u)).toBe(true);
    expect(match('n__regex=^\\d+$', u)).toBe(true);
    expect(match('city__iregex=zürich$', u)).toBe(true);
  });
  it('isnull, regex, iregex and negation', () => {
    expect(match('f__s__isnull=True', row)).toBe(true);
    expect(match('nope__isnull=true', row)).toBe(true);
    expect(match('host__isnull=False', row)).toBe(true);
    expect(match('nope__isnull=True', row, false)).toBe(true); // also with --no-cast
    expect(match('host__regex=^W\\d+eb', row)).toBe(false);
    expect(match('host__regex=eb\\d', row)).toBe(true);
    expect(match('host__iregex=^web', row)).toBe(true);
    expect(match('!host=Web1', row)).toBe(false);
    expect(match('!status__gt=600', row)).toBe(true);
  });
  it('keeps = inside values and validates the key', () => {
    expect(match('q=a=b', { q: 'a=b' })).toBe(true);
    expect(() => compileFilterTerm('noequals')).toThrow(/FIELD\[__LOOKUP\]=VALUE/);
    expect(() => compileFilterTerm('a b=1')).toThrow(/Invalid field name/);
    expect(() => compileFilterTerm('__proto__=1')).toThrow(/Invalid field name/);
  });
  it('never reads inherited properties', () => {
    expect(match('constructor__isnull=True', {})).toBe(true);
    expect(match('toString__isnull=True', { a: 1 })).toBe(true);
    expect(match('a__constructor__isnull=True', { a: 'x' })).toBe(true);
  });
});

const row = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'text'), fc.jsonValue({ maxDepth: 2 }));
const termKey = fc
  .tuple(fc.constantFrom('a', 'b', 'c', 'a__b', 'x'), fc.option(fc.constantFrom(...MEMORY_LOOKUPS), { nil: undefined }), fc.boolean())
  .map(([p, l, neg]) => `${neg ? '!' : ''}${p}${l === undefined ? '' : `__${l}`}`);
const value = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.string({ unit: fc.constantFrom(...'aÉéΣσςßẞİ\\w\\d[]('), maxLength: 6 }),
  fc.jsonValue({ maxDepth: 1 }).map((v) => JSON.stringify(v)),
);

describe('filter lookups (properties)', () => {
  it('any term on any row either matches/does not, or throws a DelveError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.tuple(termKey, value).map(([k, v]) => `${k}=${v}`)), row, fc.boolean(), (term, r, cast) => {
        try {
          expect(typeof compileFilterTerm(term, { cast }).test(r)).toBe('boolean');
        } catch (e) {
          expect(e).toBeInstanceOf(DelveError);
        }
      }),
      { numRuns: 400 },
    );
  });
  it('a negated term matches exactly the rows the plain term does not', () => {
    fc.assert(
      fc.property(termKey.map((k) => k.replace(/^!/, '')), value, row, (k, v, r) => {
        let plain: boolean;
        try {
          plain = match(`${k}=${v}`, r);
        } catch {
          return;
        }
        expect(match(`!${k}=${v}`, r)).toBe(!plain);
      }),
      { numRuns: 300 },
    );
  });
  it('exact matches a value equal to the row value, and eq/ne agree with it', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 })), (v) => {
        const r = { a: v };
        expect(applyLookup('exact', v, JSON.parse(JSON.stringify(v)))).toBe(true);
        expect(match(`a=${JSON.stringify(v)}`, r)).toBe(true);
        expect(match(`a__ne=${JSON.stringify(v)}`, r)).toBe(false);
      }),
    );
  });
});
