import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cast, parseIsoDateTime } from './index.js';

const iso = (s: string): Date => new Date(s);

describe('cast: table of inputs → outputs', () => {
  const table: Array<[string, unknown]> = [
    // ints (reference §4.4 rule 1)
    ['5', 5],
    ['-3', -3],
    ['+7', 7],
    ['1_000', 1000],
    ['0x10', 16],
    ['0o17', 15],
    ['0b101', 5],
    ['0', 0],
    ['-0', 0],
    ['00', 0],
    [' 5 ', 5],
    ['9007199254740991', 9007199254740991],
    ['12345678901234567890', '12345678901234567890'], // beyond safe ints: exact decimal string
    ['-12345678901234567890', '-12345678901234567890'],
    ['0xFFFFFFFFFFFFFFFFFF', '4722366482869645213695'],
    // floats
    ['1.5', 1.5],
    ['1e3', 1000],
    ['.5', 0.5],
    ['5.', 5],
    ['-2.5e-3', -0.0025],
    ['1_0.5', 10.5],
    ['1e999', '1e999'], // overflow → stays a string (JSON has no Infinity)
    ['inf', 'inf'],
    ['nan', 'nan'],
    // keywords, any case
    ['True', true],
    ['true', true],
    ['TRUE', true],
    ['False', false],
    ['false', false],
    ['None', null],
    ['null', null],
    ['NULL', null],
    // quoted strings
    ['"q"', 'q'],
    ["'q'", 'q'],
    ["'5'", '5'],
    ["'-created'", '-created'],
    ["'a\\nb'", 'a\nb'],
    ["'\\x41\\u00e9'", 'Aé'],
    ["'a\\qb'", 'a\\qb'], // unknown escapes keep the backslash (Python)
    ["'a' 'b'", 'ab'],
    ["''", ''],
    // containers
    ['[1,2]', [1, 2]],
    ['[1, 2, ]', [1, 2]],
    ['[]', []],
    ["(1,'a')", [1, 'a']],
    ['(1,)', [1]],
    ['()', []],
    ['(1)', 1],
    ["{'a': 1}", { a: 1 }],
    ['{"a": true}', { a: true }],
    ['{"a": [1, {"b": null}]}', { a: [1, { b: null }] }],
    ['{}', {}],
    ['{1,2}', [1, 2]],
    ['{1,2,2,1}', [1, 2]],
    ["{1: 'x', True: 2, None: 3}", { '1': 'x', true: 2, null: 3 }],
    ['[[1, [2, [3]]]]', [[1, [2, [3]]]]],
    // dates → Date (naive = UTC)
    ['2024-01-01', iso('2024-01-01T00:00:00Z')],
    ['2024-01-01T10:00:00Z', iso('2024-01-01T10:00:00Z')],
    ['2024-01-01 10:00', iso('2024-01-01T10:00:00Z')],
    ['2024-01-01T10:00:00.123456+02:00', iso('2024-01-01T08:00:00.123Z')],
    ['2024-01-01T10:00-0130', iso('2024-01-01T11:30:00Z')],
    ['2024-10-10', iso('2024-10-10T00:00:00Z')],
    ['2024-02-29', iso('2024-02-29T00:00:00Z')],
    // everything else stays the string (reference rule 3)
    ['foo', 'foo'],
    ['127.0.0.1', '127.0.0.1'],
    ['a=b', 'a=b'],
    ['[1, 2', '[1, 2'],
    ['12/25/2024', '12/25/2024'],
    ['2023-02-29', '2023-02-29'], // impossible date
    ['2024-13-01', '2024-13-01'],
    ['2024-01-01T25:00', '2024-01-01T25:00'],
    ['10:00', '10:00'],
    ['Jan 5', 'Jan 5'],
    ['[foo]', '[foo]'], // bare names are not literals
    ['1 2', '1 2'],
    ['--5', '--5'],
    ['1__0', '1__0'],
    ['007', '007'],
    ['0x', '0x'],
    ["'unterminated", "'unterminated"],
    ["{[1]}", '{[1]}'], // unhashable set element
    ["{[1]: 2}", '{[1]: 2}'], // unhashable key
    ["{(1,2): 3}", '{(1,2): 3}'], // tuple keys cannot be JSON keys
    ['{1:2 3:4}', '{1:2 3:4}'],
    ['1+2j', '1+2j'],
    ["b'x'", "b'x'"],
    ["__import__('os').system('id')", "__import__('os').system('id')"], // never evaluated
    ['(lambda: 1)()', '(lambda: 1)()'],
    ['[1, x]', '[1, x]'],
    ["'\\N{BULLET}'", "'\\N{BULLET}'"],
    ['', ''],
    ['   ', '   '],
    [' foo ', ' foo '], // untouched, including the spaces
  ];
  it.each(table)('cast(%j)', (input, expected) => {
    expect(cast(input)).toEqual(expected);
  });

  it('passes non-strings through unchanged', () => {
    const obj = { a: 1 };
    expect(cast(obj)).toBe(obj);
    expect(cast(5)).toBe(5);
    expect(cast(null)).toBe(null);
  });

  it('a __proto__ key becomes an own property and never changes the prototype', () => {
    const v = cast('{"__proto__": {"polluted": 1}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect((v as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('refuses nesting deeper than the limit instead of overflowing the stack', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(cast(deep)).toBe(deep);
    expect(cast('['.repeat(10) + ']'.repeat(10))).toEqual([[[[[[[[[[]]]]]]]]]]);
  });
});

describe('parseIsoDateTime', () => {
  it('handles years below 100 without the 1900 shift', () => {
    expect(parseIsoDateTime('0050-06-01')?.getUTCFullYear()).toBe(50);
  });
  it('refuses year 0 and bad offsets', () => {
    expect(parseIsoDateTime('0000-01-01')).toBeUndefined();
    expect(parseIsoDateTime('2024-01-01T10:00+24:00')).toBeUndefined();
  });
});

describe('cast: properties', () => {
  it('never throws, and a string result is the unchanged input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        const v = cast(s);
        if (typeof v === 'string' && !/^\s*['"]/.test(s) && !/^\s*[-+]?[0-9.]/.test(s)) expect(v).toBe(s);
      }),
      { numRuns: 500 },
    );
  });
  it('never throws on literal-looking input and results are JSON-serializable', () => {
    const alphabet = fc.constantFrom(...'[](){},:\'"-+0123456789.eExab_ TrueNonl\\'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('')), (s) => {
        const v = cast(s);
        expect(() => JSON.stringify(v)).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });
  it('round-trips JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), (j) => {
        // -0 and big numbers aside, JSON text casts back to the same value
        const text = JSON.stringify(j);
        const normal = JSON.parse(text.replace(/-0(?![.\d])/g, '0')) as unknown;
        if (typeof normal === 'string') return; // a JSON string casts to its content; covered above
        if (/\d{16,}|e/i.test(text.replace(/"(?:[^"\\]|\\.)*"/g, ''))) return;
        expect(cast(text)).toEqual(normal);
      }),
      { numRuns: 300 },
    );
  });
});
