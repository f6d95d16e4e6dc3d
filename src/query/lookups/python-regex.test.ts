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
    const piece = fc.constantFrom('(', ')', '(?P<', 'n>', '(?P=n)', '[', ']', '^', '\\', 'A', 'Z', '+', '*', '?', '{2,}', 'a', '|', '(?i)', '\\1', '\\g<n>', '\\g<0>');
    const text = fc.oneof(fc.string({ maxLength: 20 }), fc.array(piece, { maxLength: 12 }).map((a) => a.join('')));
    fc.assert(
      fc.property(text, text, (pattern, repl) => {
        try {
          const r = compilePythonRegex(pattern, { field: 'p', global: true });
          expect('abc aab'.replace(r, compileReplacement(repl, r, 'r'))).toEqual(expect.any(String));
        } catch (e) {
          expect(e).toBeInstanceOf(DelveError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
