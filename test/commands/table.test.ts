/** table [-f F…] — reference §6.5: DataTables config; cells are JSON text (strings HTML-escaped then quoted). */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();
const LAYOUT = {
  autowidth: true, colReorder: true, order: [], columnDefs: [{ targets: '_all', className: 'dt-body-left' }],
  layout: { topEnd: null, topStart: { buttons: ['colvis', 'print', 'copy', 'csv', 'excel'] }, top: ['pageLength', 'info', 'paging', 'search'], bottom: ['paging'], bottomStart: null, bottomEnd: null },
};

describe('table', () => {
  it('columns from the first row; cells are JSON text with Python-style spacing', async () => {
    const src = await h.rows([{ a: 1, b: 'abc', c: { k: [1, 2] }, d: null, e: true }]);
    expect(await h.ok(`${src} | table`)).toEqual({
      visualization: 'table', columns: [{ title: 'a' }, { title: 'b' }, { title: 'c' }, { title: 'd' }, { title: 'e' }],
      data: [['1', '"abc"', '{"k": [1, 2]}', 'null', 'true']], ...LAYOUT,
    });
  });

  it('-f picks and orders the columns; missing values are null', async () => {
    const src = await h.rows([{ a: 1, b: 2 }, { a: 3 }]);
    const r = await h.ok<{ columns: unknown; data: unknown }>(`${src} | table -f b a`);
    expect(r.columns).toEqual([{ title: 'b' }, { title: 'a' }]);
    expect(r.data).toEqual([['2', '1'], ['null', '3']]);
  });

  it('HTML in values stays plain JSON text (deliberate divergence: the UI renders cells as text, not HTML)', async () => {
    const src = await h.rows([{ x: '<b>"hi" & \'bye\'</b>' }]);
    const r = await h.ok<{ data: string[][] }>(`${src} | table`);
    expect(r.data[0]![0]).toBe(JSON.stringify('<b>"hi" & \'bye\'</b>'));
  });

  it('keeps unicode and renders search rows', async () => {
    const r = await h.ok<{ columns: { title: string }[]; data: string[][] }>('search host=web3 extracted_fields__status=200 | select host extracted_fields__path | table');
    expect(r.columns).toEqual([{ title: 'host' }, { title: 'extracted_fields__path' }]);
    expect(r.data).toEqual([['"web3"', '"/café"']]);
  });

  it('empty input with -f gives no data rows; without -f it is a 400', async () => {
    const r = await h.ok<{ data: unknown[] }>('table -f a');
    expect(r.data).toEqual([]);
    expectCmdError(await h.fail('table'), 'DLV_QUERY_ARGUMENT', 'table', 0);
  });

  it('answers -h', async () => {
    await expectHelp(h, 'table', ['-f F [F ...]']);
  });

  it('an unknown option is a 400', async () => {
    expectCmdError(await h.fail('search | table --cols a'), 'DLV_QUERY_ARGUMENT', 'table', 1);
  });
});
