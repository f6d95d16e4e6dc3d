/** qs_aggregate EXPR… — reference §6.2: one object of aggregates. */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('qs_aggregate', () => {
  it('computes named aggregates', async () => {
    expect(await h.ok('search | qs_aggregate s=Sum(Cast(extracted_fields__bytes,IntegerField))')).toEqual({ s: 700 });
    expect(await h.ok('search index=app | qs_aggregate n=Count(id) mx=Max(extracted_fields__duration) mn=Min(extracted_fields__duration)')).toEqual({ n: 6, mx: 12, mn: 0.25 });
  });
  it('positional aggregates are auto-named', async () => {
    expect(await h.ok('search | qs_aggregate Count(host,distinct=True)')).toEqual({ host__count: 5 });
  });
  it('on an empty query: Count 0, Sum null', async () => {
    expect(await h.ok('search index=nosuch | qs_aggregate n=Count(id) s=Sum(extracted_fields__bytes)')).toEqual({ n: 0, s: null });
  });
  it('answers -h', async () => { await expectHelp(h, 'qs_aggregate'); });
  it('needs an aggregate and a lazy query', async () => {
    expect((await h.fail('search | qs_aggregate x=Upper(host)')).command?.name).toBe('qs_aggregate');
    expectCmdError(await h.fail('search | qs_aggregate'), 'DLV_QUERY_ARGUMENT', 'qs_aggregate', 1);
    expectCmdError(await h.fail('fake_data --list | qs_aggregate n=Count(id)'), 'DLV_QUERY_LAZY_INPUT', 'qs_aggregate', 1);
  });
});
