/**
 * POST /api/query/ (DESIGN §6, reference §3.1 with §12 #20/#21 fixed) and GET /api/search_commands/.
 *
 * POST body `{text, name?, _save?, local_context?, earliest?, latest?}` (local_context: an object or a JSON string
 * holding one; earliest/latest: ISO-8601 date or datetime strings, or null, bounding `created` — earliest inclusive,
 * latest exclusive — in every search of the pipeline and join's right side, AND-ed with the query's own time
 * options). Answers `200 {"result", "meta": {took_ms, rows, truncated, limit}}` (limit = DELVE_MAX_RESULT_ROWS), `-h` → `{"result": {"help"}}`, or a real 4xx/5xx with
 * `{"error": {code, message, command, span}}`. `Accept: application/x-ndjson` streams a row result as one JSON row
 * per line followed by a `{"meta": …}` line. Runs as the caller (their index ACL and permissions), on a separate
 * read-only connection, under DELVE_QUERY_TIMEOUT, and is cancelled when the client disconnects. Reachable with
 * `read`-scoped API tokens; such runs are read-only (no command with side effects, no `_save`).
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { userIndexAcl } from '../../auth/index-acl.js';
import { scopeAllows } from '../../auth/tokens.js';
import { DelveError } from '../../errors.js';
import type { IngestPipeline } from '../../ingest/pipeline.js';
import {
  createExecContext, defaultRegistry, errorBody, pipelineAppender, queryDeadline, runPipeline, type CommandRegistry, type QueryFailure,
} from '../../query/runtime/index.js';
import { parseIsoDateTime } from '../../query/cast/index.js';
import type { TimeBounds } from '../../query/plan/index.js';
import { getGlobalContext, upsertQuery } from '../../query/saved/index.js';
import { openSqlite, type SqliteDb } from '../../storage/index.js';
import { authOf } from '../auth/authenticate.js';
import { requirePermission } from '../auth/guards.js';
import type { AuthServices } from '../auth/services.js';

/** Longest accepted query text (characters). */
export const MAX_QUERY_TEXT = 100_000;
/** Rows per chunk written to an NDJSON stream. */
const NDJSON_CHUNK = 500;

interface QueryBody { text: string; name?: string | null; _save?: boolean; local_context?: unknown; earliest?: unknown; latest?: unknown }

export interface QueryRouteOptions {
  /** Commands available to queries (default: all built-in commands). */
  registry?: CommandRegistry;
  /** Read-only connection for SELECTs; default: one opened from the settings here and closed with the app. */
  readDb?: SqliteDb;
  /** The ingest pipeline, so make_events --save / request --save-event can store events. */
  ingest?: { pipeline: IngestPipeline };
}

const BODY = {
  type: 'object', required: ['text'], additionalProperties: false,
  properties: {
    text: { type: 'string', minLength: 1, maxLength: MAX_QUERY_TEXT },
    name: { anyOf: [{ type: 'string', maxLength: 1024 }, { type: 'null' }] },
    _save: { type: 'boolean' },
    local_context: {},
    earliest: {},
    latest: {},
  },
} as const;

/** `earliest` / `latest`: absent or null → no bound; an ISO-8601 date/datetime string → epoch µs; else 400 naming the field. */
export function parseTimeBound(v: unknown, field: 'earliest' | 'latest'): number | null {
  if (v === undefined || v === null) return null;
  const d = typeof v === 'string' && v.length <= 64 ? parseIsoDateTime(v.trim()) : undefined;
  if (d === undefined || Number.isNaN(d.getTime())) {
    throw new DelveError('DLV_HTTP_VALIDATION', `${field} must be an ISO-8601 date or datetime (e.g. 2024-01-31T12:00:00Z) or null.`, { field });
  }
  return d.getTime() * 1000;
}

/** The run's time window from the body, or undefined when neither bound is given. */
export function parseTimeBounds(body: { earliest?: unknown; latest?: unknown }): TimeBounds | undefined {
  const earliest = parseTimeBound(body.earliest, 'earliest');
  const latest = parseTimeBound(body.latest, 'latest');
  if (earliest !== null && latest !== null && earliest > latest) {
    throw new DelveError('DLV_HTTP_VALIDATION', 'latest must not be before earliest.', { field: 'latest' });
  }
  return earliest === null && latest === null ? undefined : { earliest, latest };
}

