import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractXml, parseXml } from './xml.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../test/fixtures/extractors/${name}`, import.meta.url), 'utf8');
const code = (fn: () => unknown): unknown => {
  try {
    fn();
    return undefined;
  } catch (e) {
    return (e as { code?: unknown }).code;
  }
};

describe('parseXml (xmltodict semantics)', () => {
  it('converts a document: attributes, repeated children, entities, CDATA, empty elements', () => {
    expect(parseXml(fixture('sample.xml'))).toEqual({
      'po:order': {
        '@xmlns:po': 'urn:example:po',
        '@id': '42',
        '@status': 'open',
        customer: 'Alice & Bob',
        item: [{ '@sku': 'A-1', '#text': 'Widget' }, { '@sku': 'B-2', '#text': 'Gadget ☺' }],
        note: '<b>fragile</b> & heavy',
        empty: null,
        total: { '@currency': 'EUR', '#text': '19.90' },
      },
    });
  });

  it('handles text-only, mixed content, numeric references and attribute normalisation', () => {
    expect(parseXml('<a>hi</a>')).toEqual({ a: 'hi' });
    expect(parseXml('<a>  </a>')).toEqual({ a: null });
    expect(parseXml('<a>x<b/>y</a>')).toEqual({ a: { b: null, '#text': 'xy' } });
    expect(parseXml('<a v="1&#10;2\t3">&#65;&#x42;&lt;&gt;&quot;&apos;</a>')).toEqual({ a: { '@v': '1\n2 3', '#text': 'AB<>"\'' } });
    expect(parseXml('\uFEFF<?xml version="1.0"?><a/><!-- trailing -->\n')).toEqual({ a: null });
  });

  it('rejects malformed documents with DLV_EXTRACT_FAILED', () => {
    for (const bad of ['', 'text', '<a>', '<a></b>', '<a/><b/>', '<a>&foo;</a>', '<a>&amp</a>', '<a x="1" x="2"/>',
      '<a x=1/>', '<a><!-- x</a>', '<a>&#0;</a>', '<a>&#xD800;</a>', 'x<a/>', '<a>< b</a>', '<![CDATA[x]]><a/>']) {
      expect(code(() => parseXml(bad)), bad).toBe('DLV_EXTRACT_FAILED');
    }
  });

  it('never expands external entities (XXE)', () => {
    expect(code(() => parseXml(fixture('xxe.xml')))).toBe('DLV_EXTRACT_FAILED');
    expect(() => parseXml(fixture('xxe.xml'))).toThrow(/DOCTYPE/);
    expect(code(() => parseXml('<foo>&xxe;</foo>'))).toBe('DLV_EXTRACT_FAILED');
  });

  it('never expands nested entities (billion laughs)', () => {
    expect(code(() => parseXml(fixture('billion-laughs.xml')))).toBe('DLV_EXTRACT_FAILED');
    expect(code(() => parseXml('<lolz>&lol9;</lolz>'))).toBe('DLV_EXTRACT_FAILED');
    expect(code(() => parseXml('<!doctype x><x/>'))).toBe('DLV_EXTRACT_FAILED');
  });

  it('limits depth, node count and size with DLV_EXTRACT_LIMIT', () => {
    const deep = (n: number): string => '<a>'.repeat(n) + '</a>'.repeat(n);
    expect(parseXml(deep(32))).toHaveProperty('a');
    expect(code(() => parseXml(deep(33)))).toBe('DLV_EXTRACT_LIMIT');
    expect(code(() => parseXml(deep(200_000)))).toBe('DLV_EXTRACT_LIMIT');
    expect(code(() => parseXml(`<r>${'<i/>'.repeat(1000)}</r>`))).toBe('DLV_EXTRACT_LIMIT');
    expect(code(() => parseXml('<r a="1" b="2"/>', { maxNodes: 2 }))).toBe('DLV_EXTRACT_LIMIT');
    expect(code(() => parseXml(`<r>${'x'.repeat(100)}</r>`, { maxBytes: 50 }))).toBe('DLV_EXTRACT_LIMIT');
    expect(parseXml(`<r>${'<i/>'.repeat(1000)}</r>`, { maxNodes: 1001 })['r']).toEqual({ i: Array(1000).fill(null) });
  });

  it('drops elements (not @attributes) named __proto__/constructor/prototype', () => {
    const r = parseXml('<r __proto__="x" id="1"><__proto__><polluted>1</polluted></__proto__><constructor/><ok/></r>');
    expect(r).toEqual({ r: { '@__proto__': 'x', '@id': '1', ok: null } });
    const root = r['r'] as Record<string, unknown>;
    expect(Object.getPrototypeOf(root)).toBe(Object.prototype);
    expect(root['polluted']).toBeUndefined();
    expect(parseXml('<__proto__/>')).toEqual({});
  });

  it('the extractor maps maxFields to the node limit', () => {
    expect(extractXml('<a b="1"/>')).toEqual({ a: { '@b': '1' } });
    expect(code(() => extractXml('<a b="1"/>', { maxFields: 1 }))).toBe('DLV_EXTRACT_LIMIT');
    expect(code(() => extractXml('<a><b/></a>', { maxDepth: 1 }))).toBe('DLV_EXTRACT_LIMIT');
  });
});
