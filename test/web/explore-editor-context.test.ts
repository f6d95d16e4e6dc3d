/** The query editor's scanner and cursor context (autocomplete decisions), compared with the server's lexer. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitPipeline, tokenize } from '../../src/query/lexer/index.js';
import { cursorContext } from '../../web/src/query-editor/context';
import { scan } from '../../web/src/query-editor/lexer';
import { splitLookupPath } from '../../web/src/query-editor/vocabulary';

describe('scan agrees with the server lexer', () => {
  it('on segments and words of arbitrary text', () => {
    const alphabet = fc.constantFrom('a', 'b', '=', ' ', '\n', '|', "'", '"', '\\', '#', '-', '{', '}');
    fc.assert(fc.property(fc.array(alphabet, { maxLength: 30 }).map((a) => a.join('')), (text) => {
      const mine = scan(text);
      const theirs = splitPipeline(text);
      expect(mine.segments.map((s) => [s.start, s.end])).toEqual(theirs.map((s) => [s.rawSpan.start, s.rawSpan.end]));
      theirs.forEach((seg, i) => {
        const t = tokenize(seg.source, { offsets: seg.offsets });
        if (!t.ok) return; // unclosed quote / trailing backslash: the server reports an error
        const words = mine.segments[i]?.words ?? [];
        expect(words.map((w) => [w.value, w.start, w.end])).toEqual(t.value.map((w) => [w.value, w.span.start, w.span.end]));
      });
    }), { numRuns: 2000 });
  });
});

describe('cursorContext', () => {
  const at = (s: string): ReturnType<typeof cursorContext> => cursorContext(s, s.length);
  it('finds command positions', () => {
    expect(at('')).toEqual({ kind: 'command', from: 0, prefix: '' });
    expect(at('sea')).toEqual({ kind: 'command', from: 0, prefix: 'sea' });
    expect(at('search x | he')).toEqual({ kind: 'command', from: 11, prefix: 'he' });
    expect(at('search x |')).toEqual({ kind: 'command', from: 10, prefix: '' });
  });
  it('finds arguments with the words before them', () => {
    expect(at('search index=web --li')).toEqual({ kind: 'argument', command: 'search', previous: ['index=web'], from: 17, prefix: '--li' });
    expect(at('stats avg ')).toEqual({ kind: 'argument', command: 'stats', previous: ['avg'], from: 10, prefix: '' });
    expect(at('search !ho')).toEqual({ kind: 'argument', command: 'search', previous: [], from: 7, prefix: '!ho' });
  });
  it('offers nothing inside strings, comments and templates', () => {
    expect(at("search 'ab")).toBeNull();
    expect(at('search # note')).toBeNull();
    expect(at('search {{ ho')).toBeNull();
    expect(at('search "a b"')).toBeNull();
  });
});

describe('splitLookupPath', () => {
  it('separates lookups and transforms from the field', () => {
    expect(splitLookupPath('created__year__gte')).toEqual(['created', '__year__gte']);
    expect(splitLookupPath('extracted_fields__status')).toEqual(['extracted_fields__status', '']);
    expect(splitLookupPath('extracted_fields__status__in')).toEqual(['extracted_fields__status', '__in']);
    expect(splitLookupPath('gte')).toEqual(['gte', '']);
  });
});
