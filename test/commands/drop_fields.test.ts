/** drop_fields F… — reference §6.3: remove keys if present. */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('drop_fields', () => {
  it('removes the given keys, ignores absent ones', async () => {
    const src = await h.rows([{ a: 1, b: 2, c: 3 }, { a: 4 }]);
    expect(await h.ok(`${src} | drop_fields b zz`)).toEqual([{ a: 1, c: 3 }, { a: 4, c: null }]);
  });
  it('drops columns of search rows', async () => {
    const r = await h.ok<Record<string, unknown>[]>('search index=app --limit 1 | drop_fields id created user_id extracted_fields');
    expect(r).toEqual([{ index: 'app', source: 'worker.log', sourcetype: 'applog', host: 'app2', text: 'job failed | pipe' }]);
  });
  it('empty input gives []', async () => { expect(await h.ok('drop_fields a')).toEqual([]); });
  it('answers -h', async () => { await expectHelp(h, 'drop_fields'); });
  it('needs a field', async () => { expectCmdError(await h.fail('search | drop_fields'), 'DLV_QUERY_ARGUMENT', 'drop_fields', 1); });
});
