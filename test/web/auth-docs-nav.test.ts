import { describe, expect, it } from 'vitest';
import { defaultDocPath, docHref, docPathFromPathname, groupPages, internalDocTarget, samePage } from '../../web/src/features/docs/docs-nav';

const pages = [
  { path: 'commands.md', title: 'Command reference', section: 'Reference' },
  { path: 'admin/index.md', title: 'Administration', section: 'Administration' },
  { path: 'user/explore.md', title: 'Explore', section: 'User manual' },
  { path: 'user/index.md', title: 'User manual', section: 'User manual' },
  { path: 'extra.md', title: 'Extra', section: 'Misc' },
];

describe('docs navigation helpers', () => {
  it('groups pages: User manual, Administration, Reference, then others', () => {
    const g = groupPages(pages);
    expect(g.map((x) => x.section)).toEqual(['User manual', 'Administration', 'Reference', 'Misc']);
    expect(g[0]?.pages.map((p) => p.path)).toEqual(['user/index.md', 'user/explore.md']); // index first
    expect(groupPages([{ path: 'a', title: 'a', section: 'admin' }, { path: 'b', title: 'b', section: 'user' }]).map((x) => x.section)).toEqual(['User manual', 'Administration']);
  });
  it('maps URLs to manual paths and back', () => {
    expect(docPathFromPathname('/docs')).toBeNull();
    expect(docPathFromPathname('/docs/')).toBeNull();
    expect(docPathFromPathname('/docs/user/explore.md')).toBe('user/explore.md');
    expect(docPathFromPathname('/docs/a%20b.md')).toBe('a b.md');
    expect(docPathFromPathname('/docsx/a')).toBeNull();
    expect(docHref('user/a b.md')).toBe('/docs/user/a%20b.md');
    expect(docPathFromPathname(docHref('admin/x y#z.md'))).toBe('admin/x y#z.md');
  });
  it('opens the user manual index by default, else the first page', () => {
    expect(defaultDocPath(pages)).toBe('user/index.md');
    expect(defaultDocPath(pages.filter((p) => p.path !== 'user/index.md'))).toBe('commands.md');
    expect(defaultDocPath([])).toBeNull();
    expect(samePage('user/index.md', 'user')).toBe(true);
    expect(samePage('user/explore.md', 'user/explore')).toBe(true);
    expect(samePage('user/explore.md', null)).toBe(false);
  });
  it('intercepts only links into /docs on this origin that change the page', () => {
    const here = 'https://delve.test/docs/user/index.md';
    expect(internalDocTarget('https://delve.test/docs/admin/index.md#first-run', here)).toBe('/docs/admin/index.md#first-run');
    expect(internalDocTarget('../admin/index.md', here)).toBe('/docs/admin/index.md');
    expect(internalDocTarget('https://delve.test/docs/user/index.md#x', here)).toBeNull(); // same page: the browser scrolls
    expect(internalDocTarget('https://evil.test/docs/user/index.md', here)).toBeNull();
    expect(internalDocTarget('https://delve.test/explore', here)).toBeNull();
    expect(internalDocTarget('https://delve.test/api/docs', here)).toBeNull();
    expect(internalDocTarget('javascript:alert(1)', here)).toBeNull();
  });
});
