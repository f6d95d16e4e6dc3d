import MarkdownIt from 'markdown-it';
import { posix } from 'node:path';

/** One heading of a page's table of contents. */
export interface TocEntry { id: string; level: number; text: string }

export interface RenderedManual {
  /** Text of the first level-1 heading ('' when the page has none). */
  title: string;
  /** Safe HTML: markdown-it with `html: false`, so raw HTML in the markdown is escaped as text. */
  html: string;
  /** Headings of levels 2 to 4, in order. */
  toc: TocEntry[];
  /** The page as plain text (for search snippets). */
  text: string;
}

type Token = ReturnType<MarkdownIt['parse']>[number];

/** GitHub-style heading slug: lower case, letters/digits/_/- kept, spaces become hyphens. */
export function slugify(text: string): string {
  const s = text.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s+/g, '-');
  return s === '' ? 'section' : s;
}

function inlineText(t: Token | undefined): string {
  return (t?.children ?? []).filter((c) => c.type === 'text' || c.type === 'code_inline').map((c) => c.content).join('');
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Rewrites a link found in `page` (a path relative to the manual directory): another .md file → `/docs/<path>`
 * (anchor kept); anything with a scheme or `//` is external. Returns null when the link should stay as written.
 */
export function rewriteHref(href: string, page: string): { href: string; external: boolean } | null {
  if (href.startsWith('//') || SCHEME.test(href)) return { href, external: true };
  if (href.startsWith('#')) return null;
  const cut = href.search(/[?#]/);
  const path = cut === -1 ? href : href.slice(0, cut);
  const hash = cut === -1 ? '' : href.slice(cut).replace(/^\?[^#]*/, '');
  if (!path.toLowerCase().endsWith('.md')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return null;
  }
  const joined = decoded.startsWith('/') ? decoded.slice(1) : posix.join(posix.dirname(page), decoded);
  const resolved = posix.normalize(joined);
  if (resolved.startsWith('../') || resolved === '..' || resolved.startsWith('/')) return null;
  return { href: `/docs/${resolved.split('/').map(encodeURIComponent).join('/')}${hash}`, external: false };
}

interface Env { page: string; toc: TocEntry[]; title: string | null; ids: Set<string> }

function createRenderer(): MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  // Heading ids (unique per page) and the table of contents.
  md.core.ruler.push('delve_heading_ids', (state) => {
    const env = state.env as Env;
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as Token;
      if (t.type !== 'heading_open') continue;
      const level = Number(t.tag.slice(1));
      const text = inlineText(tokens[i + 1]).trim();
      const base = slugify(text);
      let id = base;
      for (let n = 1; env.ids.has(id); n++) id = `${base}-${n}`;
      env.ids.add(id);
      t.attrSet('id', id);
      if (level === 1 && env.title === null) env.title = text;
      if (level >= 2 && level <= 4) env.toc.push({ id, level, text });
    }
  });
  const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env: Env, self) => {
    const t = tokens[idx] as Token;
    const href = t.attrGet('href');
    const r = href === null ? null : rewriteHref(href, env.page);
    if (r) {
      t.attrSet('href', r.href);
      if (r.external) t.attrSet('rel', 'noopener noreferrer');
    }
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  return md;
}

let renderer: MarkdownIt | undefined;

function plainText(tokens: Token[]): string {
  const out: string[] = [];
  for (const t of tokens) {
    if (t.type === 'inline') out.push(inlineText(t));
    else if (t.type === 'fence' || t.type === 'code_block') out.push(t.content);
  }
  return out.join('\n');
}

/** Renders one manual page (`page` is its path inside the manual directory, used to resolve relative links). */
export function renderManual(source: string, page: string): RenderedManual {
  renderer ??= createRenderer();
  const env: Env = { page, toc: [], title: null, ids: new Set() };
  const tokens = renderer.parse(source, env);
  const html = renderer.renderer.render(tokens, renderer.options, env);
  return { title: env.title ?? '', html, toc: env.toc, text: plainText(tokens) };
}
