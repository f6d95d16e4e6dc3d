/** The context editors' JSON validation: the same verdict as JSON.parse, and a precise error position. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkJson, errorExcerpt, lineColumn } from '../../web/src/features/library/json-check.js';

const bad = (text: string, o = {}) => {
  const r = checkJson(text, o);
  if (r.ok) throw new Error(`accepted ${JSON.stringify(text)}`);
  return r;
};

describe('checkJson', () => {
  it('accepts valid JSON and returns the value', () => {
    expect(checkJson('{"a": [1, 2.5e3, -0, true, null, "x\\u00e9\\n"]}')).toEqual({ ok: true, value: { a: [1, 2500, -0, true, null, 'xé\n'] } });
    expect(checkJson(' \n\t{}\r\n')).toEqual({ ok: true, value: {} });
    expect(checkJson('"s"')).toEqual({ ok: true, value: 's' });
  });

  it('reports the position of the first error with a helpful message', () => {
    expect(bad('{"a": 1,}')).toMatchObject({ offset: 7, line: 1, column: 8, message: expect.stringContaining('Trailing comma') });
    expect(bad('{\n  "a": 1\n  "b": 2\n}')).toMatchObject({ offset: 13, line: 3, column: 3, message: expect.stringContaining('"," or "}"') });
    expect(bad("{'a': 1}")).toMatchObject({ offset: 1, message: expect.stringContaining('double quotes') });
    expect(bad('{a: 1}')).toMatchObject({ offset: 1, message: expect.stringContaining('Property names must be in double quotes') });
    expect(bad('{"a": hello}')).toMatchObject({ offset: 6, message: expect.stringContaining('"hello"') });
    expect(bad('{"a": "x')).toMatchObject({ offset: 6, message: expect.stringContaining('Unterminated string') });
    expect(bad('{"a": "x\ny"}')).toMatchObject({ offset: 8, line: 1, column: 9, message: expect.stringContaining('\\n') });
    expect(bad('{"a": "\\x"}')).toMatchObject({ offset: 7, message: expect.stringContaining('Invalid escape \\x') });
    expect(bad('{"a": "\\u12g4"}')).toMatchObject({ offset: 7, message: expect.stringContaining('four hex digits') });
    expect(bad('[01]')).toMatchObject({ offset: 1, message: expect.stringContaining('leading zeros') });
    expect(bad('[1.]')).toMatchObject({ offset: 3, message: expect.stringContaining('decimal point') });
    expect(bad('[1e+]')).toMatchObject({ offset: 4, message: expect.stringContaining('exponent') });
    expect(bad('[-]')).toMatchObject({ offset: 2 });
    expect(bad('{} x')).toMatchObject({ offset: 3, message: expect.stringContaining('after the end') });
    expect(bad('{"a": 1 // c\n}')).toMatchObject({ offset: 8, message: expect.stringContaining('Comments') });
    expect(bad('{"a": [1, 2')).toMatchObject({ offset: 11, message: expect.stringContaining('end of input') });
    expect(bad('   ')).toMatchObject({ message: expect.stringContaining('Empty') });
    expect(bad('[[[[1]]]]', { maxDepth: 3 })).toMatchObject({ message: expect.stringContaining('Nested') });
  });

  it('requires an object when asked (contexts are mappings)', () => {
    expect(checkJson('{"host": "web1"}', { requireObject: true })).toEqual({ ok: true, value: { host: 'web1' } });
    expect(bad('  [1]', { requireObject: true })).toMatchObject({ offset: 2, message: expect.stringContaining('not an array') });
    expect(bad('null', { requireObject: true }).message).toContain('not null');
    expect(bad('"x"', { requireObject: true }).message).toContain('not a string');
  });

  it('agrees with JSON.parse on arbitrary JSON and on mangled JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      const text = JSON.stringify(v, null, 2);
      expect(checkJson(text)).toEqual({ ok: true, value: JSON.parse(text) });
    }), { numRuns: 300 });
    const mangled = fc.tuple(fc.json(), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', "'", ':', '\\', '0', '-', ' ', '\n', '\u0001', 'e', '.'))
      .map(([t, at, ins]) => { const i = at % (t.length + 1); return t.slice(0, i) + ins + t.slice(i + 1); });
    fc.assert(fc.property(mangled, (text) => {
      let valid = true;
      try { JSON.parse(text); } catch { valid = false; }
      const r = checkJson(text);
      expect(r.ok).toBe(valid);
      if (!r.ok) {
        expect(r.offset).toBeGreaterThanOrEqual(0);
        expect(r.offset).toBeLessThanOrEqual(text.length);
      }
    }), { numRuns: 2000 });
  });
});

describe('lineColumn and errorExcerpt', () => {
  it('computes 1-based line and column', () => {
    expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd', 3)).toEqual({ line: 2, column: 1 });
    expect(lineColumn('ab\ncd', 5)).toEqual({ line: 2, column: 3 });
  });
  it('cuts the error line around the offset and places the caret', () => {
    expect(errorExcerpt('{\n  "a" 1\n}', 8)).toEqual({ text: '  "a" 1', caret: 6 });
    const long = `${'x'.repeat(100)}!${'y'.repeat(100)}`;
    const e = errorExcerpt(long, 100, 20);
    expect(e.text[e.caret]).toBe('!');
    expect(e.text.startsWith('…') && e.text.endsWith('…')).toBe(true);
    expect(errorExcerpt('\tab', 1)).toEqual({ text: ' ab', caret: 1 });
    expect(errorExcerpt('abc', 3)).toEqual({ text: 'abc', caret: 3 });
  });
});
