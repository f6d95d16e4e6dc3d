import { describe, expect, it } from 'vitest';
import { compilePythonRegex, compileReplacement, groupCount, groupNames } from './python-regex.js';

const re = (p: string, opts: { ignoreCase?: boolean; global?: boolean } = {}): RegExp => compilePythonRegex(p, { field: 'r', ...opts });

describe('compilePythonRegex', () => {
  it('translates named groups, named backreferences, \\A, \\Z and leading inline flags', () => {
    expect(re('(?P<a>x)(?P=a)').exec('xx')?.groups?.['a']).toBe('x');
    expect(re('\\Aab\\Z').test('ab')).toBe(true);
    expect(re('\\Aab\\Z').test('xab')).toBe(false);
    expect(re('(?i)abc').test('ABC')).toBe(true);
    expect(re('[(?P<]').test('P')).toBe(true); // inside a class nothing is translated
    expect(re('[]a]').test(']')).toBe(true);
  });
  it('refuses nested unbounded repetition but accepts common safe shapes', () => {
    for (const bad of ['(a+)+', '(\\w+\\s*)*', '(?:x*)+y', '(?<n>a{2,})*']) expect(() => re(bad)).toThrow(/exponential/);
    for (const good of ['(\\d+\\.)+\\d+', '(?:ab)+', '(a|b)*c', '(\\d{1,3}\\.){3}\\d{1,3}', 'a+b+']) expect(() => re(good)).not.toThrow();
  });
  it('rejects unsupported inline flags and invalid syntax', () => {
    expect(() => re('(?x)a b')).toThrow(/not supported/);
    expect(() => re('(')).toThrow(/Invalid regular expression/);
  });
  it('counts groups and names', () => {
    const r = re('(?P<a>x)(y)(?:z)(?P<b>w)');
    expect(groupCount(r)).toBe(3);
    expect(groupNames(r)).toEqual(['a', 'b']);
  });
});

describe('compilePythonRegex: Unicode like Python 3 str patterns', () => {
  const find = (p: string, s: string, ignoreCase = false): string | null => re(p, { ignoreCase }).exec(s)?.[0] ?? null;
  it('\\w \\d \\s are Unicode-aware, \\W \\D \\S their complements', () => {
    expect(find('\\w+', 'x écolé!')).toBe('x');
    expect(find('\\w+', '¡écolé!')).toBe('écolé');
    expect(find('\\w+', 'Ⅻ²٣_')).toBe('Ⅻ²٣_'); // numbers of any kind, like str.isalnum()
    expect(find('\\w', '\u0301')).toBeNull(); // combining marks are not word characters in Python either
    expect(find('\\d+', 'n=٣٤५')).toBe('٣٤५');
    expect(find('\\d', '²')).toBeNull(); // only decimal digits (Nd)
    expect(find('a\\sb', 'a\u00a0b')).toBe('a\u00a0b');
    expect(find('a\\sb', 'a\u2003b')).toBe('a\u2003b');
    expect(find('a\\sb', 'a\x1cb')).toBe('a\x1cb');
    expect(find('a\\sb', 'a\ufeffb')).toBeNull(); // not whitespace for Python
    expect(find('\\W', 'é-')).toBe('-');
    expect(find('\\D+', '٣ab٣')).toBe('ab');
    expect(find('\\S+', '\u00a0é\u2003')).toBe('é');
    expect(find('[\\w.]+', '(é.x)')).toBe('é.x');
    expect(find('[^\\W\\d]+', '٣éa_1')).toBe('éa_'); // complement inside a class
    expect(find('[\\W\\d]+', 'é٣-é')).toBe('٣-');
    expect(find('(?a)\\w+', 'éab')).toBe('ab'); // (?a): ASCII classes
  });
  it('\\b and \\B use Python word characters; never inside a surrogate pair', () => {
    expect(find('\\bé\\w*', 'café élan')).toBe('élan');
    expect(find('\\bcaf\\b', 'café caf')).toBe('caf');
    expect(re('é\\b').test('café')).toBe(true);
    expect(re('\\Bé').test('café')).toBe(true);
    expect(re('\\Bé').test('élan')).toBe(false);
    const r = re('\\B', { global: true });
    expect('a😀'.replace(r, compileReplacement('|', r, 'r'))).toBe('a😀|');
  });
  it('IGNORECASE folds non-ASCII letters', () => {
    expect(find('école', 'ÉCOLE', true)).toBe('ÉCOLE');
    expect(find('(?i)straße', 'STRAẞE')).toBe('STRAẞE');
    expect(find('(?i)σ', 'Σς')).toBe('Σ');
    expect(find('école', 'ÉCOLE')).toBeNull();
  });
  it('. $ ^ follow Python (\\n is the only line break); code points, not UTF-16 halves', () => {
    expect(find('a.b', 'a\u2028b')).toBe('a\u2028b');
    expect(find('a.b', 'a\rb')).toBe('a\rb');
    expect(find('a.b', 'a\nb')).toBeNull();
    expect(find('(?s)a.b', 'a\nb')).toBe('a\nb');
    expect(find('^.$', '😀')).toBe('😀');
    expect(find('x$', 'x\n')).toBe('x'); // $ also before a final newline
    expect(find('x\\Z', 'x\n')).toBeNull();
    expect(find('(?m)^b$', 'a\rb\nb')).toBe('b');
    expect(re('(?m)^b').exec('a\u2028b')).toBeNull();
  });
  it('keeps Python-legal spellings that the u flag would reject', () => {
    expect(find('\\-\\_\\\'\\"\\,\\ \\#\\é\\/', '-_\'", #é/')).toBe('-_\'", #é/');
    expect(find('a{,2}', 'aaa')).toBe('aa');
    expect(find('x{a}y{}z{', 'x{a}y{}z{')).toBe('x{a}y{}z{');
    expect(find('a}]', 'a}]')).toBe('a}]');
    expect(find('[\\-a]+', 'a-')).toBe('a-');
    expect(find('[-a]+[a-]+', '-aa-')).toBe('-aa-');
    expect(find('\\a\\x41\\u00e9\\U0001F600\\101\\0', '\x07Aé😀A\0')).toBe('\x07Aé😀A\0');
    expect(find('[\\1-\\3\\b]+', '\x01\x03\b')).toBe('\x01\x03\b');
    expect(find('a(?#note)b', 'ab')).toBe('ab');
    expect(find('(a)\\1', 'aa')).toBe('aa');
    expect(find('(?=a)*a', 'a')).toBe('a');
    expect(re('(?P<é>x)').exec('x')?.groups?.['é']).toBe('x');
  });
  it('rejects what Python rejects with DLV_QUERY_ARGUMENT', () => {
    const code = (p: string): string => {
      try {
        re(p);
      } catch (e) {
        return (e as { code: string }).code;
      }
      return 'ok';
    };
    for (const bad of ['\\q', '\\p{L}', '[\\w-z]', '[z-a]', '[a', '\\8', '(a)\\2', '(a\\1)', '(?P=n)', '^*', '\\b+', 'a**', 'a*+', '\\N{DASH}', '(?au)x', '[\\B]', '\\']) {
      expect([bad, code(bad)]).toEqual([bad, 'DLV_QUERY_ARGUMENT']);
    }
    expect(() => re('(x')).toThrow(/^Invalid regular expression: Unterminated group$/); // no translated source in the message
  });
});

