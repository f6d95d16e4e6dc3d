import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { INDEX_PATTERN_RE as SERVER_RE } from '../../src/auth/index-acl';
import { INDEX_PATTERN_RE, MAX_PATTERNS, parsePatternText, patternListError, patternsToText, summarizePreview, type PreviewState } from '../../web/src/features/admin/index-patterns';

describe('admin index pattern lists', () => {
  it('uses the server pattern rule', () => {
    expect(INDEX_PATTERN_RE.source).toBe(SERVER_RE.source);
  });

  it('splits on lines, commas and spaces, trims and de-duplicates in order', () => {
    expect(parsePatternText('web*\n  app-?\n\nweb*, _audit  logs')).toEqual({ patterns: ['web*', 'app-?', '_audit', 'logs'], invalid: [] });
    expect(parsePatternText('')).toEqual({ patterns: [], invalid: [] });
  });

  it('reports invalid entries without sending them', () => {
    const p = parsePatternText('good\n.hidden\n-x\nbad/slash\n<img>');
    expect(p.patterns).toEqual(['good']);
    expect(p.invalid).toEqual(['.hidden', '-x', 'bad/slash', '<img>']);
    expect(patternListError(p)).toMatch(/Not a valid index pattern: "\.hidden", "-x", "bad\/slash" and 1 more/);
    expect(patternListError(parsePatternText('a\nb'))).toBeNull();
  });

  it('limits the list length like the server', () => {
    const many = Array.from({ length: MAX_PATTERNS + 1 }, (_, i) => `i${i}`).join('\n');
    expect(patternListError(parsePatternText(many))).toMatch(/At most 200/);
  });

  it('round-trips through the textarea text (property)', () => {
    const pat = fc.stringMatching(/^[A-Za-z0-9_*?][A-Za-z0-9_.*?-]{0,20}$/);
    fc.assert(fc.property(fc.uniqueArray(pat, { maxLength: 20 }), (list) => {
      expect(parsePatternText(patternsToText(list))).toEqual({ patterns: list, invalid: [] });
    }));
  });

  it('summarises per-pattern previews into the union, pending and empty patterns', () => {
    const states = new Map<string, PreviewState>([
      ['web*', { status: 'ok', indexes: ['web', 'web-2'] }],
      ['*-2', { status: 'ok', indexes: ['web-2', 'app-2'] }],
      ['nothing*', { status: 'ok', indexes: [] }],
      ['slow', { status: 'loading' }],
      ['bad', { status: 'error', message: 'x' }],
    ]);
    expect(summarizePreview(['web*', '*-2', 'nothing*', 'slow', 'bad', 'unseen'], states)).toEqual({
      union: ['app-2', 'web', 'web-2'], pending: 2, empty: ['nothing*'],
    });
  });
});
