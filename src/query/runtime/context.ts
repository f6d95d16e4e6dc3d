/**
 * Building the ExecContext of one query run for a user (shared by POST /api/query/ and `./fl query`): the caller's
 * index ACL and permissions, the event database connections the plan needs (`events`, see plan/context.ts), the
 * event appender for commands that store events, and `runPipeline` for run_query (one level deeper each time).
 */
import { hasPermission, userIndexAcl, type UserIndexAcl } from '../../auth/index-acl.js';
import type { User } from '../../auth/users.js';
import type { Settings } from '../../config/schema.js';
import type { Store } from '../../storage/index.js';
import type { SqliteDb } from '../../storage/sqlite/open.js';
import type { EventDatabase, EventQueryContext, TimeBounds } from '../plan/index.js';
import { failureToError } from './errors.js';
import { evaluatePipeline } from './executor.js';
import type { CommandRegistry } from './registry.js';
import type { EventAppender, QueryServices } from './types.js';

export interface ExecContextOptions {
  registry: CommandRegistry;
  user: User;
  settings: Settings;
  store: Store;
  /** Connection the SELECTs run on (a separate read-only one on the server, so a long read never blocks writes). */
  readDb: SqliteDb;
  /** Connection for qs_update / qs_delete; default the store's. */
  writeDb?: SqliteDb;
  signal: AbortSignal;
  /** The request's local context (mutated by set / events_to_context). */
  locals?: Record<string, unknown>;
  /** The caller's global context. */
  globals?: Readonly<Record<string, unknown>>;
  /** Stores events for make_events --save / request --save-event; absent → those fail with a clear error. */
  ingest?: EventAppender;
  /** The caller's index ACL, if already known (else looked up). */
  access?: UserIndexAcl;
  now?: () => Date;
  /**
   * Read-only run (e.g. an API token with `read` scope): every permission except `view_*` is refused, so commands
   * with side effects (qs_update, qs_delete, make_events --save, ...) fail with 403 whatever the user's groups say.
   */
  readOnly?: boolean;
  /** Time window (µs) bounding `created` in every search / join of the run, nested run_query pipelines included. */
  timeBounds?: TimeBounds;
}

/** The caller's event database for the plan: the read connection plus read/write index ACLs. */
function eventDb(o: ExecContextOptions, acl: UserIndexAcl): EventDatabase {
  return {
    db: o.readDb,
    writeDb: o.writeDb ?? o.store.sqlite,
    acl: { all: acl.all, patterns: acl.readPatterns },
    writeAcl: { all: acl.all, patterns: acl.writePatterns },
    // helpers open the same file as the read connection (better-sqlite3's `name`), with the same key
    parallel: { threads: o.settings.DELVE_QUERY_THREADS, minRows: o.settings.DELVE_QUERY_PARALLEL_MIN_ROWS, path: o.readDb.name, encryptionKey: o.settings.DELVE_DATABASE_ENCRYPTION_KEY ?? null },
    ...(o.timeBounds ? { timeBounds: o.timeBounds } : {}),
  };
}

/** A fresh ExecContext for one run as `o.user` (their index ACL and permissions apply to every command). */
export async function createExecContext(o: ExecContextOptions): Promise<EventQueryContext> {
  const acl = o.access ?? (await userIndexAcl(o.store, o.user));
  const perms = new Map<string, Promise<boolean>>();
  const services = (depth: number): QueryServices => ({
    settings: o.settings,
    store: o.store,
    access: acl,
    hasPermission: (codename) => {
      if (o.readOnly === true && !codename.startsWith('view_')) return Promise.resolve(false);
      let p = perms.get(codename);
      if (p === undefined) perms.set(codename, (p = hasPermission(o.store, o.user, codename)));
      return p;
    },
    ...(o.ingest ? { ingest: o.ingest } : {}),
    depth,
    runPipeline: async (text, input, locals) => {
      const nested: EventQueryContext = { ...ctx, locals, services: services(depth + 1) };
      const out = await evaluatePipeline(o.registry, text, nested, input);
      if (!out.ok) throw failureToError(out.error, 'In the saved query: ');
      return out.help === undefined ? out.value : { help: out.help };
    },
  });
  const ctx: EventQueryContext = {
    user: o.user,
    locals: o.locals ?? {},
    globals: o.globals ?? {},
    maxRows: o.settings.DELVE_MAX_RESULT_ROWS,
    signal: o.signal,
    now: o.now ?? (() => new Date()),
    services: services(0),
    events: eventDb(o, acl),
  };
  return ctx;
}