/** `local_context`: absent/null/'' → {}, an object, or a JSON string holding an object; else 400 with the field. */
export function parseLocalContext(v: unknown): Record<string, unknown> {
  if (v === undefined || v === null || v === '') return {};
  let value = v;
  if (typeof v === 'string') {
    try {
      value = JSON.parse(v);
    } catch (e) {
      throw new DelveError('DLV_HTTP_VALIDATION', `local_context is not valid JSON: ${(e as Error).message}`, { field: 'local_context' });
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new DelveError('DLV_HTTP_VALIDATION', 'local_context must be a JSON object (or a string holding one), e.g. {"host": "web1"}.', { field: 'local_context' });
  }
  return value as Record<string, unknown>;
}

function openReadDb(svc: AuthServices): { db: SqliteDb; owned: boolean } {
  const s = svc.settings;
  if (s.DELVE_DATABASE_PATH === ':memory:') return { db: svc.store.sqlite, owned: false };
  const db = openSqlite({ path: s.DELVE_DATABASE_PATH, readonly: true, ...(s.DELVE_DATABASE_ENCRYPTION_KEY ? { encryptionKey: s.DELVE_DATABASE_ENCRYPTION_KEY } : {}) });
  return { db, owned: true };
}

/** Write the rows as NDJSON, then the meta line; chunked so a large result does not build one huge string. */
function sendNdjson(reply: FastifyReply, rows: unknown[], meta: Record<string, unknown>): FastifyReply {
  function* lines(): Generator<string> {
    for (let i = 0; i < rows.length; i += NDJSON_CHUNK) {
      yield rows.slice(i, i + NDJSON_CHUNK).map((r) => `${JSON.stringify(r)}\n`).join('');
    }
    yield `${JSON.stringify({ meta })}\n`;
  }
  return reply.type('application/x-ndjson; charset=utf-8').send(Readable.from(lines()));
}

/** Registers POST /api/query/ and GET /api/search_commands/ (behind the authentication hook). */
export function registerQueryRoutes(app: FastifyInstance, svc: AuthServices, opts: QueryRouteOptions = {}): void {
  const registry = opts.registry ?? defaultRegistry();
  let read = opts.readDb ? { db: opts.readDb, owned: false } : undefined;
  app.addHook('onClose', async () => { if (read?.owned) read.db.close(); });
  const readDb = (): SqliteDb => (read ??= openReadDb(svc)).db;

  app.get('/api/search_commands/', { config: { scope: 'read' } }, async () => registry.describeAll());

  app.post<{ Body: QueryBody }>('/api/query/', { config: { scope: 'read' }, schema: { body: BODY } }, async (req, reply) => {
    const started = performance.now();
    const auth = authOf(req);
    const { user } = auth;
    const body = req.body;
    if (body.text.trim() === '') throw new DelveError('DLV_HTTP_VALIDATION', 'text must not be blank: write a query, e.g. `search index=web`.', { field: 'text' });
    const locals = parseLocalContext(body.local_context);
    const timeBounds = parseTimeBounds(body);
    const readOnly = auth.via === 'token' && !scopeAllows(auth.token?.scope ?? '', 'admin');
    if (body._save === true) {
      if (readOnly) throw new DelveError('DLV_AUTH_SCOPE', 'Saving a query (_save) needs an API token with admin scope (read tokens only run read-only queries).');
      await requirePermission(svc, req, 'add_query');
      await upsertQuery(svc.store, user.id, { name: body.name ?? null, text: body.text, _save: true });
    }
    const s = svc.settings;
    const access = await userIndexAcl(svc.store, user);
    const deadline = queryDeadline(s.DELVE_QUERY_TIMEOUT * 1000);
    const onClose = (): void => { if (!reply.raw.writableFinished) deadline.cancel(); };
    reply.raw.on('close', onClose);
    try {
      const ctx = await createExecContext({
        registry, user, settings: s, store: svc.store, readDb: readDb(), signal: deadline.signal, locals,
        globals: await getGlobalContext(svc.store, user.id), readOnly, access, ...(timeBounds ? { timeBounds } : {}),
        ...(opts.ingest && !readOnly ? { ingest: pipelineAppender(opts.ingest.pipeline, (i) => access.canWrite(i)) } : {}),
      });
      const out = await runPipeline(registry, body.text, ctx);
      if (!out.ok) return failed(out.error);
      const meta = { took_ms: Math.round((performance.now() - started) * 100) / 100, rows: out.rows, truncated: out.truncated, limit: s.DELVE_MAX_RESULT_ROWS };
      if (Array.isArray(out.result) && String(req.headers.accept ?? '').includes('application/x-ndjson')) return sendNdjson(reply, out.result, meta);
      return reply.send({ result: out.result, meta });
    } finally {
      deadline.dispose();
    }

    function failed(e: QueryFailure): FastifyReply {
      if (e.code === 'DLV_AUTH_FORBIDDEN') {
        svc.record({ action: 'permission.denied', outcome: 'denied', actor: user.username, actorId: user.id, ip: req.ip, requestId: req.id, target: 'POST /api/query/', details: { command: e.command?.name ?? null } });
      }
      if (e.status >= 500 && e.cause !== undefined) req.log.error({ err: e.cause, command: e.command }, 'query command failed');
      return reply.code(e.status).send(errorBody(e));
    }
  });
}

/** registerQueryRoutes as a route module with fixed options (for delve-routes.ts). */
export function queryRoutes(opts: QueryRouteOptions = {}): (app: FastifyInstance, svc: AuthServices) => void {
  return (app, svc) => registerQueryRoutes(app, svc, opts);
}

/** Alias: src/server/routes/saved/queries.ts also exports a `registerQueryRoutes` (for /api/queries/). */
export { registerQueryRoutes as registerQueryApiRoutes };
