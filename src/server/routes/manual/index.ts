import type { FastifyInstance } from 'fastify';
import type { AuthServices } from '../../auth/services.js';
import { ManualLibrary } from './library.js';

export { ManualLibrary, isManualPath, type ManualPageInfo, type ManualSearchHit } from './library.js';
export { renderManual, rewriteHref, slugify, type RenderedManual, type TocEntry } from './render.js';

/**
 * Any authenticated user (token scope read): the markdown manuals of `dir` (DELVE_DOCUMENTATION_DIRECTORY).
 * GET /api/manual/ → {pages: [{path, title, section}]}; GET /api/manual/page?path= → {path, title, html, toc};
 * GET /api/manual/search?q= → {results: [{path, title, snippet}]}.
 */
export function manualRoutes(dir: string) {
  const lib = new ManualLibrary(dir);
  return (app: FastifyInstance, _svc: AuthServices): void => {
    app.get('/api/manual/', { config: { scope: 'read' } }, async () => ({ pages: await lib.list() }));

    app.get<{ Querystring: { path: string } }>('/api/manual/page', {
      config: { scope: 'read' },
      schema: { querystring: { type: 'object', required: ['path'], properties: { path: { type: 'string', minLength: 1, maxLength: 512 } } } },
    }, async (req) => {
      const p = await lib.page(req.query.path);
      return { path: p.path, title: p.title, html: p.html, toc: p.toc };
    });

    app.get<{ Querystring: { q: string } }>('/api/manual/search', {
      config: { scope: 'read' },
      schema: { querystring: { type: 'object', required: ['q'], properties: { q: { type: 'string', minLength: 1, maxLength: 200 } } } },
    }, async (req) => ({ results: await lib.search(req.query.q) }));
  };
}
