import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractKv } from './kv.js';

const lines = readFileSync(new URL('../../../test/fixtures/extractors/kv.log', import.meta.url), 'utf8').split('\n');

describe('kv extractor', () => {
  it('extracts the example from the brief', () => {
    expect(extractKv(`a=1 b="x y" c='z' d=`)).toEqual({ a: '1', b: 'x y', c: 'z', d: '' });
  });

  it('extracts pairs from real lines with , and ; separators and escaped quotes', () => {
    expect(extractKv(lines[0]!)).toEqual({ user: 'alice', action: 'login', src: '10.0.0.5', result: 'ok' });
    expect(extractKv(lines[1]!)).toEqual({ msg: 'disk almost full', level: 'warn', host: 'db-1', pct: '93', note: "it's fine", empty: '' });
  });

  it('keeps other backslashes and collects repeated keys into arrays', () => {
    expect(extractKv(lines[2]!)).toEqual({ path: 'C:\\Users\\bob', tag: ['a', 'b', 'c'] });
  });

  it('returns {} for text without pairs and ignores words around pairs', () => {
    expect(extractKv(lines[3]!)).toEqual({});
    expect(extractKv('')).toEqual({});
    expect(extractKv('Accepted password for root from host=10.1.1.1 port=22 ssh2')).toEqual({ host: '10.1.1.1', port: '22' });
  });

  it('keeps values containing = and does not split quoted values', () => {
    expect(extractKv('url=http://x/?a=1&b=2 q="k=v w=z"')).toEqual({ url: 'http://x/?a=1&b=2', q: 'k=v w=z' });
  });

  it('reads an unterminated quote as an unquoted value', () => {
    expect(extractKv('a="open b=2')).toEqual({ a: '"open', b: '2' });
  });

  it('drops unsafe keys', () => {
    const r = extractKv('__proto__=x constructor=y prototype=z ok=1');
    expect(r).toEqual({ ok: '1' });
    expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
  });

  it('enforces the pair-count and size limits', () => {
    expect(() => extractKv('a=1 '.repeat(1001))).toThrowError(expect.objectContaining({ code: 'DLV_EXTRACT_LIMIT' }) as Error);
    expect(extractKv('a=1 '.repeat(1000))['a']).toHaveLength(1000);
    expect(() => extractKv('a=1', { maxBytes: 2 })).toThrowError(expect.objectContaining({ code: 'DLV_EXTRACT_LIMIT' }) as Error);
  });
});
