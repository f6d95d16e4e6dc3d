import type { FastifyRequest } from 'fastify';

/** Default and largest page sizes of model lists (reference §3: limit/offset, page size 100). */
export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 1000;

/** Querystring schema for `limit` and `offset` (Fastify coerces the strings to integers). */
export const PAGE_QUERY = {
  limit: { type: 'integer', minimum: 1, maximum: MAX_PAGE },
  offset: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
} as const;

export interface Page { limit: number; offset: number }

export function pageOf(q: { limit?: number; offset?: number }, dflt = DEFAULT_PAGE): Page {
  return { limit: q.limit ?? dflt, offset: q.offset ?? 0 };
}

/** Absolute URL of this list with another offset (every other query parameter kept). */
function linkTo(req: FastifyRequest, page: Page, offset: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries((req.query ?? {}) as Record<string, unknown>)) {
    if (k !== 'limit' && k !== 'offset' && v !== undefined) params.set(k, String(v));
  }
  params.set('limit', String(page.limit));
  if (offset > 0) params.set('offset', String(offset));
  return `${req.protocol}://${req.host}${req.url.split('?')[0]}?${params.toString()}`;
}

/** The list envelope `{count, next, previous, results}` with absolute next/previous URLs (null at the ends). */
export function envelope<T>(req: FastifyRequest, page: Page, count: number, results: T[]): { count: number; next: string | null; previous: string | null; results: T[] } {
  const next = page.offset + page.limit < count ? linkTo(req, page, page.offset + page.limit) : null;
  const previous = page.offset > 0 ? linkTo(req, page, Math.max(0, page.offset - page.limit)) : null;
  return { count, next, previous, results };
}
