import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { DelveError } from '../../../errors.js';
import { renderManual, type RenderedManual } from './render.js';

export type ManualSection = 'user' | 'admin' | 'reference' | (string & {});

export interface ManualPageInfo { path: string; title: string; section: ManualSection }
export interface ManualSearchHit { path: string; title: string; snippet: string }

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const REFERENCE_FILES = new Set(['commands.md', 'errors.md']);
const SECTION_ORDER = ['user', 'admin', 'reference'];
const MAX_FILES = 2000;
const MAX_DEPTH = 6;
const MAX_FILE_BYTES = 4 * 1024 * 1024;
export const MAX_SEARCH_RESULTS = 50;

/** A manual path as the API takes it: `/`-separated name segments (no dot-files, no `..`), ending in `.md`. */
export function isManualPath(p: unknown): p is string {
  if (typeof p !== 'string' || p.length === 0 || p.length > 512 || !p.toLowerCase().endsWith('.md')) return false;
  return p.split('/').every((s) => SEGMENT.test(s));
}

function sectionOf(path: string): ManualSection {
  const parts = path.split('/');
  if (REFERENCE_FILES.has(parts[parts.length - 1] ?? '')) return 'reference';
  return parts.length > 1 ? (parts[0] as string) : 'reference';
}

function notFound(path: string): DelveError {
  return new DelveError('DLV_HTTP_NOT_FOUND', `No manual page ${JSON.stringify(path.slice(0, 200))}.`, { field: 'path' });
}

function snippetOf(text: string, at: number, len: number): string {
  const start = Math.max(0, at - 60);
  const end = Math.min(text.length, at + len + 120);
  return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
}

interface Cached { mtimeMs: number; size: number; page: RenderedManual; flat: string }

/**
 * The markdown manuals of one directory: listing (recursive, `.md` only, no dot-files, symbolic links not followed),
 * rendering (cached in memory per file, re-rendered when its mtime or size changes) and substring search.
 */
export class ManualLibrary {
  private readonly cache = new Map<string, Cached>();

  constructor(readonly dir: string) {}

  /** Every page path, sorted. An absent directory has none. */
  async paths(): Promise<string[]> {
    const out: string[] = [];
    const walk = async (rel: string, depth: number): Promise<void> => {
      let entries;
      try {
        entries = await readdir(rel === '' ? this.dir : join(this.dir, rel), { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        if (out.length >= MAX_FILES || !SEGMENT.test(e.name)) continue;
        const p = rel === '' ? e.name : `${rel}/${e.name}`;
        if (e.isDirectory() && depth < MAX_DEPTH) await walk(p, depth + 1);
        else if (e.isFile() && isManualPath(p)) out.push(p);
      }
    };
    await walk('', 0);
    return out.sort();
  }

  /** Resolves a page path to its file, refusing anything outside the directory (symbolic links included). */
  private async file(path: string): Promise<string> {
    if (!isManualPath(path)) throw notFound(path);
    try {
      const root = await realpath(this.dir);
      const real = await realpath(join(root, ...path.split('/')));
      if (!real.startsWith(root + sep)) throw notFound(path);
      return real;
    } catch (e) {
      if (e instanceof DelveError) throw e;
      throw notFound(path);
    }
  }

  /** The rendered page. @throws DelveError DLV_HTTP_NOT_FOUND (field `path`) for an unknown or refused path. */
  async page(path: string): Promise<RenderedManual & { path: string }> {
    const file = await this.file(path);
    const st = await stat(file).catch(() => null);
    if (!st?.isFile() || st.size > MAX_FILE_BYTES) throw notFound(path);
    const hit = this.cache.get(path);
    if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return { path, ...hit.page };
    const page = renderManual(await readFile(file, 'utf8'), path);
    this.cache.set(path, { mtimeMs: st.mtimeMs, size: st.size, page, flat: page.text.replace(/\s+/g, ' ') });
    return { path, ...page };
  }

  private async loadAll(): Promise<{ path: string; title: string; flat: string }[]> {
    const out: { path: string; title: string; flat: string }[] = [];
    const paths = await this.paths();
    for (const k of [...this.cache.keys()]) if (!paths.includes(k)) this.cache.delete(k);
    for (const p of paths) {
      try {
        const page = await this.page(p);
        out.push({ path: p, title: page.title || p, flat: this.cache.get(p)?.flat ?? '' });
      } catch {
        // vanished or unreadable since the listing: skip it
      }
    }
    return out;
  }

  /** Every page with its title (first `#` heading) and section (`user`, `admin`, `reference`, or its folder). */
  async list(): Promise<ManualPageInfo[]> {
    const rank = (s: string): number => { const i = SECTION_ORDER.indexOf(s); return i === -1 ? SECTION_ORDER.length : i; };
    const pages = (await this.loadAll()).map((p) => ({ path: p.path, title: p.title, section: sectionOf(p.path) }));
    const isIndex = (p: string): number => (p.endsWith('/index.md') || p === 'index.md' ? 0 : 1);
    return pages.sort((a, b) => rank(a.section) - rank(b.section) || a.section.localeCompare(b.section) || isIndex(a.path) - isIndex(b.path) || a.path.localeCompare(b.path));
  }

  /** Case-insensitive substring search over titles and page text; title hits first; at most 50, plain-text snippets. */
  async search(q: string): Promise<ManualSearchHit[]> {
    const needle = q.trim().toLowerCase();
    if (needle === '') return [];
    const inTitle: ManualSearchHit[] = [];
    const inText: ManualSearchHit[] = [];
    for (const p of await this.loadAll()) {
      const at = p.flat.toLowerCase().indexOf(needle);
      const titleHit = p.title.toLowerCase().includes(needle);
      if (!titleHit && at === -1) continue;
      const hit = { path: p.path, title: p.title, snippet: at === -1 ? snippetOf(p.flat, 0, 0) : snippetOf(p.flat, at, needle.length) };
      (titleHit ? inTitle : inText).push(hit);
    }
    return [...inTitle, ...inText].slice(0, MAX_SEARCH_RESULTS);
  }
}
