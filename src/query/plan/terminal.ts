/**
 * Terminal operations of a lazy event query (reference §6.2): count, exists, aggregate, first/last/earliest/latest,
 * dates/datetimes (distinct truncated values — fixes §12 #15), EXPLAIN QUERY PLAN, the SQL text, update, delete.
 * Each runs ONE statement; writes are also limited to the caller's writable indexes.
 */
import { DelveError } from '../../errors.js';
import { deleteFromIndex, reindexEvents } from '../../storage/events/fts-maintenance.js';
import type { SqliteDb } from '../../storage/sqlite/open.js';
import type { ExecContext, Row } from '../runtime/types.js';
import { aclAllows, aclCondition } from './acl.js';
import { compileOver, compileSelect, effectiveOrder, fromClause, wherePredicate } from './compile.js';
import type { EventQuery } from './event-query.js';
import { checkSignal, fetchRows, mapDbError, withConnection } from './execute.js';
import { inlineParams } from './inline-sql.js';
import { emptyPlan, isRowShaped, isSliced, type Cond, type Expr, type OrderItem, type Plan } from './plan.js';
import { decodeRow, decodeValue, toRecord } from './rows.js';
import { cat, raw, type Frag } from './sql.js';
import { registerQueryFunctions } from './sqlite-functions.js';

/** A row-shaped, unsliced plan selecting the same events (slices become `seq IN (…)`). */
export function sealRows(plan: Plan, what: string): Plan {
  if (!isRowShaped(plan)) throw new DelveError('DLV_QUERY_ARGUMENT', `${what} cannot follow qs_values, qs_distinct or aggregating annotations.`);
  if (!isSliced(plan)) return { ...plan, order: null, reversed: false };
  const cond: Cond = { k: 'subplan', plan };
  return { ...emptyPlan(plan.model), where: [cond], annotations: plan.annotations };
}

async function one(q: EventQuery, ctx: ExecContext, sql: string, params: readonly Frag['params'][number][]): Promise<unknown[] | undefined> {
  return withConnection(q.env.db, () => {
    checkSignal(ctx.signal);
    q.prepare();
    try {
      return q.env.db.prepare(sql).raw(true).get(...params) as unknown[] | undefined;
    } catch (e) {
      throw mapDbError(e);
    }
  });
}

const opts = (q: EventQuery) => ({ acl: q.env.acl, dialect: q.env.dialect, textSearch: q.env.textSearch });

/** Number of rows the query yields. */
export async function countRows(q: EventQuery, ctx: ExecContext): Promise<number> {
  const p = q.plan;
  if (isRowShaped(p) && !isSliced(p)) {
    const c = compileOver(p, [{ frag: raw('count(*)'), type: 'integer', aggregate: true }], opts(q));
    return Number((await one(q, ctx, c.sql, c.params))?.[0] ?? 0);
  }
  const inner = compileSelect(p, opts(q));
  return Number((await one(q, ctx, `SELECT count(*) FROM (${inner.sql}) AS q`, inner.params))?.[0] ?? 0);
}

/** Whether the query yields any row. */
export async function existsRows(q: EventQuery, ctx: ExecContext): Promise<boolean> {
  const inner = compileSelect(q.plan, { ...opts(q), cap: 1 });
  return Number((await one(q, ctx, `SELECT EXISTS (${inner.sql})`, inner.params))?.[0] ?? 0) === 1;
}

/** `qs_aggregate name=Agg(...)…` → one object. */
export async function aggregateRows(q: EventQuery, ctx: ExecContext, items: readonly { key: string; expr: Expr }[]): Promise<Row> {
  for (const it of items) if (!it.expr.aggregate) throw new DelveError('DLV_QUERY_EXPRESSION', `${it.key} is not an aggregate (use Sum, Avg, Count, Max, Min, StdDev, Variance).`);
  const plan = sealRows(q.plan, 'qs_aggregate');
  const c = compileOver(plan, items.map((i) => i.expr), opts(q));
  const r = (await one(q, ctx, c.sql, c.params)) ?? [];
  return decodeRow(items.map((i) => ({ key: i.key, type: i.expr.type })), r);
}

/** First/last record by the query's order (primary key order when unordered), or null. */
export async function firstRow(q: EventQuery, ctx: ExecContext, last: boolean, order?: OrderItem[]): Promise<Row | null> {
  const p = q.plan;
  let ord: OrderItem[] = order ?? (p.order === null && !p.reversed ? [{ expr: { frag: raw('e."id"'), type: 'text', aggregate: false }, desc: false }] : effectiveOrder(p));
  if (last) ord = ord.map((o) => ({ expr: o.expr, desc: !o.desc }));
  const plan: Plan = isSliced(p) ? { ...sealRows(p, 'qs_first/qs_last'), order: ord, limit: 1 } : { ...p, order: ord, reversed: false, limit: 1 };
  const c = compileSelect(plan, opts(q));
  const { rows } = await withConnection(q.env.db, () => { q.prepare(); return fetchRows(q.env.db, c.sql, c.params, { maxRows: 1, signal: ctx.signal }); });
  return rows[0] ? toRecord(decodeRow(c.columns, rows[0])) : null;
}

