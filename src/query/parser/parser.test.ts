import { describe, expect, it } from 'vitest';
import { parsePipeline, splitTerm, isFieldPath } from './index.js';
import type { Token } from '../lexer/index.js';
import { diagnosticToError, formatDiagnostic } from '../diagnostics.js';
import { DelveError } from '../../errors.js';

const tok = (value: string, start = 0): Token => ({ value, span: { start, end: start + value.length }, quoted: false });

describe('parsePipeline', () => {
  it('builds command nodes with spans, raw text and template source', () => {
    const text = 'search a="x y" | rex (p||q)  ';
    const r = parsePipeline(text, { isCommand: () => true });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [s, x] = r.value.segments;
    expect(s).toMatchObject({ index: 0, name: 'search', nameSpan: { start: 0, end: 6 }, span: { start: 0, end: 14 } });
    expect(s?.raw).toBe('search a="x y" ');
    expect(x).toMatchObject({ index: 1, name: 'rex', span: { start: 17, end: 27 }, rawSpan: { start: 16, end: 29 } });
    expect(x?.source).toBe(' rex (p|q)  ');
    expect(x?.args.map((a) => a.value)).toEqual(['(p|q)']);
    expect(text.slice(x?.args[0]?.span.start, x?.args[0]?.span.end)).toBe('(p||q)');
  });
  it('does not check names without isCommand', () => {
    expect(parsePipeline('anything goes').ok).toBe(true);
  });
  it('attaches the command to syntax errors', () => {
    const r = parsePipeline('search a | head "x', { isCommand: () => true });
    expect(!r.ok && r.diagnostics[0]?.command).toEqual({ index: 1, name: 'head' });
  });
  it('unknown-command diagnostics carry the command and convert to a DelveError with the span', () => {
    const r = parsePipeline('search | nope 1', { isCommand: (n) => n === 'search' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const d = r.diagnostics[0];
    expect(d).toEqual({
      code: 'DLV_QUERY_UNKNOWN_COMMAND',
      message: 'nope is not a recognized search command.',
      span: { start: 9, end: 13 },
      command: { index: 1, name: 'nope' },
    });
    if (d === undefined) return;
    expect(formatDiagnostic(d)).toBe('DLV_QUERY_UNKNOWN_COMMAND @9-13 nope is not a recognized search command.');
    const e = diagnosticToError(d);
    expect(e).toBeInstanceOf(DelveError);
    expect(e.status).toBe(400);
    expect(e.details).toEqual({ span: { start: 9, end: 13 }, command: { index: 1, name: 'nope' } });
  });
});

describe('splitTerm', () => {
  it('splits at the first = and reads a leading ! as negation', () => {
    expect(splitTerm(tok('extracted_fields__status__gte=500', 4))).toEqual({
      ok: true,
      value: {
        negate: false,
        key: 'extracted_fields__status__gte',
        path: ['extracted_fields', 'status', 'gte'],
        value: '500',
        span: { start: 4, end: 37 },
      },
    });
    const n = splitTerm(tok('!host=a=b'));
    expect(n.ok && n.value).toMatchObject({ negate: true, key: 'host', path: ['host'], value: 'a=b' });
    expect(splitTerm(tok('a=')).ok).toBe(true);
  });
  it.each([
    'a-b=1',
    'a b=1',
    '=1',
    '!=1',
    '1a=1',
    'a__=1',
    '__a=1',
    'a____b=1',
    'a;drop table x=1',
    'a"=1',
    "a'--=1",
    'a.b=1',
    'é=1',
    'a\u0000=1',
  ])('rejects field path injection: %j', (text) => {
    const r = splitTerm(tok(text, 3));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.diagnostics[0]).toMatchObject({ code: 'DLV_QUERY_ARGUMENT', span: { start: 3, end: 3 + text.length } });
  });
  it('suggests the negation syntax for KEY!=VALUE', () => {
    const r = splitTerm(tok('host!=a'));
    expect(!r.ok && r.diagnostics[0]?.message).toContain('write !host=a');
  });
  it('reports a word without =', () => {
    const r = splitTerm(tok('error'));
    expect(!r.ok && r.diagnostics[0]?.message).toBe("Expected a KEY=VALUE term, got 'error'.");
  });
  it('isFieldPath accepts identifier segments only', () => {
    expect(['a', '_id', 'user__username', 'extracted_fields__a__0', 'a___b'].every(isFieldPath)).toBe(true);
    expect(['', 'a-b', 'a__', '0a'].some(isFieldPath)).toBe(false);
  });
  it('isFieldPath is linear on adversarial input (the nested-quantifier form hangs here)', () => {
    expect(isFieldPath(`a${'__a'.repeat(20_000)}!`)).toBe(false);
    expect(isFieldPath(`a${'_'.repeat(20_000)}-`)).toBe(false);
    expect(isFieldPath(`a${'__a'.repeat(20_000)}`)).toBe(true);
  });
});
