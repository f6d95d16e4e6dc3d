import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_NEXT, safeNext } from '../../web/src/features/auth/safe-next';

describe('safeNext (where the login page goes after logging in)', () => {
  it('keeps same-origin relative paths with query and fragment', () => {
    for (const p of ['/explore', '/explore?text=search%20index%3Dweb&name=x', '/docs/user/index.md#first-run', '/', '/library/queries/12'])
      expect(safeNext(p)).toBe(p);
  });

  it('falls back to /explore for missing or empty values', () => {
    expect(safeNext(null)).toBe(DEFAULT_NEXT);
    expect(safeNext(undefined)).toBe(DEFAULT_NEXT);
    expect(safeNext('')).toBe('/explore');
    expect(safeNext('', '/x')).toBe('/x');
  });

  it('refuses other origins, schemes and protocol-relative tricks', () => {
    const bad = [
      '//evil.example', '//evil.example/path', '/\\evil.example', '\\\\evil.example', '/\t/evil.example', '/\n/evil.example',
      '/\r\n//evil', 'https://evil.example', 'http:evil.example', 'javascript:alert(1)', 'JavaScript:alert(1)',
      'data:text/html,<script>alert(1)</script>', 'evil.example', 'explore', ' /explore', './explore', '../x',
      '/\u0000x', '/x\u007f', '/a\\b', `/${'a'.repeat(3000)}`,
    ];
    for (const p of bad) expect(safeNext(p), JSON.stringify(p)).toBe(DEFAULT_NEXT);
  });

  it('does not loop back to the login or setup pages', () => {
    for (const p of ['/login', '/login?next=%2Fexplore', '/login/x', '/setup', '/setup#token=abc']) expect(safeNext(p)).toBe(DEFAULT_NEXT);
    expect(safeNext('/loginx')).toBe('/loginx');
  });

  it('never yields anything that leaves the origin (property)', () => {
    const tricky = fc.array(fc.constantFrom('/', '\\', '\t', '\n', '\r', ':', 'a', '.', '@', '%2F', '%5C', 'http', 'javascript', '#', '?', ' ', '\u0000', 'é'), { maxLength: 12 }).map((x) => x.join(''));
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 40 }), tricky), fc.string({ maxLength: 20 }), (a, b) => {
      const out = safeNext(a + b);
      const u = new URL(out, 'https://delve.test/explore');
      expect(u.origin).toBe('https://delve.test');
      expect(out.startsWith('/')).toBe(true);
      expect(out.startsWith('//')).toBe(false);
    }), { numRuns: 3000 });
  });
});
