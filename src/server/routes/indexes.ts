import type { FastifyInstance } from 'fastify';
import { userIndexAcl } from '../../auth/index-acl.js';
import type { SqliteDb } from '../../storage/sqlite/open.js';
import { authOf } from '../auth/authenticate.js';
import type { AuthServices } from '../auth/services.js';

/**
 * The distinct index names in `events`, in order. A skip scan over the events("index", created) index: each step
 * seeks to the first name greater than the previous one, so the cost grows with the number of indexes, not of events.
 */
export const DISTINCT_INDEXES = `WITH RECURSIVE idx(name) AS (
  SELECT (SELECT "index" FROM events ORDER BY "index" LIMIT 1)
  UNION ALL
  SELECT (SELECT "index" FROM events WHERE "index" > idx.name ORDER BY "index" LIMIT 1) FROM idx WHERE idx.name IS NOT NULL
) SELECT name FROM idx WHERE name IS NOT NULL`;

export function distinctIndexes(sqlite: SqliteDb): string[] {
  return sqlite.prepare<[], { name: string }>(DISTINCT_INDEXES).all().map((r) => r.name);
}

/** Any authenticated user (token scope read): GET /api/indexes/ → the indexes with events that the caller may read. */
export function registerIndexRoutes(app: FastifyInstance, svc: AuthServices): void {
  app.get('/api/indexes/', { config: { scope: 'read' } }, async (req) => {
    const acl = await userIndexAcl(svc.store, authOf(req).user);
    const names = distinctIndexes(svc.store.sqlite).filter((n) => acl.canRead(n));
    return { results: names.map((name) => ({ name })) };
  });
}
