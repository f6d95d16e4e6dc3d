/** select F… — reference §6.3: keep these keys in the given order; lazy query → DB projection; list → __ paths. */
import { describe, expect, it } from 'vitest';
import { EVENTS, expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('select', () => {
  it('projects search rows to columns and JSON paths (keys = the paths, in the given order)', async () => {
    const r = await h.ok<Record<string, unknown>[]>('search index=web | qs_order_by created | select extracted_fields__status host');
    expect(r).toEqual(EVENTS.filter((e) => e.index === 'web').map((e) => ({ extracted_fields__status: e.extracted_fields['status'] ?? null, host: e.host })));
    expect(Object.keys(r[0]!)).toEqual(['extracted_fields__status', 'host']);
  });

  it('reaches nested JSON keys and array elements on a lazy query', async () => {
    const r = await h.ok<Record<string, unknown>[]>('search index=web host=web1 | qs_order_by created | select extracted_fields__user__name extracted_fields__user__roles__0 extracted_fields__tags');
    expect(r).toEqual([
      { extracted_fields__user__name: 'alice', extracted_fields__user__roles__0: 'admin', extracted_fields__tags: ['a', 'b'] },
      { extracted_fields__user__name: 'bob', extracted_fields__user__roles__0: 'dev', extracted_fields__tags: ['b'] },
    ]);
  });

  it('walks __ paths in a list of rows; missing keys become null', async () => {
    const src = await h.rows([{ a: { b: 1 }, c: 2, d: 3 }, { c: 4 }]);
    expect(await h.ok(`${src} | select c a__b zz`)).toEqual([{ c: 2, a__b: 1, zz: null }, { c: 4, a__b: null, zz: null }]);
  });

  it('relation paths: user__username', async () => {
    const r = await h.ok<Record<string, unknown>[]>('search index=app | head -n 1 | select host');
    expect(r).toEqual([{ host: 'app2' }]);
    const u = await h.ok<Record<string, unknown>[]>('search index=app --limit 1 | select user__username');
    expect(u).toEqual([{ user__username: 'alice' }]);
  });

  it('keeps unicode values intact', async () => {
    const r = await h.ok('search host=web3 extracted_fields__status=200 | select extracted_fields__path');
    expect(r).toEqual([{ extracted_fields__path: '/café' }]);
  });

  it('empty input gives []; a scalar input is a 400 type error (the reference silently returned [])', async () => {
    expect(await h.ok('select a')).toEqual([]);
    expect(await h.ok('fake_data --empty-list | select a')).toEqual([]);
    expectCmdError(await h.fail('fake_data --integer | select a'), 'DLV_QUERY_TYPE', 'select', 1);
  });

  it('answers -h', async () => {
    await expectHelp(h, 'select', ['F']);
  });

  it('needs at least one field', async () => {
    expectCmdError(await h.fail('search | select'), 'DLV_QUERY_ARGUMENT', 'select', 1);
  });

  it('refuses paths into secrets (password hashes) on a lazy query', async () => {
    const e = await h.fail('search | select user__password', 403);
    expectCmdError(e, 'DLV_QUERY_FORBIDDEN_FIELD', 'select', 1);
    expect(e.field).toBe('user__password');
  });
});
