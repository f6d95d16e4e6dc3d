import { symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmHome } from '../helpers/fl.js';
import { req } from '../helpers/http.js';
import { basic } from '../helpers/client.js';
import { addUser, PW, startUi, tempTree, type UiServer } from './ui-harness.js';

interface ErrorBody { error: { code: string; field?: string } }
interface Page { path: string; title: string; html: string; toc: { id: string; level: number; text: string }[] }

let s: UiServer;
let docs: string;
let outside: string;
const get = (path: string) => req(`${s.url}${path}`, { headers: basic('reader', PW) });

beforeAll(async () => {
  outside = tempTree({ 'secret.md': '# Outside\n\nTOP-SECRET-OUTSIDE\n' }, 'delve-outside-');
  docs = tempTree({
    'user/index.md': '# User guide\n\nStart with [Searching](searching.md#time-ranges) or the [admin manual](../admin/index.md).\n\n## First steps\n\nSome text.\n\n## First steps\n\nAgain.\n',
    'user/searching.md': '# Searching\n\n## Time ranges\n\nUse **earliest** and `latest` to bound a Search.\n\n### Examples\n\n```\nsearch index=web | stats count\n```\n\nExternal: [site](https://example.org/x) and [mail](mailto:a@example.org). Bad: [x](javascript:alert(1)).\n',
    'user/danger.md': '# Danger <b>bold</b>\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1))\n',
    'admin/index.md': '# Administration\n\nSee [errors](../errors.md) and [up](../../package.json) and [rel](notes.md?x=1#frag).\n',
    'admin/notes.md': '# Notes\n\nnothing\n',
    'commands.md': '# Commands\n\nEvery command.\n',
    'errors.md': '# Error codes\n\nDLV_X means searching failed.\n',
    '.hidden.md': '# Hidden\n',
    'notes.txt': 'not markdown',
  }, 'delve-docs-');
  symlinkSync(join(outside, 'secret.md'), join(docs, 'user', 'linked.md'));
  s = await startUi({}, { manualDir: docs });
  await addUser(s.store, 'reader');
});
afterAll(async () => {
  await s.close();
  rmHome(docs);
  rmHome(outside);
});

describe('GET /api/manual/', () => {
  it('lists every .md page with its first heading and section, user first, then admin, then reference', async () => {
    const r = await get('/api/manual/');
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({ pages: [
      { path: 'user/index.md', title: 'User guide', section: 'user' },
      { path: 'user/danger.md', title: 'Danger <b>bold</b>', section: 'user' },
      { path: 'user/searching.md', title: 'Searching', section: 'user' },
      { path: 'admin/index.md', title: 'Administration', section: 'admin' },
      { path: 'admin/notes.md', title: 'Notes', section: 'admin' },
      { path: 'commands.md', title: 'Commands', section: 'reference' },
      { path: 'errors.md', title: 'Error codes', section: 'reference' },
    ] });
  });

  it('needs authentication', async () => {
    expect((await req(`${s.url}/api/manual/`)).status).toBe(401);
    expect((await req(`${s.url}/api/manual/page?path=user/index.md`)).status).toBe(401);
  });
});

describe('GET /api/manual/page', () => {
  it('renders headings with unique ids, a table of contents, and rewritten links', async () => {
    const r = await get('/api/manual/page?path=user/index.md');
    expect(r.status).toBe(200);
    const p = r.json<Page>();
    expect(p.path).toBe('user/index.md');
    expect(p.title).toBe('User guide');
    expect(p.toc).toEqual([{ id: 'first-steps', level: 2, text: 'First steps' }, { id: 'first-steps-1', level: 2, text: 'First steps' }]);
    expect(p.html).toContain('<h1 id="user-guide">User guide</h1>');
    expect(p.html).toContain('<a href="/docs/user/searching.md#time-ranges">Searching</a>');
    expect(p.html).toContain('<a href="/docs/admin/index.md">admin manual</a>');

    const search = (await get('/api/manual/page?path=user/searching.md')).json<Page>();
    expect(search.toc).toEqual([{ id: 'time-ranges', level: 2, text: 'Time ranges' }, { id: 'examples', level: 3, text: 'Examples' }]);
    expect(search.html).toContain('<a href="https://example.org/x" rel="noopener noreferrer">site</a>');
    expect(search.html).toContain('rel="noopener noreferrer">mail</a>');
    expect(search.html).not.toContain('href="javascript:');
    expect(search.html).toContain('<code>latest</code>');

    const admin = (await get('/api/manual/page?path=admin/index.md')).json<Page>();
    expect(admin.html).toContain('<a href="/docs/errors.md">errors</a>');
    expect(admin.html).toContain('<a href="/docs/admin/notes.md#frag">rel</a>');
    expect(admin.html).toContain('<a href="../../package.json">up</a>'); // not a manual page: left as written
  });

  it('escapes raw HTML in the markdown', async () => {
    const p = (await get('/api/manual/page?path=user/danger.md')).json<Page>();
    expect(p.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(p.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(p.html).toContain('Danger &lt;b&gt;bold&lt;/b&gt;');
    expect(p.html).not.toMatch(/<script|<img|<b>|href="javascript/i);
  });

  it.each([
    '../package.json', 'user/../../package.json', '..%2Fpackage.json', '/etc/passwd', 'user/index.txt', 'notes.txt', '.hidden.md',
    'user/linked.md', 'user//index.md', 'user\\index.md', 'nope.md', 'user', '%2e%2e/x.md',
  ])('refuses %s with DLV_HTTP_NOT_FOUND', async (path) => {
    const r = await get(`/api/manual/page?path=${encodeURIComponent(path)}`);
    expect(r.status).toBe(404);
    expect(r.json<ErrorBody>().error.code).toBe('DLV_HTTP_NOT_FOUND');
    expect(r.body).not.toContain('TOP-SECRET');
  });

  it('re-renders a page when the file changes', async () => {
    const file = join(docs, 'admin', 'notes.md');
    writeFileSync(file, '# Notes v2\n\nchanged\n');
    const later = new Date(Date.now() + 5000);
    utimesSync(file, later, later);
    const p = (await get('/api/manual/page?path=admin/notes.md')).json<Page>();
    expect(p.title).toBe('Notes v2');
  });
});

describe('GET /api/manual/search', () => {
  it('finds pages by case-insensitive substring with plain-text snippets, title hits first', async () => {
    const r = await get('/api/manual/search?q=SEARCHING');
    expect(r.status).toBe(200);
    const results = r.json<{ results: { path: string; title: string; snippet: string }[] }>().results;
    expect(results.map((x) => x.path)).toEqual(['user/searching.md', 'errors.md', 'user/index.md']);
    const err = results.find((x) => x.path === 'errors.md')!;
    expect(err.snippet).toContain('DLV_X means searching failed.');
    const bold = (await get('/api/manual/search?q=earliest%20and')).json<{ results: { snippet: string }[] }>().results;
    expect(bold[0]!.snippet).toContain('Use earliest and latest to bound a Search.');
    expect(bold[0]!.snippet).not.toContain('**');
    expect((await get('/api/manual/search?q=no-such-words-here')).json()).toEqual({ results: [] });
    expect((await get('/api/manual/search?q=TOP-SECRET')).json()).toEqual({ results: [] });
    expect((await get('/api/manual/search')).status).toBe(400);
  });
});
