import { describe, expect, it } from 'vitest';
import { splitPipeline, tokenize, type Token } from './index.js';

function values(text: string): string[] {
  const r = tokenize(text);
  if (!r.ok) throw new Error(r.diagnostics[0]?.message);
  return r.value.map((t) => t.value);
}

describe('splitPipeline', () => {
  it('splits at single unquoted pipes and records pipe spans', () => {
    const segs = splitPipeline('a | b|c');
    expect(segs.map((s) => s.source)).toEqual(['a ', ' b', 'c']);
    expect(segs.map((s) => s.rawSpan)).toEqual([
      { start: 0, end: 2 },
      { start: 3, end: 5 },
      { start: 6, end: 7 },
    ]);
    expect(segs[0]?.pipeBefore).toBeUndefined();
    expect(segs[0]?.pipeAfter).toEqual({ start: 2, end: 3 });
    expect(segs[1]?.pipeBefore).toEqual({ start: 2, end: 3 });
    expect(segs[2]?.pipeAfter).toBeUndefined();
  });
  it('unescapes pipe runs outside quotes and maps offsets back to the original', () => {
    const [seg] = splitPipeline('x a||b');
    expect(seg?.source).toBe('x a|b');
    expect(seg?.offsets).toEqual([0, 1, 2, 3, 5, 6]);
    expect(splitPipeline('|||').map((s) => s.source)).toEqual(['||']);
  });
  it('keeps pipes inside quotes, escapes and comments', () => {
    expect(splitPipeline(`a '|' "||" \\| # x | y`).map((s) => s.source)).toEqual([`a '|' "||" \\| # x | y`]);
    expect(splitPipeline('a "x\\"|" | b').map((s) => s.source)).toEqual(['a "x\\"|" ', ' b']);
    expect(splitPipeline("a # don't\n| b").length).toBe(2);
  });
  it('an unclosed quote runs to the end', () => {
    expect(splitPipeline(`a 'b | c`).length).toBe(1);
  });
  it('always returns at least one segment', () => {
    expect(splitPipeline('')).toEqual([{ index: 0, source: '', offsets: [0], rawSpan: { start: 0, end: 0 } }]);
  });
});

describe('tokenize', () => {
  it('records spans including quotes and whether a word was quoted', () => {
    const r = tokenize(`ab 'c d'e \\x`);
    expect(r.ok && r.value).toEqual<Token[]>([
      { value: 'ab', span: { start: 0, end: 2 }, quoted: false },
      { value: 'c de', span: { start: 3, end: 9 }, quoted: true },
      { value: 'x', span: { start: 10, end: 12 }, quoted: true },
    ]);
  });
  it('follows POSIX double-quote escaping', () => {
    expect(values(String.raw`"\"" "\\" "\n" "\$"`)).toEqual(['"', '\\', '\\n', '\\$']);
    expect(values(String.raw`'\'`)).toEqual(['\\']);
  });
  it('treats # as a comment only at the start of a word', () => {
    expect(values('a#b #c d\ne')).toEqual(['a#b', 'e']);
    expect(values('"#"x #')).toEqual(['#x']);
  });
  it('maps spans through an offset table', () => {
    const r = tokenize('a|b', { offsets: [10, 11, 13, 14] });
    expect(r.ok && r.value[0]?.span).toEqual({ start: 10, end: 14 });
  });
  it('reports unclosed quotes from the quote to the end', () => {
    const r = tokenize(`ok "abc`);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.diagnostics).toEqual([
        {
          code: 'DLV_QUERY_SYNTAX',
          message: 'No closing quotation: add the matching quote or escape this one with a backslash',
          span: { start: 3, end: 7 },
        },
      ]);
    }
    const r2 = tokenize(`x\\`);
    expect(!r2.ok && r2.diagnostics[0]?.span).toEqual({ start: 1, end: 2 });
  });
});
