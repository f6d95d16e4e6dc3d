/** stats count [F] [--distinct] [--by G…] [--field-name N] — reference §6.4 (⚠BUG fixed: F is honoured). */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();
const ROWS = [{ h: 'b', v: 1 }, { h: 'a', v: 1 }, { h: 'b', v: 1 }, { h: 'a', v: null }, { h: 'a', v: 2 }];

describe('stats count', () => {
  let src = '';
  it('setup', async () => { src = await h.rows(ROWS); });

  it('without --by: a bare integer row count', async () => {
    expect(await h.ok(`${src} | stats count`)).toBe(5);
    expect(await h.ok('search index=web | stats count')).toBe(6);
  });

  it('F counts non-null values of F; --distinct counts distinct rows or distinct F values', async () => {
    expect(await h.ok(`${src} | stats count v`)).toBe(4);
    expect(await h.ok(`${src} | stats count --distinct`)).toBe(4);
    expect(await h.ok(`${src} | stats count v --distinct`)).toBe(2);
  });

  it('--by: every row gets key and count of its group; rows sorted by key', async () => {
    expect(await h.ok(`${src} | stats count --by h`)).toEqual([
      { h: 'a', v: 1, key: 'a', count: 3 }, { h: 'a', v: null, key: 'a', count: 3 }, { h: 'a', v: 2, key: 'a', count: 3 },
      { h: 'b', v: 1, key: 'b', count: 2 }, { h: 'b', v: 1, key: 'b', count: 2 },
    ]);
  });

  it('--by several fields gives an array key; --field-name renames the count', async () => {
    const r = await h.ok<Record<string, unknown>[]>(`${src} | stats count --by h v --field-name n | select key n`);
    expect(r[0]).toEqual({ key: ['a', 1], n: 1 });
    expect(r.map((x) => x['n'])).toEqual([1, 1, 1, 2, 2]);
  });

  it('existing keys win over key/count', async () => {
    const clash = await h.rows([{ key: 'mine', count: 'mine', g: 1 }]);
    expect(await h.ok(`${clash} | stats count --by g`)).toEqual([{ key: 'mine', count: 'mine', g: 1 }]);
  });

  it('--by over a JSON path of search rows', async () => {
    const r = await h.ok<Record<string, unknown>[]>('search index=web !source=error.log | stats count --by extracted_fields__status | dedup key | select key count');
    expect(r).toEqual([{ key: 200, count: 3 }, { key: 404, count: 1 }, { key: 500, count: 1 }]);
    // 503 is stored as text in one event: groups of number and text keys cannot be ordered (as in the reference)
    expectCmdError(await h.fail('search index=web | stats count --by extracted_fields__status'), 'DLV_QUERY_TYPE', 'stats', 1);
  });

  it('empty input: 0', async () => {
    expect(await h.ok('stats count')).toBe(0);
    expect(await h.ok('stats count --by h')).toEqual([]);
  });

  it('answers -h', async () => {
    await expectHelp(h, 'stats count', ['--distinct', '--field-name N']);
  });

  it('bad options are 400s naming stats', async () => {
    expectCmdError(await h.fail('search | stats count --as-field x'), 'DLV_QUERY_ARGUMENT', 'stats', 1);
    expectCmdError(await h.fail('search | stats count --by'), 'DLV_QUERY_ARGUMENT', 'stats', 1);
  });
});
