/**
 * Property/fuzz tests over every builtin extractor: for any input an extractor returns a plain,
 * JSON-serialisable object without unsafe keys, or throws a DelveError, nothing else; and
 * runExtractors never throws.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DelveError } from '../../errors.js';
import { builtinExtractors, runExtractors } from './registry.js';
import { isUnsafeKey } from './safe-keys.js';
import { extractApache } from './apache.js';
import { parseXml } from './xml-parse.js';

const TOKENS = ['<', '>', '</', '/>', 'a', 'b:c', '"', "'", '=', '&', ';', '&amp;', '&#x41;', '&#0;', '&lol;', '<!--', '-->',
  '<![CDATA[', ']]>', '<?', '?>', '<!DOCTYPE', ' ', '\n', '\r', '\t', ',', '[', ']', '{', '}', ':', '\\', '-', '1', '/',
  '__proto__', 'constructor', '"GET / HTTP/1.1"', '[10/Oct/2000:13:55:36 -0700]', '200', 'x=1', 'é', '\u0000', '😀', 'null'];

/** Arbitrary text: random unicode, grammar-ish token soup, and valid JSON texts. */
const anyText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
  fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((t) => t.join('')),
  fc.json({ maxDepth: 4 }),
);

function assertPlainJson(value: unknown, depth = 0): void {
  expect(depth).toBeLessThan(64);
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    expect(Number.isFinite(value)).toBe(true);
    return;
  }
  if (Array.isArray(value)) {
    for (const v of value) assertPlainJson(v, depth + 1);
    return;
  }
  expect(typeof value).toBe('object');
  expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  for (const key of Reflect.ownKeys(value as object)) {
    expect(typeof key).toBe('string');
    expect(isUnsafeKey(key as string)).toBe(false);
    const v = (value as Record<string, unknown>)[key as string];
    expect(v).not.toBeUndefined();
    assertPlainJson(v, depth + 1);
  }
}

describe('every builtin extractor on arbitrary input', () => {
  for (const [name, extractor] of Object.entries(builtinExtractors)) {
    it(`${name}: returns a plain JSON object or throws a DelveError`, () => {
      fc.assert(fc.property(anyText, (text) => {
        let result: unknown;
        try {
          result = extractor(text);
        } catch (e) {
          expect(e).toBeInstanceOf(DelveError);
          expect(['DLV_EXTRACT_FAILED', 'DLV_EXTRACT_LIMIT']).toContain((e as DelveError).code);
          return;
        }
        expect(result !== null && typeof result === 'object' && !Array.isArray(result)).toBe(true);
        assertPlainJson(result);
        expect(JSON.parse(JSON.stringify(result))).toEqual(result);
      }));
    });
  }

  it('runExtractors never throws and always returns a plain JSON object', () => {
    const all = Object.values(builtinExtractors);
    // `existing` is stored extracted_fields, which validate-event already refused at any depth if they held a reserved
    // key (counterexample seen: {"": {"prototype": 0}}); runExtractors only has to keep such keys out of what it adds.
    const reserved = /"(__proto__|constructor|prototype)":/;
    const existing = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }).filter((o) => !reserved.test(JSON.stringify(o)));
    fc.assert(fc.property(anyText, fc.subarray(all), existing, (text, extractors, prior) => {
      const r = runExtractors(extractors, text, prior);
      assertPlainJson(r);
    }));
  });
});

describe('generated well-formed input', () => {
  it('apache: any generated Common/Combined line parses back to its parts', () => {
    const word = fc.stringMatching(/^[A-Za-z0-9.\-_]{1,12}$/);
    const quoted = fc.string({ unit: fc.constantFrom('a', ' ', '"', '\\', '/', '-', '(', ')'), maxLength: 20 });
    const esc = (s: string): string => s.replace(/[\\"]/g, (c) => `\\${c}`);
    fc.assert(fc.property(word, word, word, fc.integer({ min: 100, max: 599 }), fc.oneof(fc.nat().map(String), fc.constant('-')),
      quoted, fc.option(fc.tuple(quoted, quoted)), fc.constantFrom('', ' ', '\t', '\n', '\r\n'),
      (host, ident, user, status, size, request, combined, tail) => {
        const extra = combined === null ? '' : ` "${esc(combined[0])}" "${esc(combined[1])}"`;
        const line = `${host} ${ident} ${user} [05/Mar/2024:23:59:01 +0000] "${esc(request)}" ${status} ${size}${extra}${tail}`;
        const r = extractApache(line);
        expect(r).toMatchObject({ host, ident, user, request, status: String(status), size, timestamp: '2024-03-05T23:59:01.000Z' });
        if (combined !== null) expect(r).toMatchObject({ referer: combined[0], user_agent: combined[1] });
      }));
  });

  it('xml: escaped generated trees parse back to the xmltodict shape', () => {
    const name = fc.constantFrom('a', 'b', 'ns:c', 'd-e');
    const text = fc.string({ unit: fc.constantFrom('x', 'y', '<', '&', '"', "'", '>'), minLength: 1, maxLength: 8 })
      .filter((s) => s.trim() !== '');
    const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
    fc.assert(fc.property(name, fc.array(fc.tuple(name, text), { maxLength: 5 }), fc.option(text), (root, children, attr) => {
      const xml = `<${root}${attr === null ? '' : ` v="${esc(attr)}"`}>${children.map(([n, t]) => `<${n}>${esc(t)}</${n}>`).join('')}</${root}>`;
      const expected: Record<string, unknown> = {};
      if (attr !== null) expected['@v'] = attr;
      for (const [n, t] of children) {
        const prev = expected[n];
        expected[n] = prev === undefined ? t.trim() : Array.isArray(prev) ? [...prev, t.trim()] : [prev, t.trim()];
      }
      const value = attr === null && children.length === 0 ? null : expected;
      expect(parseXml(xml)).toEqual({ [root]: value });
    }));
  });
});
