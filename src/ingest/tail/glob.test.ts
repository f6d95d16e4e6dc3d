import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DelveError } from '../../errors.js';
import { expandGlob, expandGlobs, globToRegExp, matchGlob, validatePattern } from './glob.js';

describe('glob matcher', () => {
  it.each([
    ['/var/log/*.log', '/var/log/app.log', true],
    ['/var/log/*.log', '/var/log/sub/app.log', false],
    ['/var/log/*.log', '/var/log/.hidden.log', false],
    ['/var/log/.*.log', '/var/log/.hidden.log', true],
    ['/var/log/app.log?', '/var/log/app.log1', true],
    ['/var/log/app.log?', '/var/log/app.log', false],
    ['/var/log/app.[0-9]', '/var/log/app.7', true],
    ['/var/log/app.[0-9]', '/var/log/app.x', false],
    ['/var/log/app.[!0-9]', '/var/log/app.x', true],
    ['/var/log/app.[^0-9]', '/var/log/app.5', false],
    ['/var/log/[]]x', '/var/log/]x', true],
    ['/var/log/a\\*b', '/var/log/a*b', true],
    ['/var/log/a\\*b', '/var/log/axb', false],
    ['/var/log/[abc', '/var/log/[abc', true],
    ['/var/**/*.log', '/var/app.log', true],
    ['/var/**/*.log', '/var/a/b/c/app.log', true],
    ['/var/**/*.log', '/var/a/.git/app.log', false],
    ['/var/**', '/var/a/b/x', true],
    ['/var/**/x/**/y.log', '/var/x/y.log', true],
    ['/var/**/x/**/y.log', '/var/1/x/2/3/y.log', true],
    ['/var/a**b/c', '/var/aXXb/c', true],
    ['/var/log/(x)+.log', '/var/log/(x)+.log', true],
    ['/var/log/(x)+.log', '/var/log/xx.log', false],
  ])('%s vs %s → %s', (pattern, path, expected) => {
    expect(matchGlob(pattern, path)).toBe(expected);
  });

  it('never throws and escaped literal names match themselves (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        expect(globToRegExp(s)).toBeInstanceOf(RegExp);
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[a-zA-Z0-9_*?[\]!^\\.-]{1,20}$/), (name) => {
        const escaped = name.replace(/[\\*?[]/g, (c) => `\\${c}`);
        if (name.startsWith('.')) return;
        expect(matchGlob(`/d/${escaped}`, `/d/${name}`)).toBe(true);
      }),
    );
  });

  it('rejects patterns that cannot name files', () => {
    for (const bad of ['', '  ', 'logs/', 'a\0b']) {
      expect(() => validatePattern(bad)).toThrow(DelveError);
    }
  });
});

describe('expandGlob (real directory tree)', () => {
  const root = mkdtempSync(join(tmpdir(), 'delve-glob-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const touch = (rel: string): void => {
    const p = join(root, rel);
    mkdirSync(join(p, '..'), { recursive: true });
    writeFileSync(p, 'x\n');
  };
  touch('a.log');
  touch('b.txt');
  touch('.hidden.log');
  touch('sub/c.log');
  touch('sub/deep/d.log');
  touch('.git/e.log');
  touch('other/f.log');
  mkdirSync(join(root, 'dir.log'));
  symlinkSync(join(root, 'sub'), join(root, 'loop')); // a symlinked directory: not followed under **
  symlinkSync(join(root, 'a.log'), join(root, 'link.log'));

  it('matches files in one directory (not directories, not dotfiles)', async () => {
    expect(await expandGlob(join(root, '*.log'))).toEqual([join(root, 'a.log'), join(root, 'link.log')]);
  });

  it('walks ** without dot directories or symlinked directories', async () => {
    expect(await expandGlob(join(root, '**/*.log'))).toEqual(
      [join(root, 'a.log'), join(root, 'link.log'), join(root, 'other/f.log'), join(root, 'sub/c.log'), join(root, 'sub/deep/d.log')].sort(),
    );
  });

  it('resolves relative patterns against cwd and handles static paths', async () => {
    expect(await expandGlob('sub/*/d.log', root)).toEqual([join(root, 'sub/deep/d.log')]);
    expect(await expandGlob('b.txt', root)).toEqual([join(root, 'b.txt')]);
    expect(await expandGlob('missing/*.log', root)).toEqual([]);
  });

  it('agrees with matchGlob on every file found', async () => {
    const pattern = join(root, '**/[a-d].log');
    const found = await expandGlobs([pattern, pattern]);
    expect(found).toEqual([join(root, 'a.log'), join(root, 'sub/c.log'), join(root, 'sub/deep/d.log')]);
    for (const f of found) expect(matchGlob(pattern, f)).toBe(true);
  });
});
