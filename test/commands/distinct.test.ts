/** distinct F… — reference §6.3: one row {F: [unique non-null values]} (nested paths; objects/arrays → error). */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, unordered, useHarness } from './harness.js';

const h = useHarness();

describe('distinct', () => {
  it('collects unique non-null values per field', async () => {
    const r = await h.ok<Record<string, unknown[]>[]>('search | distinct host extracted_fields__level');
    expect(r).toHaveLength(1);
    expect([...r[0]!['host']!].sort()).toEqual(['app1', 'app2', 'web1', 'web2', 'web3']);
    expect([...r[0]!['extracted_fields__level']!].sort()).toEqual(['error', 'info', 'warn']);
  });
  it('keeps 1 and "1" apart; a field with only nulls is absent', async () => {
    const src = await h.rows([{ a: 1, n: null }, { a: '1' }, { a: 1 }]);
    const r = await h.ok<Record<string, unknown[]>[]>(`${src} | distinct a n`);
    expect(unordered(r[0]!['a']!)).toEqual(unordered([1, '1']));
    expect(r[0]).not.toHaveProperty('n');
  });
  it('empty input', async () => {
    const r = await h.ok('distinct a');
    expect(r === null || (Array.isArray(r) && (r.length === 0 || JSON.stringify(r) === '[{}]'))).toBe(true);
  });
  it('answers -h', async () => { await expectHelp(h, 'distinct'); });
  it('object or array values are a 400; no field is a 400', async () => {
    expectCmdError(await h.fail('search | distinct extracted_fields__tags'), 'DLV_QUERY_TYPE', 'distinct', 1);
    expectCmdError(await h.fail('search | distinct'), 'DLV_QUERY_ARGUMENT', 'distinct', 1);
  });
});
