import type { FastifyInstance } from 'fastify';
import { DelveError } from '../../errors.js';
import type { QueryFailure } from '../../query/engine/run.js';
import { runPipeline } from '../../query/engine/run.js';
import { buildExecContext, type QueryEnv } from '../../query/engine/context.js';
import { upsertQuery } from '../../query/saved/index.js';
import { authOf } from '../auth/authenticate.js';
import type { AuthServices } from '../auth/services.js';

interface QueryBody { text: string; name?: string | null; _save?: boolean; local_context?: unknown }

const MAX_TEXT = 100_000;

/** `local_context` may be an object or a JSON string holding one (the original accepted only the string). */
function parseLocalContext(v: unknown): Record<string, unknown> {
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
    throw new DelveError('DLV_HTTP_VALIDATION', 'local_context must be a JSON object.', { field: 'local_context' });
  }
  return value as Record<string, unknown>;
}

export type QueryRouteDeps = Omit<QueryEnv, 'settings' | 'store'>;

function errorBody(e: QueryFailure): { error: Record<string, unknown> } {
  return { error: { code: e.code, message: e.message, ...(e.command ? { command: e.command } : {}), ...(e.span ? { span: e.span } : {}) } };
}

/** POST /api/query/ (DESIGN §6) and GET /api/search_commands/. */
export function queryRoutes(deps: QueryRouteDeps) {
  return (app: FastifyInstance, svc: AuthServices): void => {
    app.get('/api/search_commands/', { config: { scope: 'read' } }, async () => deps.registry.describeAll());

    app.post<{ Body: QueryBody }>('/api/query/', {
      config: { scope: 'read' },
      schema: { body: { type: 'object', required: ['text'], additionalProperties: false, properties: {
        text: { type: 'string', minLength: 1, maxLength: MAX_TEXT }, name: { anyOf: [{ type: 'string', maxLength: 1024 }, { type: 'null' }] },
        _save: { type: 'boolean' }, local_context: {},
      } } },
    }, async (req, reply) => {
      const { user } = authOf(req);
      if (req.body.text.trim() === '') throw new DelveError('DLV_HTTP_VALIDATION', 'text must not be blank.', { field: 'text' });
      const locals = parseLocalContext(req.body.local_context);
      const s = svc.settings;
      if (req.body._save === true || (req.body.name !== undefined && req.body.name !== null)) {
        await upsertQuery(svc.store, user.id, { name: req.body.name ?? null, text: req.body.text, _save: req.body._save === true });
      }
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort({ code: 'DLV_QUERY_TIMEOUT' }), s.DELVE_QUERY_TIMEOUT * 1000);
      // The response closing before it was written means the client went away: cancel the query.
      const onClose = (): void => { if (!reply.raw.writableEnded) controller.abort({ code: 'DLV_QUERY_CANCELLED' }); };
      reply.raw.on('close', onClose);
      const started = performance.now();
      const ctx = await buildExecContext({ ...deps, settings: s, store: svc.store }, user, { locals, signal: controller.signal });
      try {
        const out = await runPipeline(deps.registry, req.body.text, ctx);
        const took = Math.round((performance.now() - started) * 100) / 100;
        if (!out.ok) {
          if (out.error.code === 'DLV_AUTH_FORBIDDEN') svc.record({ action: 'permission.denied', outcome: 'denied', actor: user.username, actorId: user.id, ip: req.ip, requestId: req.id, target: 'query', details: { command: out.error.command?.name } });
          return reply.code(out.error.status).send(errorBody(out.error));
        }
        const meta = { took_ms: took, rows: out.rows, truncated: out.truncated, ...(out.help ? { help: true } : {}) };
        if (String(req.headers.accept ?? '').includes('application/x-ndjson') && Array.isArray(out.result)) {
          const lines = out.result.map((r) => JSON.stringify(r)).join('\n');
          return reply.type('application/x-ndjson').send(`${lines}${lines ? '\n' : ''}${JSON.stringify({ meta })}\n`);
        }
        return { result: out.result, meta };
      } finally {
        clearTimeout(timer);
        reply.raw.off('close', onClose);
      }
    });
  };
}
