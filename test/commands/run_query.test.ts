/** run_query NAME — reference §6.1, DESIGN §6: the caller's own saved queries, depth-limited. */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('run_query', () => {
  it('runs a saved query by name; with input, returns input + results', async () => {
    expect((await h.q('search index=app | qs_count', { name: 'appcount', _save: true })).status).toBe(200);
    expect(await h.ok('run_query appcount')).toBe(6);
    expect((await h.q('fake_data --list-of-dicts | head -n 1', { name: 'one', _save: true })).status).toBe(200);
    expect(await h.ok('fake_data --list-of-dicts | run_query one')).toEqual([
      { foo: 1, bar: 'foo' }, { foo: 2, bar: 'bar' }, { foo: 3, bar: 'foobar' }, { foo: 1, bar: 'foo' },
    ]);
  });
  it('only the caller\'s own queries', async () => {
    expect((await h.q('search | qs_count', { name: 'rootq', _save: true, user: 'root' })).status).toBe(200);
    expect((await h.q('run_query rootq')).status).toBeGreaterThanOrEqual(400);
  });
  it('recursion is stopped by the depth limit', async () => {
    expect((await h.q('run_query loop', { name: 'loop', _save: true })).status).toBeGreaterThanOrEqual(400);
    const r = await h.q('run_query loop');
    expect(r.status).toBeGreaterThanOrEqual(400);
  });
  it('answers -h', async () => { await expectHelp(h, 'run_query', ['NAME']); });
  it('unknown name is a 404, no name a 400', async () => {
    expectCmdError(await h.fail('run_query nosuch', 404), 'DLV_SAVED_NOT_FOUND', 'run_query', 0);
    expectCmdError(await h.fail('run_query'), 'DLV_QUERY_ARGUMENT', 'run_query', 0);
  });
});
