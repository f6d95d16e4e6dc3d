/** eval NAME=VALUE… — reference §6.3: cast values; `$name` copies (cast) a row value; no arithmetic. */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('eval', () => {
  it('sets cast values on every row: numbers, booleans, null, lists, objects, strings', async () => {
    const src = await h.rows([{ a: 1 }]);
    expect(await h.ok(`${src} | eval n=5 f=1.5 t=True x=None l=[1,2,3] 'd={"k": "v"}' s=hello`)).toEqual([
      { a: 1, n: 5, f: 1.5, t: true, x: null, l: [1, 2, 3], d: { k: 'v' }, s: 'hello' },
    ]);
  });
  it('$name copies the row value; an unknown $name is the raw text cast', async () => {
    const src = await h.rows([{ a: 7, s: '42' }]);
    expect(await h.ok(`${src} | eval b='$a' c='$s' d='$nope'`)).toEqual([{ a: 7, s: '42', b: 7, c: 42, d: '$nope' }]);
  });
  it('does no arithmetic and keeps quoted text', async () => {
    const src = await h.rows([{ a: 1 }]);
    expect(await h.ok(`${src} | eval x=1+1 q='"5"'`)).toEqual([{ a: 1, x: '1+1', q: '5' }]);
  });
  it('applies to every search row', async () => {
    const r = await h.ok<Record<string, unknown>[]>('search index=web | eval tag=seen | select tag');
    expect(r).toEqual(Array(6).fill({ tag: 'seen' }));
  });
  it('empty input gives []', async () => { expect(await h.ok('eval a=1')).toEqual([]); });
  it('answers -h', async () => { await expectHelp(h, 'eval', ['NAME=VALUE']); });
  it('a term without = is a 400', async () => {
    expectCmdError(await h.fail('search | eval nonsense'), 'DLV_QUERY_ARGUMENT', 'eval', 1);
    expectCmdError(await h.fail('search | eval'), 'DLV_QUERY_ARGUMENT', 'eval', 1);
  });
});
