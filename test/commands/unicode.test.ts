/**
 * Unicode in the query language, where Python/Django are Unicode-aware: regex classes (\w \d \s \b) and IGNORECASE
 * (regex/iregex lookups, filter, rex, replace), the case-insensitive lookups (iexact icontains istartswith iendswith,
 * in the database and in memory) and Lower()/Upper(). One real server, its own fixture.
 */
import { describe, expect, it } from 'vitest';
import { createdAt, expectCmdError, useHarness, type FixtureEvent } from './harness.js';

const ev = (i: number, host: string, text: string, ef: Record<string, unknown>): Partial<FixtureEvent> =>
  ({ index: 'web', host, source: 'u.log', sourcetype: 'access', text, extracted_fields: ef, created: createdAt(i) });

const EVENTS = [
  ev(0, 'école1', 'ÉCOLE ouverte', { city: 'Zürich', n: '٣٤', word: 'café' }),
  ev(1, 'ECOLE2', 'ecole fermee', { city: 'ZÜRICH', n: '34' }),
  ev(2, 'web1', 'price\u00a0100 EUR', { city: 'Berlin', n: '²' }),
  ev(3, 'ΟΔΟΣ', 'em\u2003space', { city: 'Αθήνα' }),
  ev(4, 'straße', 'plain ascii', { city: 'ﬁle' }),
];

const h = useHarness({ events: EVENTS });
/** Hosts of the events a pipeline returns, oldest first. */
const hosts = async (q: string): Promise<string[]> =>
  (await h.ok<Record<string, unknown>[]>(`${q} | qs_order_by created | qs_values host`)).map((r) => r['host'] as string);

describe('case-insensitive lookups fold Unicode (database)', () => {
  it('icontains / iexact / istartswith / iendswith on columns', async () => {
    expect(await hosts('search text__icontains=éc')).toEqual(['école1']);
    expect(await hosts('search host__iexact=ÉCOLE1')).toEqual(['école1']);
    expect(await hosts('search host__istartswith=ÉCO')).toEqual(['école1']);
    expect(await hosts('search host__iendswith=οσ')).toEqual(['ΟΔΟΣ']);
    expect(await hosts('search host__icontains=STRAẞE')).toEqual(['straße']);
    expect(await hosts('search !host__icontains=É')).toEqual(['ECOLE2', 'web1', 'ΟΔΟΣ', 'straße']);
  });

  it('on extracted_fields keys, and in qs_filter / qs_exclude', async () => {
    expect(await hosts('search extracted_fields__city__iexact=zürich')).toEqual(['école1', 'ECOLE2']);
    expect(await hosts('search extracted_fields__city__icontains=ΘΉΝ')).toEqual(['ΟΔΟΣ']);
    expect(await h.ok(`search | qs_filter "text__icontains='éCo'" | qs_count`)).toBe(1);
    expect(await h.ok(`search | qs_exclude "extracted_fields__city__istartswith='zü'" | qs_count`)).toBe(3);
  });

  it('ASCII patterns keep the LIKE fast path (ASCII folding; ﬁ is not fi there)', async () => {
    expect(await hosts('search text__icontains=COLE')).toEqual(['école1', 'ECOLE2']);
    expect(await hosts('search host__icontains=ECOLE')).toEqual(['ECOLE2']);
    expect(await hosts('search extracted_fields__city__icontains=FILE')).toEqual([]);
    expect(await hosts('search extracted_fields__city__icontains=ﬁLE')).toEqual(['straße']);
  });
});

describe('Lower() and Upper() are Unicode-aware', () => {
  it('in qs_values, qs_annotate + qs_filter', async () => {
    expect(await h.ok('search host=école1 | qs_values u=Upper(host) l=Lower(text)')).toEqual([{ u: 'ÉCOLE1', l: 'école ouverte' }]);
    expect(await h.ok('search host=ΟΔΟΣ | qs_values l=Lower(host)')).toEqual([{ l: 'οδος' }]);
    expect(await hosts('search | qs_annotate l=Lower(host) | qs_filter l=école1')).toEqual(['école1']);
    expect(await hosts(`search | qs_annotate u=Upper(extracted_fields__city) | qs_filter "u='ZÜRICH'"`)).toEqual(['école1', 'ECOLE2']);
  });
});