/** `qs_dates` / `qs_datetimes`: the distinct truncated values of a field, ascending or descending. */
export async function distinctDates(q: EventQuery, ctx: ExecContext, expr: Expr, desc: boolean): Promise<unknown[]> {
  const base = sealRows(q.plan, 'qs_dates');
  const plan: Plan = { ...base, where: [...base.where, { k: 'sql', frag: cat(expr.frag, ' IS NOT NULL'), aggregate: false }], values: [{ key: 'd', expr }], distinct: [], order: [{ expr, desc }] };
  const c = compileSelect(plan, { ...opts(q), cap: ctx.maxRows + 1 });
  const { rows } = await withConnection(q.env.db, () => { q.prepare(); return fetchRows(q.env.db, c.sql, c.params, { maxRows: ctx.maxRows, signal: ctx.signal }); });
  return rows.map((r) => decodeValue(r[0], expr.type));
}

/** The SQL of the query with parameters inlined (display only). */
export function sqlText(q: EventQuery): string {
  const c = q.compile();
  return inlineParams(c.sql, c.params);
}

/** EXPLAIN QUERY PLAN of the query, as indented text lines. */
export async function explainQuery(q: EventQuery, ctx: ExecContext): Promise<string> {
  const c = q.compile();
  return withConnection(q.env.db, () => {
    checkSignal(ctx.signal);
    q.prepare();
    let rows: Array<{ id: number; parent: number; detail: string }>;
    try {
      rows = q.env.db.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...c.params) as typeof rows;
    } catch (e) {
      throw mapDbError(e);
    }
    const depth = new Map<number, number>();
    return rows.map((r) => {
      const d = (depth.get(r.parent) ?? -1) + 1;
      depth.set(r.id, d);
      return `${'  '.repeat(d)}${r.detail}`;
    }).join('\n');
  });
}

/** Columns qs_update may set. */
export const UPDATABLE = ['index', 'source', 'sourcetype', 'host', 'text'] as const;

function writeTarget(q: EventQuery, what: string): { plan: Plan; db: SqliteDb } {
  if (!q.env.writeDb) throw new DelveError('DLV_INTERNAL', `${what} is not available: no write connection is configured.`);
  return { plan: sealRows(q.plan, what), db: q.env.writeDb };
}

/** Run an UPDATE/DELETE … WHERE e.seq IN (readable AND writable rows) RETURNING seq, then fix the FTS index. */
async function write(q: EventQuery, ctx: ExecContext, db: SqliteDb, plan: Plan, stmt: (sub: Frag) => Frag, after: (seqs: number[]) => void): Promise<number> {
  const where = cat(wherePredicate(plan, opts(q)), ' AND ', aclCondition(q.env.writeAcl, q.env.dialect));
  const sub = cat(`SELECT e."seq" ${fromClause(q.env.dialect, where.sql)} `, where);
  const s = stmt(sub);
  return withConnection(db, () => {
    checkSignal(ctx.signal);
    registerQueryFunctions(db);
    q.prepare(db, plan);
    try {
      return db.transaction(() => {
        const seqs = (db.prepare(s.sql).raw(true).all(...s.params) as unknown[][]).map((r) => Number(r[0]));
        after(seqs);
        return seqs.length;
      }).immediate();
    } catch (e) {
      throw mapDbError(e);
    }
  });
}

/** `qs_update FIELD=EXPR…`: rows changed. Only readable AND writable events change; a new index must be writable. */
export async function updateRows(q: EventQuery, ctx: ExecContext, sets: readonly { field: string; expr: Expr; literal?: unknown }[]): Promise<number> {
  const { plan, db } = writeTarget(q, 'qs_update');
  for (const s of sets) {
    if (!(UPDATABLE as readonly string[]).includes(s.field)) throw new DelveError('DLV_QUERY_ARGUMENT', `qs_update can only set ${UPDATABLE.join(', ')}; got ${JSON.stringify(s.field.slice(0, 60))}.`, { field: s.field });
    if (s.expr.aggregate || fromClause(q.env.dialect, s.expr.frag.sql).includes(' JOIN ')) throw new DelveError('DLV_QUERY_EXPRESSION', `qs_update ${s.field}: aggregates and user fields cannot be assigned.`);
    if (s.field === 'index' && (typeof s.literal !== 'string' || !aclAllows(q.env.writeAcl, s.literal))) {
      throw new DelveError('DLV_AUTH_FORBIDDEN', 'qs_update index=… needs a literal index name you may write to.', { field: 'index' });
    }
  }
  const fts = q.env.textSearch === 'fts' && sets.some((s) => s.field === 'text');
  return write(q, ctx, db, plan, (sub) => cat('UPDATE events AS e SET ', ...sets.flatMap((s, i) => [i ? ', ' : '', `"${s.field}" = `, s.expr.frag]), ' WHERE e."seq" IN (', sub, ') RETURNING "seq"'),
    (seqs) => { if (fts) reindexEvents(db, seqs); });
}

/** `qs_delete`: rows deleted (readable AND writable events only). */
export async function deleteRows(q: EventQuery, ctx: ExecContext): Promise<number> {
  const { plan, db } = writeTarget(q, 'qs_delete');
  const fts = q.env.textSearch === 'fts';
  return write(q, ctx, db, plan, (sub) => cat('DELETE FROM events AS e WHERE e."seq" IN (', sub, ') RETURNING "seq"'), (seqs) => { if (fts) deleteFromIndex(db, seqs); });
}