describe('compileReplacement', () => {
  const sub = (pattern: string, repl: string, text: string): string => {
    const r = re(pattern, { global: true });
    return text.replace(r, compileReplacement(repl, r, 'repl'));
  };
  it('expands \\N, \\g<N>, \\g<name>, \\g<0> and escapes; $ is literal', () => {
    expect(sub('(a)(b)', '\\2\\1', 'ab')).toBe('ba');
    expect(sub('(?P<x>a)', '[\\g<x>|\\g<1>|\\g<0>]', 'a')).toBe('[a|a|a]');
    expect(sub('a', '$&\\n\\t\\\\', 'a')).toBe('$&\n\t\\');
    expect(sub('(a)?b', '<\\1>', 'b')).toBe('<>');
    expect(sub('a', '\\&', 'a')).toBe('\\&');
  });
});

describe('python regex (properties)', () => {
  it('compiling any pattern and replacement yields a RegExp or a DelveError', async () => {
    const fc = (await import('fast-check')).default;
    const { DelveError } = await import('../../errors.js');
    const piece = fc.constantFrom('(', ')', '(?P<', 'n>', '(?P=n)', '[', ']', '^', '\\', 'A', 'Z', '+', '*', '?', '{2,}', 'a', '|', '(?i)', '\\1', '\\g<n>', '\\g<0>',
      '\\w', '\\W', '\\b', '\\B', '\\d', '\\s', '\\S', '{,2}', '{', '}', '-', '\\-', '\\_', 'é', 'É', '😀', '\\é', '\\x4', '\\U0001F600', '\\0', '(?#', '(?=', '(?a)', '$', '.');
    const text = fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 12 }), fc.array(piece, { maxLength: 12 }).map((a) => a.join('')));
    fc.assert(
      fc.property(text, text, (pattern, repl) => {
        try {
          const r = compilePythonRegex(pattern, { field: 'p', global: true });
          expect('abc aab é😀É'.replace(r, compileReplacement(repl, r, 'r'))).toEqual(expect.any(String));
        } catch (e) {
          expect(e).toBeInstanceOf(DelveError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