describe('regex lookups: \\w \\d \\s \\b and IGNORECASE like Python 3', () => {
  it('search / qs_filter regex and iregex', async () => {
    expect(await hosts(`search 'text__regex=^\\w+ ouverte'`)).toEqual(['école1']);
    expect(await hosts(`search 'text__regex=\\bÉCOLE\\b'`)).toEqual(['école1']);
    expect(await hosts(`search 'extracted_fields__n__regex=^\\d+$'`)).toEqual(['école1', 'ECOLE2']); // ٣٤ yes, ² no
    expect(await hosts(`search 'text__regex=price\\s100'`)).toEqual(['web1']);
    expect(await hosts(`search 'text__regex=em\\sspace'`)).toEqual(['ΟΔΟΣ']);
    expect(await hosts(`search 'text__iregex=^école'`)).toEqual(['école1', 'ECOLE2'].slice(0, 1));
    expect(await hosts(`search 'host__iregex=^οδοσ$'`)).toEqual(['ΟΔΟΣ']);
    expect(await h.ok(`search | qs_filter "host__regex='^\\w+$'" | qs_count`)).toBe(5);
  });

  it('Python-legal escapes that are invalid under the u flag still work; Python errors stay DLV_QUERY_ARGUMENT', async () => {
    expect(await hosts(`search 'text__regex=price\\s100\\ EUR'`)).toEqual(['web1']);
    expect(await hosts(`search 'host__regex=^web\\d{,1}$'`)).toEqual(['web1']);
    expect(await hosts(`search 'host__regex=\\-|\\_|\\,|{'`)).toEqual([]);
    const bad = await h.fail(`search 'text__regex=\\q'`);
    expect(bad.code).toBe('DLV_QUERY_ARGUMENT');
    expect(bad.message).toContain('bad escape \\q');
    expect((await h.fail(`search 'text__regex=[\\w-z]'`)).code).toBe('DLV_QUERY_ARGUMENT');
  });
});

describe('generic commands agree with the database', () => {
  const rows = 'search | qs_order_by created | select host text extracted_fields__city';
  it('filter: case-insensitive lookups and regex', async () => {
    const f = async (term: string): Promise<string[]> =>
      (await h.ok<Record<string, unknown>[]>(`${rows} | filter ${term}`)).map((r) => r['host'] as string);
    expect(await f('text__icontains=éc')).toEqual(['école1']);
    expect(await f('host__iexact=ÉCOLE1')).toEqual(['école1']);
    expect(await f('host__istartswith=ÉCO')).toEqual(['école1']);
    expect(await f('host__iendswith=οσ')).toEqual(['ΟΔΟΣ']);
    expect(await f('extracted_fields__city__iexact=zürich')).toEqual(['école1', 'ECOLE2']);
    expect(await f(`'text__regex=^\\w+ ouverte'`)).toEqual(['école1']);
    expect(await f(`'text__iregex=^école'`)).toEqual(['école1']);
  });

  it('rex and replace use Unicode classes', async () => {
    expect(await h.ok(`search host=école1 | select text | rex '^(?P<first>\\w+)'`)).toEqual([{ text: 'ÉCOLE ouverte', first: 'ÉCOLE' }]);
    expect(await h.ok(`search host=straße | select host | replace -f host '\\w' x`)).toEqual([{ host: 'xxxxxx' }]);
    expect(await h.ok(`search host=web1 | select text | replace -f text '\\s' _`)).toEqual([{ text: 'price_100_EUR' }]);
    expectCmdError(await h.fail(`search | select text | rex '(?P<x>\\q)'`), 'DLV_QUERY_ARGUMENT', 'rex', 2);
  });
});
