/**
 * EventQuery: the LazyQuery of the events model. Immutable: `search` creates one, each `qs_*` derives a new one
 * with `with(plan)`. `resolve(ctx)` compiles the plan to one SELECT and runs it on the READ connection given at
 * creation, honouring ctx.maxRows (fetches maxRows + 1; `truncated` tells whether rows were cut) and ctx.signal.
 */
import type { SqliteDb } from '../../storage/sqlite/open.js';
import { DelveError } from '../../errors.js';
import type { ExecContext, LazyQuery, Row } from '../runtime/types.js';
import type { ExprScope } from '../expr/index.js';
import { aclCondition, type IndexAcl } from './acl.js';
import { compileSelect, usesFullText, type CompiledQuery } from './compile.js';
import { sqliteDialect, type SqlDialect } from './dialect.js';
import { matchCountGroups, runCountGroups } from './count-groups.js';
import { checkSignal, fetchRows, withConnection } from './execute.js';
import { withFullTextFloor } from './fulltext-floor.js';
import { detectTextSearch, prepareFullTextTail, type TextSearchMode } from './fulltext.js';
import type { ParallelOptions } from './parallel-count.js';
import { emptyPlan, type Plan } from './plan.js';
import { decodeRow } from './rows.js';
import { tuneQueryCache } from './read-cache.js';
import { registerQueryFunctions } from './sqlite-functions.js';

/** What a lazy event query runs against. The lead wires the caller's ACLs and connections here. */
export type EventQueryOptions = {
  /** READ connection the SELECTs run on (Delve's SQL functions are registered on it). */
  db: SqliteDb;
  /** Indexes the caller may read; pushed into every statement. */
  acl: IndexAcl;
  /** Indexes the caller may write (qs_update / qs_delete); default: none. */
  writeAcl?: IndexAcl;
  /** Connection for qs_update / qs_delete; without it those commands fail. */
  writeDb?: SqliteDb;
  /** Clock for time flags and Now(); default Date.now. */
  now?: () => Date;
  /** Bare-word matching; default: `fts` when the events_fts table exists, else `like`. */
  textSearch?: TextSearchMode;
  /** Helper threads for large count-per-group scans (parallel-count.ts); absent = one thread. */
  parallel?: ParallelOptions;
};

type Env = Required<Pick<EventQueryOptions, 'db' | 'acl' | 'writeAcl' | 'now'>> & {
  writeDb: SqliteDb | undefined; textSearch: TextSearchMode; dialect: SqlDialect; parallel: ParallelOptions | undefined;
};

const NO_INDEXES: IndexAcl = { all: false, patterns: [] };
const modes = new WeakMap<SqliteDb, TextSearchMode>();

export class EventQuery implements LazyQuery {
  readonly kind = 'lazy-query' as const;
  /** Set by resolve(): whether more than ctx.maxRows rows matched. */
  truncated = false;

  constructor(readonly env: Env, readonly plan: Plan) {}

  /** A new query over the same connections with another plan. */
  with(plan: Plan): EventQuery {
    return new EventQuery(this.env, plan);
  }

  /** What expressions see (dialect, annotations, now). */
  scope(): ExprScope {
    return { dialect: this.env.dialect, annotations: this.plan.annotations, nowMicros: this.env.now().getTime() * 1000 };
  }

  /** The SELECT this query runs (`cap` = most rows fetched). */
  compile(cap?: number): CompiledQuery {
    return compileSelect(this.plan, { acl: this.env.acl, dialect: this.env.dialect, textSearch: this.env.textSearch, ...(cap === undefined ? {} : { cap }) });
  }

  /** Prepare the connection: SQL functions, and the FTS tail when the plan has bare words. */
  prepare(db: SqliteDb = this.env.db, plan: Plan = this.plan): void {
    registerQueryFunctions(db);
    tuneQueryCache(db);
    if (this.env.textSearch === 'fts' && usesFullText(plan)) prepareFullTextTail(db, aclCondition(this.env.acl, this.env.dialect));
  }

  /** Run the query; rows per reference §4.6. */
  async resolve(ctx: ExecContext): Promise<Row[]> {
    const cap = ctx.maxRows + 1;
    const { columns } = this.compile(cap); // compile errors surface before the connection is taken
    const groups = matchCountGroups(this.plan);
    const counted = groups && (await runCountGroups(this, groups, cap, ctx));
    if (counted) {
      this.truncated = counted.length > ctx.maxRows;
      return counted.slice(0, ctx.maxRows).map((r) => decodeRow(columns, r));
    }
    return withConnection(this.env.db, async () => {
      checkSignal(ctx.signal);
      this.prepare();
      const compiled = this.with(withFullTextFloor(this.env, this.plan, cap)).compile(cap);
      const { rows, truncated } = await fetchRows(this.env.db, compiled.sql, compiled.params, { maxRows: ctx.maxRows, signal: ctx.signal });
      this.truncated = truncated;
      return rows.map((r) => decodeRow(compiled.columns, r));
    });
  }
}

/** Create a lazy query over all events the ACL allows (newest first until ordered otherwise). */
export function createEventQuery(opts: EventQueryOptions, plan: Plan = emptyPlan()): EventQuery {
  if (!opts.db) throw new DelveError('DLV_INTERNAL', 'createEventQuery needs a database connection.');
  let textSearch = opts.textSearch ?? modes.get(opts.db);
  if (textSearch === undefined) {
    textSearch = detectTextSearch(opts.db);
    modes.set(opts.db, textSearch);
  }
  const env: Env = {
    db: opts.db, acl: opts.acl, writeAcl: opts.writeAcl ?? NO_INDEXES, writeDb: opts.writeDb, now: opts.now ?? (() => new Date()),
    textSearch, dialect: sqliteDialect, parallel: opts.parallel,
  };
  return new EventQuery(env, plan);
}

/** The input as an EventQuery, or DLV_QUERY_LAZY_INPUT naming the command (reference §4.5). */
export function requireEventQuery(input: unknown, prog: string): EventQuery {
  if (input instanceof EventQuery) return input;
  throw new DelveError('DLV_QUERY_LAZY_INPUT', `${prog} can only operate on QuerySets like the output of the search command.`);
}
