/** qs_values EXPR… — reference §6.2/§4.6: projection keyed by the paths/aliases. */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('qs_values', () => {
  it('projects columns and JSON paths, keyed by the paths', async () => {
    expect(await h.ok('search index=app | qs_order_by created | qs_values host extracted_fields__level | qs_limit 3')).toEqual([
      { host: 'app1', extracted_fields__level: 'info' }, { host: 'app1', extracted_fields__level: 'info' }, { host: 'app2', extracted_fields__level: 'error' },
    ]);
  });
  it('keeps JSON types: numbers, text, objects, arrays, null', async () => {
    expect(await h.ok('search index=web | qs_order_by created | qs_values extracted_fields__status extracted_fields__tags extracted_fields__user')).toEqual([
      { extracted_fields__status: 200, extracted_fields__tags: ['a', 'b'], extracted_fields__user: { name: 'alice', roles: ['admin', 'dev'] } },
      { extracted_fields__status: 200, extracted_fields__tags: ['b'], extracted_fields__user: { name: 'bob', roles: ['dev'] } },
      { extracted_fields__status: 500, extracted_fields__tags: [], extracted_fields__user: { name: 'alice', roles: ['admin', 'dev'] } },
      { extracted_fields__status: 404, extracted_fields__tags: null, extracted_fields__user: null },
      { extracted_fields__status: 200, extracted_fields__tags: ['ü'], extracted_fields__user: null },
      { extracted_fields__status: '503', extracted_fields__tags: null, extracted_fields__user: null },
    ]);
  });
  it('relation paths and computed aliases', async () => {
    expect(await h.ok('search index=app --limit 1 | qs_values user__username up=Upper(host)')).toEqual([{ user__username: 'alice', up: 'APP2' }]);
  });
  it('an annotation after qs_values groups', async () => {
    expect(await h.ok('search | qs_values index | qs_annotate n=Count(id) | qs_order_by index')).toEqual([{ index: 'app', n: 6 }, { index: 'web', n: 6 }]);
  });
  it('answers -h', async () => { await expectHelp(h, 'qs_values'); });
  it('refuses unknown fields, secrets and non-lazy input', async () => {
    expectCmdError(await h.fail('search | qs_values nosuch'), 'DLV_QUERY_UNKNOWN_FIELD', 'qs_values', 1);
    const s = await h.q('search | qs_values user__password');
    expect(s.status).toBe(403);
    expect(s.error.code).toBe('DLV_QUERY_FORBIDDEN_FIELD');
    expectCmdError(await h.fail('fake_data --list | qs_values a'), 'DLV_QUERY_LAZY_INPUT', 'qs_values', 1);
  });
});
