import { describe, expect, it } from 'vitest';
import { filter } from './filter.js';
import { makeCtx, run, runError } from './test-helpers.js';

const rows = [
  { host: 'web1', status: 200, e: { path: '/a' } },
  { host: 'web2', status: 500, e: { path: '/b' } },
  { host: 'db1', status: '500', e: null },
];

describe('filter', () => {
  it('ANDs terms, casts values, supports paths and negation', async () => {
    expect(await run(filter, rows, 'status=500')).toEqual([rows[1]]);
    expect(await run(filter, rows, 'status=500 --no-cast')).toEqual([rows[2]]);
    expect(await run(filter, rows, 'host__startswith=web !e__path=/a')).toEqual([rows[1]]);
    expect(await run(filter, rows, 'e__path__isnull=True')).toEqual([rows[2]]);
    expect(await run(filter, rows, 'host__endswith=1')).toEqual([rows[0], rows[2]]);
  });
  it('reports bad terms and incompatible orderings with clear codes', async () => {
    expect((await runError(filter, rows, 'status')).code).toBe('DLV_QUERY_ARGUMENT');
    const e = await runError(filter, rows, 'status__gt=300');
    expect(e.code).toBe('DLV_QUERY_TYPE');
    expect(e.message).toContain('text "500" against number 300');
  });
  it('needs a list of rows and stops when cancelled', async () => {
    expect((await runError(filter, 'text', 'a=1')).code).toBe('DLV_QUERY_TYPE');
    const ac = new AbortController();
    ac.abort();
    expect((await runError(filter, rows, 'a=1', makeCtx({ signal: ac.signal }))).code).toBe('DLV_QUERY_CANCELLED');
  });
});
