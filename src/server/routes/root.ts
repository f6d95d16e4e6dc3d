import type { FastifyInstance } from 'fastify';

/** GET /api/: the map of endpoint names to URLs (reference §3). */
export function registerApiRoot(app: FastifyInstance, endpoints: string[]): void {
  app.get('/api/', { config: { scope: 'ingest' } }, async (req) => {
    const base = `${req.protocol}://${req.host}`;
    return Object.fromEntries(endpoints.map((e) => [e, `${base}/api/${e}/`]));
  });
}
