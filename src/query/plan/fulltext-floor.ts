/**
 * Newest-first pages of a full-text search without reading every match (`search timed --limit 100`, `… | head`).
 *
 * Results are ordered by created DESC, seq DESC, but the FTS index is keyed by seq, and `created` may disagree
 * with seq (clients may backfill `created`). So the page cannot simply be "the highest matching seqs". Instead,
 * before the real statement runs, a bound is computed that provably keeps every row of the page:
 *   1. candidates: walk the index newest-seq first (ORDER BY rowid DESC is an index walk in FTS5), at most
 *      `walkBudget` matches, join them to events, apply every other condition of the query (ACL, time range,
 *      lookups), stop after N = limit + offset rows; plus the matching rows of the unindexed tail;
 *   2. if that gave at least N rows: T = the N-th largest `created` among them. The page's N rows all have
 *      created >= T (N rows with created >= T exist), hence seq >= lo := min(seq of ANY event with created >= T);
 *   3. the real statement runs unchanged except that its index part reads only rowids >= lo.
 * When fewer than N candidates are found (rare term, selective filters, budget exhausted) nothing changes.
 * The bound is only a floor: events written meanwhile have higher seqs and are still seen.
 */
import type { SqliteDb } from '../../storage/sqlite/open.js';
import type { IndexAcl } from './acl.js';
import { fromClause, wherePredicate } from './compile.js';
import type { SqlDialect } from './dialect.js';
import { ftsMatchExpression } from '../../storage/events/fts-query.js';
import { FTS_TAIL_TABLE, FTS_WATERMARK_SQL, type TextSearchMode } from './fulltext.js';
import { EVENTS_ALIAS } from './model.js';
import { isAggregated, type Cond, type Plan } from './plan.js';
import { cat, param, type Frag } from './sql.js';

/** Pages longer than this (limit + offset) run unchanged: the walk would cost more than it saves. */
export const FLOOR_MAX_ROWS = 10_000;

export type FloorEnv = { db: SqliteDb; acl: IndexAcl; dialect: SqlDialect; textSearch: TextSearchMode };

/** Most index matches step 1 visits for a page of `rows` rows. */
export function walkBudget(rows: number): number {
  return Math.min(50_000, Math.max(2_000, 20 * rows));
}

type Driver = { index: number; cond: Extract<Cond, { k: 'fulltext' }> };

/** The first top-level bare-word condition (the one that can drive the walk). */
function driverOf(plan: Plan): Driver | undefined {
  const index = plan.where.findIndex((c) => c.k === 'fulltext' && c.terms.length > 0 && c.minSeq === undefined);
  if (index < 0) return undefined;
  return { index, cond: plan.where[index] as Driver['cond'] };
}

/** Rows the page needs (limit + offset under the fetch cap), or undefined when the plan is not a newest-first page. */
function pageRows(plan: Plan, cap: number | undefined): number | undefined {
  if (plan.order !== null || plan.reversed || plan.distinct !== null || plan.having.length > 0 || isAggregated(plan)) return undefined;
  const limit = plan.limit === null ? cap : cap === undefined ? plan.limit : Math.min(plan.limit, cap);
  if (limit === undefined || limit < 1) return undefined;
  const rows = limit + plan.offset;
  return rows <= FLOOR_MAX_ROWS ? rows : undefined;
}

/**
 * The plan to run for a page: the same plan with `minSeq` set on its leading bare-word condition when a floor
 * could be proven, else the plan itself. Must run on `env.db` after the FTS tail was prepared (same connection).
 */
export function withFullTextFloor(env: FloorEnv, plan: Plan, cap: number | undefined): Plan {
  if (env.textSearch !== 'fts') return plan;
  const driver = driverOf(plan);
  const rows = driver && pageRows(plan, cap);
  if (!driver || rows === undefined) return plan;
  let lo: number | undefined;
  try {
    lo = floorSeq(env, plan, driver, rows);
  } catch {
    return plan; // the real statement reports whatever went wrong (e.g. malformed JSON in a lookup)
  }
  if (lo === undefined) return plan;
  const where = plan.where.map((c, i) => (i === driver.index ? { ...driver.cond, minSeq: lo } : c));
  return { ...plan, where };
}

/** Steps 1–2: the seq floor, or undefined when fewer than `rows` candidates were found. */
function floorSeq(env: FloorEnv, plan: Plan, driver: Driver, rows: number): number | undefined {
  const others: Plan = { ...plan, where: plan.where.filter((_, i) => i !== driver.index) };
  const where = wherePredicate(others, { acl: env.acl, dialect: env.dialect, textSearch: env.textSearch });
  const match = ftsMatchExpression(driver.cond.terms);
  const e = EVENTS_ALIAS;
  const joins = fromClause(env.dialect, where.sql).slice(`FROM events AS ${e}`.length); // the users join, if referenced
  const indexed = cat(
    `SELECT ${e}."created" FROM (SELECT rowid AS seq FROM events_fts WHERE events_fts MATCH `, param(match),
    ` AND rowid <= ${FTS_WATERMARK_SQL} ORDER BY rowid DESC LIMIT `, param(walkBudget(rows)),
    `) AS f CROSS JOIN events AS ${e}${joins} `, where, ` AND ${e}."seq" = f.seq ORDER BY f.seq DESC LIMIT `, param(rows),
  );
  const tail = cat(
    `SELECT ${e}."created" FROM events AS ${e}${joins} `, where,
    ` AND ${e}."seq" IN (SELECT rowid FROM temp.${FTS_TAIL_TABLE} WHERE ${FTS_TAIL_TABLE} MATCH `, param(match), `) ORDER BY ${e}."seq" DESC LIMIT `, param(rows),
  );
  const created = [...column(env.db, tail), ...column(env.db, indexed)];
  if (created.length < rows) return undefined;
  created.sort((a, b) => b - a);
  const t = created[rows - 1] as number;
  const lo = env.db.prepare('SELECT min(seq) FROM events WHERE created >= ?').pluck().get(t);
  return typeof lo === 'number' ? lo : undefined;
}

function column(db: SqliteDb, f: Frag): number[] {
  return (db.prepare(f.sql).pluck().all(...f.params) as unknown[]).map(Number);
}
