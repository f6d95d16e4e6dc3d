/** value_list F — reference §6.3: array of row[F] ("" when absent). */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('value_list', () => {
  it('lists the values in row order; absent → ""', async () => {
    const src = await h.rows([{ a: 1 }, { b: 2 }, { a: 'é' }, { a: null }]);
    expect(await h.ok(`${src} | value_list a`)).toEqual([1, '', 'é', null]);
  });
  it('lists hosts of search rows and walks paths', async () => {
    expect(await h.ok('search index=app | qs_order_by created | value_list host')).toEqual(['app1', 'app1', 'app2', 'app2', 'app1', 'app2']);
    expect(await h.ok('search host=app2 | qs_order_by created | value_list extracted_fields__error__code')).toEqual(['E42', '', '']);
  });
  it('empty input gives []', async () => { expect(await h.ok('value_list a')).toEqual([]); });
  it('answers -h', async () => { await expectHelp(h, 'value_list'); });
  it('exactly one field', async () => { expectCmdError(await h.fail('search | value_list'), 'DLV_QUERY_ARGUMENT', 'value_list', 1); });
});
