import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractCsv, parseCsv } from './csv.js';

const sample = readFileSync(new URL('../../../test/fixtures/extractors/sample.csv', import.meta.url), 'utf8');
const code = (fn: () => unknown): unknown => {
  try {
    fn();
    return undefined;
  } catch (e) {
    return (e as { code?: unknown }).code;
  }
};

describe('parseCsv', () => {
  it('parses quoted commas, doubled quotes and embedded newlines', () => {
    expect(parseCsv(sample)).toEqual([
      ['2024-03-05T10:00:00Z', 'alice', 'login, from VPN', 'ok'],
      ['2024-03-05T10:01:00Z', 'bob', 'said "hi"', 'ok'],
      ['2024-03-05T10:02:00Z', 'carol', 'multi\nline note', 'failed'],
    ]);
  });

  it('handles CRLF/CR line ends, empty fields, blank lines and quoted empty fields', () => {
    expect(parseCsv('a,b\r\nc,d\re,f')).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f']]);
    expect(parseCsv('a,,\n,\n\n""\n')).toEqual([['a', '', ''], ['', ''], ['']]);
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('a,')).toEqual([['a', '']]);
    expect(parseCsv('"a\r\nb",c')).toEqual([['a\r\nb', 'c']]);
  });

  it('is lenient like Python csv about stray quotes', () => {
    expect(parseCsv('ab"c,"x"y')).toEqual([['ab"c', 'xy']]);
  });

  it('reports an unterminated quote with its line', () => {
    expect(code(() => parseCsv('a\n"b,c'))).toBe('DLV_EXTRACT_FAILED');
    expect(() => parseCsv('a\n"b,c')).toThrow(/line 2/);
  });

  it('limits the number of cells', () => {
    expect(code(() => parseCsv('a,b,c', { maxCells: 2 }))).toBe('DLV_EXTRACT_LIMIT');
  });

  it('round-trips any table serialised with proper quoting (property)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', '"', '\n', '\r', 'é', '😀', 'x') });
    const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 6 });
    const quoteAll = (rows: string[][]): string =>
      rows.map((r) => r.map((c) => `"${c.replaceAll('"', '""')}"`).join(',')).join('\r\n');
    const quoteMinimal = (rows: string[][]): string =>
      rows.map((r) => r.map((c) => (/[",\r\n]/.test(c) || (r.length === 1 && c === '') ? `"${c.replaceAll('"', '""')}"` : c)).join(',')).join('\n') + '\n';
    fc.assert(fc.property(table, (rows) => {
      expect(parseCsv(quoteAll(rows))).toEqual(rows);
      expect(parseCsv(quoteMinimal(rows))).toEqual(rows);
    }));
  });
});

describe('csv extractor', () => {
  const records = parseCsv(sample);
  const header = ['ts', 'user', 'note', 'result'];

  it('without a header returns {columns}', () => {
    expect(extractCsv('a,"b,c",d\n')).toEqual({ columns: ['a', 'b,c', 'd'] });
  });

  it('maps header names, puts extra values in _extra and fills missing ones with null', () => {
    expect(extractCsv('2024-03-05T10:02:00Z,carol,"multi\nline note",failed\n', { header })).toEqual({
      ts: '2024-03-05T10:02:00Z', user: 'carol', note: 'multi\nline note', result: 'failed',
    });
    expect(records).toHaveLength(3);
    expect(extractCsv('1,2,3,4,5,6', { header })).toEqual({ ts: '1', user: '2', note: '3', result: '4', _extra: ['5', '6'] });
    expect(extractCsv('1,2', { header })).toEqual({ ts: '1', user: '2', note: null, result: null });
  });

  it('skips unsafe header names', () => {
    const r = extractCsv('1,2,3', { header: ['__proto__', 'ok', 'constructor'] });
    expect(r).toEqual({ ok: '2' });
    expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
  });

  it('gives {} for blank text and fails on more than one record', () => {
    expect(extractCsv('')).toEqual({});
    expect(extractCsv('\n')).toEqual({});
    expect(code(() => extractCsv(sample))).toBe('DLV_EXTRACT_FAILED');
    expect(code(() => extractCsv('"open'))).toBe('DLV_EXTRACT_FAILED');
  });

  it('enforces field and size limits', () => {
    expect(code(() => extractCsv('a,'.repeat(1000) + 'a'))).toBe('DLV_EXTRACT_LIMIT');
    expect(code(() => extractCsv('abc', { maxBytes: 2 }))).toBe('DLV_EXTRACT_LIMIT');
  });
});
