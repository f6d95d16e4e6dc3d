/** autocast F… — reference §6.3: row[f] = cast(row[f]); a missing field is an error. */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('autocast', () => {
  it('casts text values to numbers, booleans, null, lists; other text stays', async () => {
    const src = await h.rows([{ a: '5', b: '1.5', c: 'True', d: 'None', e: '[1, 2]', f: 'hello', g: 3 }]);
    expect(await h.ok(`${src} | autocast a b c d e f g`)).toEqual([{ a: 5, b: 1.5, c: true, d: null, e: [1, 2], f: 'hello', g: 3 }]);
  });
  it('casts a search column', async () => {
    const src = await h.rows([{ status: '503' }]);
    expect(await h.ok(`${src} | autocast status`)).toEqual([{ status: 503 }]);
    const r = await h.ok('search source=error.log | select extracted_fields__status | autocast extracted_fields__status');
    expect(r).toEqual([{ extracted_fields__status: 503 }]);
  });
  it('empty input gives []', async () => { expect(await h.ok('autocast a')).toEqual([]); });
  it('answers -h', async () => { await expectHelp(h, 'autocast'); });
  it('a missing field or no field is a 400', async () => {
    const src = await h.rows([{ a: '1' }, { b: '2' }]);
    expectCmdError(await h.fail(`${src} | autocast a`), 'DLV_QUERY_FIELD_MISSING', 'autocast', 2);
    expectCmdError(await h.fail('search | autocast'), 'DLV_QUERY_ARGUMENT', 'autocast', 1);
  });
});
