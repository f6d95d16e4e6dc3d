import { parse } from 'node:querystring';
import type { FastifyInstance } from 'fastify';

/** application/x-www-form-urlencoded bodies for the server-rendered forms (registered only where forms are posted). */
export function registerFormParser(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
    const parsed = parse(body as string);
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(parsed)) out[k] = Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
    done(null, out);
  });
}
