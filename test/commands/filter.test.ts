/** filter TERM… [--no-cast] — reference §5.2 in-memory lookups (⚠BUGs fixed: endswith works, `domain` is a field). */
import { describe, expect, it } from 'vitest';
import { EVENTS, expectCmdError, expectHelp, spanText, useHarness } from './harness.js';

const h = useHarness();
const ROWS = [
  { n: 1, s: 'Alpha', t: ['a', 'b'], o: { k: 1 }, domain: 'x.org' },
  { n: 2, s: 'beta', t: [], o: { k: 2 }, domain: 'y.net' },
  { n: 3, s: 'gamma é', t: ['c'], o: null },
  { n: '3', s: null },
];
const pick = (rows: Record<string, unknown>[]) => rows.map((r) => r['n']);

describe('filter', () => {
  let src = '';
  it('setup rows', async () => { src = await h.rows(ROWS); });

  it('exact (default), ne, and negation with !', async () => {
    expect(pick(await h.ok(`${src} | filter n=3`))).toEqual([3]);
    expect(pick(await h.ok(`${src} | filter n__exact=3`))).toEqual([3]);
    expect(pick(await h.ok(`${src} | filter n__eq=3`))).toEqual([3]);
    expect(pick(await h.ok(`${src} | filter n__ne=3`))).toEqual([1, 2, '3']);
    expect(pick(await h.ok(`${src} | filter !n=3`))).toEqual([1, 2, '3']);
  });

  it('values are cast (3 ≠ "3") unless --no-cast; quoted values are text', async () => {
    expect(pick(await h.ok(`${src} | filter n='"3"'`))).toEqual(['3']);
    expect(pick(await h.ok(`${src} | filter --no-cast n=3`))).toEqual(['3']);
  });

  it('comparisons gt/gte/lt/lte on numbers; mixing types is a 400', async () => {
    const nums = await h.rows([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(pick(await h.ok(`${nums} | filter n__gt=1`))).toEqual([2, 3]);
    expect(pick(await h.ok(`${nums} | filter n__gte=2 n__lt=3`))).toEqual([2]);
    expect(pick(await h.ok(`${nums} | filter n__lte=1`))).toEqual([1]);
    expectCmdError(await h.fail(`${src} | filter n__gt=1`), 'DLV_QUERY_TYPE', 'filter', 2);
  });

  it('text lookups: contains/icontains/startswith/istartswith/endswith/iendswith/iexact', async () => {
    expect(pick(await h.ok(`${src} | filter s__contains=et`))).toEqual([2]);
    expect(pick(await h.ok(`${src} | filter s__icontains=ALP`))).toEqual([1]);
    expect(pick(await h.ok(`${src} | filter s__startswith=g`))).toEqual([3]);
    expect(pick(await h.ok(`${src} | filter s__istartswith=a`))).toEqual([1]);
    expect(pick(await h.ok(`${src} | filter s__endswith=é`))).toEqual([3]);
    expect(pick(await h.ok(`${src} | filter s__iendswith=PHA`))).toEqual([1]);
    expect(pick(await h.ok(`${src} | filter s__iexact=ALPHA`))).toEqual([1]);
  });

  it('contains on lists (element) and objects (key); in (lhs ∈ rhs)', async () => {
    expect(pick(await h.ok(`${src} | filter t__contains=c`))).toEqual([3]);
    expect(pick(await h.ok(`${src} | filter o__contains=k`))).toEqual([1, 2]);
    expect(pick(await h.ok(`${src} | filter n__in=[1,2]`))).toEqual([1, 2]);
    expect(pick(await h.ok(`${src} | filter s__in=Alphabet`))).toEqual([1]);
  });

  it('nested paths with __, and a field whose name ends like a lookup (domain) is a field', async () => {
    expect(pick(await h.ok(`${src} | filter o__k=2`))).toEqual([2]);
    expect(pick(await h.ok(`${src} | filter domain=x.org`))).toEqual([1]);
  });

  it('isnull: True → null or missing; anything else → not null', async () => {
    expect(pick(await h.ok(`${src} | filter s__isnull=True`))).toEqual(['3']);
    expect(pick(await h.ok(`${src} | filter o__isnull=True`))).toEqual([3, '3']);
    expect(pick(await h.ok(`${src} | filter s__isnull=False`))).toEqual([1, 2, 3]);
  });

  it('regex/iregex search anywhere (Python syntax)', async () => {
    expect(pick(await h.ok(`${src} | filter s__regex=ph`))).toEqual([1]);
    expect(pick(await h.ok(`${src} | filter 's__iregex=^(alpha|beta)$'`))).toEqual([1, 2]);
    expect(pick(await h.ok(`${src} | filter 's__regex=[a-z]+\\s\\S'`))).toEqual([3]);
  });

  it('several terms are ANDed; works on search rows with JSON paths', async () => {
    const r = await h.ok<{ host: string }[]>('search index=web | filter extracted_fields__status=200 extracted_fields__bytes__gt=100 | select host');
    expect(r.map((x) => x.host).sort()).toEqual(['web1', 'web3']);
    const rows = await h.ok<unknown[]>('search | filter extracted_fields__user__name=alice');
    expect(rows).toHaveLength(EVENTS.filter((e) => (e.extracted_fields['user'] as { name?: string } | null)?.name === 'alice').length);
  });

  it('the value is everything after the first = (may contain =)', async () => {
    const eq = await h.rows([{ q: 'a=b' }, { q: 'a' }]);
    expect(await h.ok(`${eq} | filter q=a=b`)).toEqual([{ q: 'a=b' }]);
  });

  it('empty input gives []', async () => {
    expect(await h.ok('filter a=1')).toEqual([]);
  });

  it('answers -h (listing the lookups)', async () => {
    await expectHelp(h, 'filter', ['--no-cast', 'endswith']);
  });

  it('a term without = or with a bad field name is a 400; a bad regex too', async () => {
    const q = `search | filter nonsense`;
    expectCmdError(await h.fail(q), 'DLV_QUERY_ARGUMENT', 'filter', 1);
    expectCmdError(await h.fail('search | filter a-b=1'), 'DLV_QUERY_ARGUMENT', 'filter', 1);
    const bad = await h.fail(`${src} | filter 's__regex=(x'`);
    expect(bad.command?.name).toBe('filter');
    expect(spanText(`${src} | filter 's__regex=(x'`, bad)).toContain('filter');
    expectCmdError(await h.fail('search | filter'), 'DLV_QUERY_ARGUMENT', 'filter', 1);
  });
});
