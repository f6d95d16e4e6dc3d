import { hasPermission, userIndexAcl } from '../../auth/index-acl.js';
import type { User } from '../../auth/users.js';
import type { Settings } from '../../config/schema.js';
import { DelveError } from '../../errors.js';
import type { IngestPipeline } from '../../ingest/pipeline.js';
import type { SqliteDb } from '../../storage/sqlite/open.js';
import type { Store } from '../../storage/index.js';
import { getGlobalContext } from '../saved/index.js';
import type { EventAppender, ExecContext, PipelineValue, QueryServices } from '../runtime/types.js';
import type { CommandRegistry } from './registry.js';
import { runPipeline } from './run.js';

export interface QueryEnv {
  settings: Settings;
  store: Store;
  registry: CommandRegistry;
  /** Read connection for SELECTs (a running query yields mid-statement; the writer must not share it). */
  readDb: SqliteDb;
  /** For make_events --save / request --save-event; without it those report that saving is unavailable. */
  pipeline?: IngestPipeline;
}

/** Stores command-made events through the ingest pipeline (validation, the caller's write ACL, extraction, commit). */
function appender(pipeline: IngestPipeline, canWrite: (index: string) => boolean): EventAppender {
  return {
    async append(user: User, events) {
      const out = await pipeline.ingestItems(events, { userId: user.id, canWrite }, false);
      if (out.failure) throw out.failure;
      const first = out.errors[0];
      if (first) throw new DelveError(first.code, `event ${first.position + 1}: ${first.message}`, first.field ? { field: first.field } : {});
      return { ids: out.ids };
    },
  };
}

/**
 * The execution context of one query run by `user`: their index ACL pushed into every search, permissions, globals,
 * the event database (read connection + write connection for qs_update/qs_delete), run_query recursion (depth + 1).
 */
export async function buildExecContext(env: QueryEnv, user: User, opts: { locals: Record<string, unknown>; signal: AbortSignal; depth?: number }): Promise<ExecContext> {
  const acl = await userIndexAcl(env.store, user);
  const depth = opts.depth ?? 0;
  const services: QueryServices = {
    settings: env.settings, store: env.store, access: acl, depth,
    hasPermission: (c) => hasPermission(env.store, user, c),
    ...(env.pipeline ? { ingest: appender(env.pipeline, (i) => acl.canWrite(i)) } : {}),
  };
  const ctx: ExecContext & { events: unknown } = {
    user, locals: opts.locals, globals: await getGlobalContext(env.store, user.id), maxRows: env.settings.DELVE_MAX_RESULT_ROWS,
    signal: opts.signal, now: () => new Date(), services,
    events: {
      db: env.readDb, writeDb: env.store.sqlite,
      acl: { all: acl.all, patterns: acl.readPatterns }, writeAcl: { all: acl.all, patterns: acl.writePatterns },
    },
  };
  services.runPipeline = async (text: string, input: PipelineValue, locals: Record<string, unknown>): Promise<PipelineValue> => {
    const sub = await buildExecContext(env, user, { locals, signal: opts.signal, depth: depth + 1 });
    const out = await runPipeline(env.registry, text, sub, input);
    if (!out.ok) throw new DelveError(out.error.code, `run_query: ${out.error.message}`);
    return out.result as PipelineValue;
  };
  return ctx;
}
