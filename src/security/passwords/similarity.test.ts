import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quickRatio, similarityRatio } from './similarity.js';

describe('similarityRatio', () => {
  // Expected values computed with Python's difflib.SequenceMatcher(None, a, b).ratio() / .quick_ratio().
  it.each([
    ['johnsmith2024', 'johnsmith', 0.8181818181818182, 0.8181818181818182],
    ['password', 'drowssap', 0.25, 1],
    ['alice', 'alice123', 0.7692307692307693, 0.7692307692307693],
    ['x', '', 0, 0],
    ['', '', 1, 1],
    ['abcd', 'bcde', 0.75, 0.75],
    ['htimsnhoj', 'johnsmith', 0.3333333333333333, 1],
    ['qabxcd', 'abycdf', 0.6666666666666666, 0.6666666666666666],
  ])('ratio(%j, %j) = %d like difflib', (a, b, ratio, quick) => {
    expect(similarityRatio(a, b)).toBeCloseTo(ratio, 12);
    expect(quickRatio(a, b)).toBeCloseTo(quick, 12);
  });

  it('counts code points, not UTF-16 units', () => {
    expect(similarityRatio('😀a', '😀b')).toBe(0.5);
  });

  it('is within [0, 1], 1 for equal strings, and never above quickRatio', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (a, b) => {
        const r = similarityRatio(a, b);
        expect(r).toBeGreaterThanOrEqual(0);
        expect(r).toBeLessThanOrEqual(1);
        expect(r).toBeLessThanOrEqual(quickRatio(a, b) + 1e-12);
        expect(similarityRatio(a, a)).toBe(1);
      }),
      { numRuns: 300 },
    );
  });
});

describe('common passwords list', () => {
  it('ships at least 500 lowercase, trimmed entries as a Set', async () => {
    const { COMMON_PASSWORDS, isCommonPassword } = await import('./common-passwords.js');
    expect(COMMON_PASSWORDS.size).toBeGreaterThanOrEqual(500);
    for (const p of COMMON_PASSWORDS) expect(p).toBe(p.trim().toLowerCase());
    for (const p of ['123456', 'password', 'qwerty', 'letmein', 'iloveyou']) expect(isCommonPassword(p.toUpperCase())).toBe(true);
    expect(isCommonPassword('violet-Canyon-48-lamp')).toBe(false);
  });
});
