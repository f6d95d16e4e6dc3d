/** sort [-d] [F…] — reference §6.3: stable sort by a field tuple; incomparable values → error; no fields → scalars. */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('sort', () => {
  it('sorts rows by one field, ascending, and -d descending', async () => {
    const src = await h.rows([{ n: 3 }, { n: 1 }, { n: 2 }]);
    expect(await h.ok(`${src} | sort n`)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(await h.ok(`${src} | sort -d n`)).toEqual([{ n: 3 }, { n: 2 }, { n: 1 }]);
  });

  it('sorts by a tuple of fields and is stable', async () => {
    const src = await h.rows([{ a: 'b', b: 2, i: 0 }, { a: 'a', b: 2, i: 1 }, { a: 'b', b: 1, i: 2 }, { a: 'a', b: 2, i: 3 }]);
    expect((await h.ok<{ i: number }[]>(`${src} | sort a b`)).map((r) => r.i)).toEqual([1, 3, 2, 0]);
  });

  it('sorts search rows by host and a JSON path', async () => {
    const r = await h.ok<{ host: string; extracted_fields__bytes: number }[]>('search index=web extracted_fields__bytes__gte=0 | select host extracted_fields__bytes | sort extracted_fields__bytes');
    expect(r.map((x) => x.extracted_fields__bytes)).toEqual([0, 50, 100, 250, 300]);
    const hosts = await h.ok<{ host: string }[]>('search index=app | select host | sort -d host');
    expect(hosts.map((x) => x.host)).toEqual(['app2', 'app2', 'app2', 'app1', 'app1', 'app1']);
  });

  it('orders unicode strings by code point', async () => {
    const src = await h.rows([{ s: 'é' }, { s: 'z' }, { s: 'a' }, { s: 'Z' }]);
    expect((await h.ok<{ s: string }[]>(`${src} | sort s`)).map((r) => r.s)).toEqual(['Z', 'a', 'z', 'é']);
  });

  it('without fields sorts a list of scalars', async () => {
    expect(await h.ok('fake_data --list | sort')).toEqual(['bar', 'baz', 'foo']);
    expect(await h.ok('fake_data --list | sort -d')).toEqual(['foo', 'baz', 'bar']);
  });

  it('incomparable types or null against a value is a 400 type error', async () => {
    const src = await h.rows([{ a: 2 }, { a: 'x' }]);
    const e = await h.fail(`${src} | sort a`);
    expectCmdError(e, 'DLV_QUERY_TYPE', 'sort', 2);
    const withNull = await h.rows([{ a: 2 }, { a: null }]);
    expectCmdError(await h.fail(`${withNull} | sort a`), 'DLV_QUERY_TYPE', 'sort');
  });

  it('empty input gives []', async () => {
    expect(await h.ok('sort x')).toEqual([]);
    expect(await h.ok('fake_data --empty-list | sort')).toEqual([]);
  });

  it('answers -h', async () => {
    await expectHelp(h, 'sort', ['-d']);
  });

  it('refuses an unknown option', async () => {
    expectCmdError(await h.fail('search | sort --up host'), 'DLV_QUERY_ARGUMENT', 'sort', 1);
  });
});
