/** dedup [--all] [F…] — reference §6.3: consecutive duplicates only (whole rows or the given fields). */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('dedup', () => {
  it('removes consecutive duplicates of whole rows only', async () => {
    const src = await h.rows([{ a: 1 }, { a: 1 }, { a: 2 }, { a: 1 }, { a: 1 }]);
    expect(await h.ok(`${src} | dedup`)).toEqual([{ a: 1 }, { a: 2 }, { a: 1 }]);
  });

  it('compares only the given fields and keeps the first row of a run', async () => {
    const src = await h.rows([{ k: 'x', v: 1 }, { k: 'x', v: 2 }, { k: 'y', v: 3 }, { k: 'y', v: 3 }, { k: 'x', v: 4 }]);
    expect(await h.ok(`${src} | dedup k`)).toEqual([{ k: 'x', v: 1 }, { k: 'y', v: 3 }, { k: 'x', v: 4 }]);
    expect(await h.ok(`${src} | dedup k v`)).toEqual([{ k: 'x', v: 1 }, { k: 'x', v: 2 }, { k: 'y', v: 3 }, { k: 'x', v: 4 }]);
  });

  it('--all removes repeats anywhere', async () => {
    const src = await h.rows([{ k: 'x', v: 1 }, { k: 'y', v: 2 }, { k: 'x', v: 3 }]);
    expect(await h.ok(`${src} | dedup --all k`)).toEqual([{ k: 'x', v: 1 }, { k: 'y', v: 2 }]);
  });

  it('on search rows: by host in newest-first order', async () => {
    const r = await h.ok<{ host: string }[]>('search index=web | dedup host | select host');
    expect(r).toEqual([{ host: 'web3' }, { host: 'web2' }, { host: 'web1' }]);
  });

  it('walks a__b paths; a missing field counts as null (rows without it are duplicates of each other)', async () => {
    const src = await h.rows([{ u: { n: 'a' } }, { u: { n: 'a' }, x: 1 }, { x: 2 }, { x: 3 }, { u: { n: 'b' } }]);
    expect(await h.ok(`${src} | dedup u__n`)).toEqual([{ u: { n: 'a' }, x: null }, { u: null, x: 2 }, { u: { n: 'b' }, x: null }]);
  });

  it('distinguishes types and unicode exactly (1 vs "1", é vs e)', async () => {
    const src = await h.rows([{ a: 1 }, { a: '1' }, { a: 'é' }, { a: 'e' }, { a: 'é' }, { a: 'é' }]);
    expect(await h.ok(`${src} | dedup a`)).toEqual([{ a: 1 }, { a: '1' }, { a: 'é' }, { a: 'e' }, { a: 'é' }]);
  });

  it('compares nested values structurally', async () => {
    const src = await h.rows([{ a: { b: [1, 2] } }, { a: { b: [1, 2] } }, { a: { b: [2, 1] } }]);
    expect(await h.ok(`${src} | dedup a`)).toEqual([{ a: { b: [1, 2] } }, { a: { b: [2, 1] } }]);
  });

  it('empty input gives []', async () => {
    expect(await h.ok('dedup')).toEqual([]);
    expect(await h.ok('search index=nosuch | dedup host')).toEqual([]);
  });

  it('answers -h', async () => {
    await expectHelp(h, 'dedup', ['--all']);
  });

  it('refuses unknown options and non-object rows with a 400 naming the command', async () => {
    const q = 'search | dedup --bogus';
    const e = await h.fail(q);
    expectCmdError(e, 'DLV_QUERY_ARGUMENT', 'dedup', 1);
    expect(q.slice(e.span!.start, e.span!.end)).toBe('--bogus');
    expectCmdError(await h.fail('fake_data --list | dedup'), 'DLV_QUERY_TYPE', 'dedup', 1);
  });
});
