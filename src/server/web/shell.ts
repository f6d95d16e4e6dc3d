import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DelveError } from '../../errors.js';

/** Client-side routes of the web UI: each answers with index.html (the app routes itself). */
export const SPA_EXACT = ['/', '/login', '/setup'] as const;
export const SPA_PREFIXES = ['/explore', '/library', '/tokens', '/admin', '/profile', '/docs'] as const;

export type ShellHandler = (req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>;

/**
 * A handler answering with `<root>/index.html` (never cached: it names the current hashed assets). The file is re-read
 * when its mtime changes, so a rebuilt UI is served without a restart.
 */
export function shellHandler(root: string): ShellHandler {
  const file = join(root, 'index.html');
  let cached: { mtimeMs: number; body: Buffer } | null = null;
  return async (_req, reply) => {
    const st = await stat(file).catch(() => null);
    if (!st?.isFile()) throw new DelveError('DLV_HTTP_NOT_FOUND', 'The web UI is not built (web/dist/index.html is missing).');
    if (!cached || cached.mtimeMs !== st.mtimeMs) cached = { mtimeMs: st.mtimeMs, body: await readFile(file) };
    return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(cached.body);
  };
}

/** GET (and HEAD) of /setup and every /explore, /library, /tokens, /admin, /profile, /docs path → the shell. */
export function registerShellRoutes(app: FastifyInstance, handler: ShellHandler, skip: readonly string[] = ['/', '/login']): void {
  for (const p of SPA_EXACT) if (!skip.includes(p)) app.get(p, handler);
  for (const p of SPA_PREFIXES) {
    app.get(p, handler);
    app.get(`${p}/*`, handler);
  }
}
