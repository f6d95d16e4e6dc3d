/** explode F [--prefix P] — reference §6.3: object values merged in (prefixed), null removed, others kept and moved last. */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('explode', () => {
  it('merges an object value into the row and removes the field', async () => {
    const src = await h.rows([{ a: 1, o: { x: 1, y: 'é' } }]);
    expect(await h.ok(`${src} | explode o`)).toEqual([{ a: 1, x: 1, y: 'é' }]);
  });

  it('--prefix prefixes the merged keys', async () => {
    const src = await h.rows([{ a: 1, o: { x: 1, y: 2 } }]);
    expect(await h.ok(`${src} | explode o --prefix o_`)).toEqual([{ a: 1, o_x: 1, o_y: 2 }]);
  });

  it('merged keys overwrite existing ones', async () => {
    const src = await h.rows([{ x: 'old', o: { x: 'new' } }]);
    expect(await h.ok(`${src} | explode o`)).toEqual([{ x: 'new' }]);
  });

  it('a null value is removed; a scalar or list value is kept and moved last; an absent field changes nothing', async () => {
    const src = await h.rows([{ o: null, a: 1 }]);
    expect(await h.ok(`${src} | explode o`)).toEqual([{ a: 1 }]);
    const scalar = await h.rows([{ o: 'text', a: 1 }]);
    const r = await h.ok<Record<string, unknown>[]>(`${scalar} | explode o`);
    expect(r).toEqual([{ a: 1, o: 'text' }]);
    expect(Object.keys(r[0]!)).toEqual(['a', 'o']);
    const list = await h.rows([{ o: [1, 2], a: 1 }]);
    expect(await h.ok(`${list} | explode o`)).toEqual([{ a: 1, o: [1, 2] }]);
    const absent = await h.rows([{ a: 1 }]);
    expect(await h.ok(`${absent} | explode o`)).toEqual([{ a: 1 }]);
  });

  it('explodes extracted_fields of search rows (nested objects stay objects)', async () => {
    const r = await h.ok<Record<string, unknown>[]>('search index=app host=app2 | qs_order_by created | head -n 1 | explode extracted_fields');
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ host: 'app2', level: 'error', duration: 12, count: 0, error: { code: 'E42', retry: true } });
    expect(r[0]).not.toHaveProperty('extracted_fields');
  });

  it('rows get the union of keys afterwards (missing → null)', async () => {
    const src = await h.rows([{ o: { x: 1 } }, { o: { y: 2 } }]);
    expect(await h.ok(`${src} | explode o`)).toEqual([{ x: 1, y: null }, { x: null, y: 2 }]);
  });

  it('empty input gives []', async () => {
    expect(await h.ok('explode o')).toEqual([]);
  });

  it('answers -h', async () => {
    await expectHelp(h, 'explode', ['--prefix P']);
  });

  it('needs exactly one field', async () => {
    expectCmdError(await h.fail('search | explode'), 'DLV_QUERY_ARGUMENT', 'explode', 1);
    expectCmdError(await h.fail('search | explode a b'), 'DLV_QUERY_ARGUMENT', 'explode', 1);
  });
});
