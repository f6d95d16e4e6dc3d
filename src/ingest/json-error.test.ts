import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorLocation, jsonErrorOffset } from './json-error.js';

describe('jsonErrorOffset', () => {
  it('is -1 exactly for the texts JSON.parse accepts (property)', () => {
    fc.assert(fc.property(fc.json(), (text) => { expect(jsonErrorOffset(text)).toBe(-1); }), { numRuns: 300 });
    fc.assert(fc.property(fc.string(), (text) => {
      let ok = true;
      try { JSON.parse(text); } catch { ok = false; }
      const off = jsonErrorOffset(text);
      if (ok) expect(off).toBe(-1);
      else { expect(off).toBeGreaterThanOrEqual(0); expect(off).toBeLessThanOrEqual(text.length); }
    }), { numRuns: 500 });
  });
  it('finds the offending character', () => {
    expect(jsonErrorOffset('{"a":1,}')).toBe(7);
    expect(jsonErrorOffset('{"a" 1}')).toBe(5);
    expect(jsonErrorOffset('[1,2')).toBe(4);
    expect(jsonErrorOffset('{"text": nope}')).toBe(9);
    expect(jsonErrorLocation('[\n {"a": }]')).toMatchObject({ line: 2, column: 8 });
  });
  it('handles pathological nesting without recursion', () => {
    expect(jsonErrorOffset('['.repeat(200_000))).toBe(200_000);
    expect(jsonErrorOffset(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toBe(-1);
  });
});
