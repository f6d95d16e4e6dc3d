import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DelveError } from '../../errors.js';
import { extractJson, jsonDepth } from './json.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../test/fixtures/extractors/${name}`, import.meta.url), 'utf8');

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof DelveError ? e.code : `not a DelveError: ${String(e)}`;
  }
  return undefined;
}

describe('json extractor', () => {
  const lines = fixture('events.jsonl').trim().split('\n');

  it('returns objects as they are and wraps other values as {value}', () => {
    expect(extractJson(lines[0]!)).toEqual({ user: 'alice', status: 200, tags: ['a', 'b'], nested: { ok: true, n: null } });
    expect(extractJson(lines[1]!)).toEqual({ value: [1, 2, 3] });
    expect(extractJson(lines[2]!)).toEqual({ value: 'just a string' });
    expect(extractJson(lines[3]!)).toEqual({ value: 42 });
    expect(extractJson('null')).toEqual({ value: null });
  });

  it('drops __proto__/constructor/prototype keys so nothing can be polluted', () => {
    const r = extractJson(lines[4]!);
    expect(r).toEqual({ safe: 1 });
    expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
    expect(Object.hasOwn(r, '__proto__')).toBe(false);
    // Downstream code merging with plain assignment therefore cannot change a prototype.
    const merged: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(extractJson('{"__proto__":{"polluted":true}}'))) merged[k] = v;
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(merged['polluted']).toBeUndefined();
    expect(extractJson('{"a":{"__proto__":{"x":1},"b":2}}')).toEqual({ a: { b: 2 } });
  });

  it('rejects invalid JSON with DLV_EXTRACT_FAILED', () => {
    expect(codeOf(() => extractJson('{"a":'))).toBe('DLV_EXTRACT_FAILED');
    expect(codeOf(() => extractJson(''))).toBe('DLV_EXTRACT_FAILED');
    expect(codeOf(() => extractJson('not json'))).toBe('DLV_EXTRACT_FAILED');
  });

  it('enforces the depth limit before building the value', () => {
    const deep = (n: number): string => '['.repeat(n) + ']'.repeat(n);
    expect(extractJson(deep(32))).toHaveProperty('value');
    expect(codeOf(() => extractJson(deep(33)))).toBe('DLV_EXTRACT_LIMIT');
    expect(codeOf(() => extractJson(deep(100_000)))).toBe('DLV_EXTRACT_LIMIT');
    expect(codeOf(() => extractJson('{"a":{"b":1}}', { maxDepth: 1 }))).toBe('DLV_EXTRACT_LIMIT');
    // Brackets inside strings do not count.
    expect(jsonDepth('{"a":"[[[[[[\\"[[[["}', 5)).toBe(1);
  });

  it('enforces the field-count and size limits', () => {
    const many = JSON.stringify(Object.fromEntries(Array.from({ length: 1001 }, (_, k) => [`k${k}`, k])));
    expect(codeOf(() => extractJson(many))).toBe('DLV_EXTRACT_LIMIT');
    expect(Object.keys(extractJson(many, { maxFields: 2000 }))).toHaveLength(1001);
    expect(codeOf(() => extractJson('{"a":[1,2,3]}', { maxFields: 3 }))).toBe('DLV_EXTRACT_LIMIT');
    expect(extractJson('{"a":[1,2,3]}', { maxFields: 4 })).toEqual({ a: [1, 2, 3] });
    expect(codeOf(() => extractJson(JSON.stringify({ s: 'x'.repeat(2000) }), { maxBytes: 1000 }))).toBe('DLV_EXTRACT_LIMIT');
    expect(codeOf(() => extractJson(JSON.stringify({ s: 'é'.repeat(400) }), { maxBytes: 600 }))).toBe('DLV_EXTRACT_LIMIT');
    expect(extractJson(JSON.stringify({ s: 'é'.repeat(250) }), { maxBytes: 600 })).toHaveProperty('s');
  });
});
