/** Pure helpers of the docs page: URLs <-> manual page paths, grouping the page list (tested in test/web). */
export interface ManualPageRef { path: string; title: string; section: string }
export interface TocEntry { id: string; level: number; text: string }
export interface ManualPage { path: string; title: string; html: string; toc: TocEntry[] }
export interface ManualHit { path: string; title: string; snippet: string }

export const SECTION_ORDER = ['User manual', 'Administration', 'Reference'];
const ALIASES: Record<string, string> = {
  user: 'User manual', 'user manual': 'User manual', users: 'User manual',
  admin: 'Administration', administration: 'Administration', 'admin manual': 'Administration',
  reference: 'Reference', ref: 'Reference',
};

export function sectionLabel(section: string | null | undefined): string {
  const s = (section ?? '').trim();
  if (!s) return 'Reference';
  return ALIASES[s.toLowerCase()] ?? s;
}

const isIndex = (p: ManualPageRef): boolean => /(^|\/)index(\.md)?$/i.test(p.path);

/**
 * Pages grouped by section: User manual, Administration, Reference first, other sections after (in order met);
 * within a section a manual's index page comes first, the rest keep the server's order.
 */
export function groupPages(pages: ManualPageRef[]): { section: string; pages: ManualPageRef[] }[] {
  const groups = new Map<string, ManualPageRef[]>();
  for (const p of pages) {
    const label = sectionLabel(p.section);
    const list = groups.get(label);
    if (list) list.push(p);
    else groups.set(label, [p]);
  }
  const rank = (s: string): number => {
    const i = SECTION_ORDER.indexOf(s);
    return i === -1 ? SECTION_ORDER.length : i;
  };
  return [...groups.entries()]
    .map(([section, list], order) => ({ section, pages: list, order }))
    .sort((a, b) => rank(a.section) - rank(b.section) || a.order - b.order)
    .map(({ section, pages: list }) => ({ section, pages: [...list.filter(isIndex), ...list.filter((p) => !isIndex(p))] }));
}

/** "/docs/user/explore.md" -> "user/explore.md"; "/docs" or "/docs/" -> null (the default page). */
export function docPathFromPathname(pathname: string): string | null {
  if (pathname !== '/docs' && !pathname.startsWith('/docs/')) return null;
  const rest = pathname.slice('/docs/'.length);
  if (!rest) return null;
  try {
    return rest.split('/').map((seg) => decodeURIComponent(seg)).join('/');
  } catch {
    return rest;
  }
}

export function docHref(path: string): string {
  return `/docs/${path.split('/').map((seg) => encodeURIComponent(seg)).join('/')}`;
}

/** Strip a trailing ".md" and "/index" so "user", "user/index" and "user/index.md" compare equal. */
export function samePage(a: string | null | undefined, b: string | null | undefined): boolean {
  const norm = (p: string): string => p.replace(/^\/+/, '').replace(/\.md$/i, '').replace(/(^|\/)index$/i, '').replace(/\/+$/, '');
  return typeof a === 'string' && typeof b === 'string' && norm(a) === norm(b);
}

/** The page /docs shows: the user manual's index when there is one, else the first page. */
export function defaultDocPath(pages: ManualPageRef[]): string | null {
  const idx = pages.find((p) => /^user\/index(\.md)?$/i.test(p.path)) ?? pages.find((p) => samePage(p.path, 'user'));
  return (idx ?? pages[0])?.path ?? null;
}

/**
 * For a click on a link (its resolved absolute href): the in-app address to navigate to when it points into the
 * docs on this origin, else null (let the browser follow it). `current` is the page's own URL: links that only
 * change the fragment are left to the browser, which scrolls to the anchor.
 */
export function internalDocTarget(href: string, current: string): string | null {
  let url: URL;
  let here: URL;
  try {
    here = new URL(current);
    url = new URL(href, here);
  } catch {
    return null;
  }
  if (url.origin !== here.origin) return null;
  if (url.pathname !== '/docs' && !url.pathname.startsWith('/docs/')) return null;
  if (url.pathname === here.pathname && url.search === here.search) return null;
  return url.pathname + url.search + url.hash;
}
