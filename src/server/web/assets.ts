import { readFile, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { DelveError } from '../../errors.js';
import { contentTypeOf } from './content-types.js';

/** Content-hashed build output never changes under a name: browsers may keep it for a year without asking. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const MAX_ASSET_BYTES = 32 * 1024 * 1024;

function missing(path: string): DelveError {
  return new DelveError('DLV_HTTP_NOT_FOUND', `No asset ${JSON.stringify(path.slice(0, 200))}.`);
}

/**
 * The file under `dir` named by `rel` (`/`-separated name segments: no dot-files, no `..`, no empty segments), or
 * null. Symbolic links that leave `dir` are refused; directories are never listed.
 */
export async function resolveAsset(dir: string, rel: string): Promise<string | null> {
  if (rel.length === 0 || rel.length > 512) return null;
  const parts = rel.split('/');
  if (!parts.every((p) => SEGMENT.test(p))) return null;
  try {
    const root = await realpath(dir);
    const real = await realpath(join(root, ...parts));
    if (!real.startsWith(root + sep)) return null;
    const st = await stat(real);
    return st.isFile() && st.size <= MAX_ASSET_BYTES ? real : null;
  } catch {
    return null;
  }
}

/** GET /assets/* from `<root>/assets`: immutable caching, content types by extension, JSON 404 otherwise. */
export function registerAssetRoutes(app: FastifyInstance, root: string): void {
  const dir = join(root, 'assets');
  app.get<{ Params: { '*': string } }>('/assets/*', async (req, reply) => {
    const rel = req.params['*'] ?? '';
    const file = await resolveAsset(dir, rel);
    if (!file) throw missing(rel);
    const body = await readFile(file).catch(() => null);
    if (!body) throw missing(rel);
    return reply.header('cache-control', IMMUTABLE).type(contentTypeOf(file)).send(body);
  });
}
