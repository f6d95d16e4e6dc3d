/** qs_annotate EXPR… — reference §6.2/§5.3: computed columns. */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('qs_annotate', () => {
  it('adds computed columns to full rows', async () => {
    const r = await h.ok<Record<string, unknown>[]>('search index=app --limit 1 | qs_annotate up=Upper(host) n=Length(text)');
    expect(r[0]).toMatchObject({ host: 'app2', up: 'APP2', n: 'job failed | pipe'.length });
  });
  it('string, math and JSON functions', async () => {
    expect(await h.ok(`search index=app --limit 1 | qs_annotate "c=Concat(host,Value('-'),source)" "l=Lower(Value('AB'))" | qs_values c l`)).toEqual([{ c: 'app2-worker.log', l: 'ab' }]);
    expect(await h.ok('search host=app2 | qs_annotate d=Coalesce(extracted_fields__duration,0)*2 | qs_values d | qs_order_by d')).toEqual([{ d: 0 }, { d: 4 }, { d: 24 }]);
  });
  it('aggregates in annotate after qs_values group', async () => {
    expect(await h.ok('search | qs_values index | qs_annotate n=Count(id) | qs_order_by index')).toEqual([{ index: 'app', n: 6 }, { index: 'web', n: 6 }]);
  });
  it('answers -h', async () => { await expectHelp(h, 'qs_annotate'); });
  it('unsupported syntax and unknown functions are refused', async () => {
    const e = await h.fail('search | qs_annotate x=[1,2]');
    expect(e.command?.name).toBe('qs_annotate');
    expect((await h.fail('search | qs_annotate x=__import__(os)')).command?.name).toBe('qs_annotate');
    expectCmdError(await h.fail('fake_data --list | qs_annotate x=Upper(a)'), 'DLV_QUERY_LAZY_INPUT', 'qs_annotate', 1);
  });
});
