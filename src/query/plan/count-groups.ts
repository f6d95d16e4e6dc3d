/**
 * Counting per group without SQLite's sorter (`qs_group_by extracted_fields__status n=Count(id)` over a million
 * events). SQLite has no hash aggregation: `GROUP BY <expr>` sorts one record per ROW before counting, which costs
 * more than reading the table. When the plan of the statement says so (`USE TEMP B-TREE FOR GROUP BY`; a covering
 * index that yields the groups in order is faster left alone) and all aggregates are `count(*)`, the same WHERE feeds
 * the group keys to a JavaScript aggregate (`delve_count_groups`) that counts in a Map, and the few groups are
 * then ordered here with SQLite's ORDER BY rules (NULL < numbers < text by UTF-8 bytes < blobs). Groups are
 * formed exactly as GROUP BY forms them (numbers by value, text by bytes, NULLs together); orderings are limited
 * to group keys, the count, and `->>` of a `->` key (a function of the key), so every result equals the SQL one.
 */
import { DelveError } from '../../errors.js';
import type { SqliteDb } from '../../storage/sqlite/open.js';
import type { ExecContext } from '../runtime/types.js';
import { compileOver, effectiveOrder, usesFullText } from './compile.js';
import type { EventQuery } from './event-query.js';
import { countAggregate, countGroupsWith, Unsupported, type Group } from './count-aggregates.js';
import { checkSignal, mapDbError, withConnection } from './execute.js';
import { canCountInParallel, countInParallel } from './parallel-count.js';
import { forceFieldIndex } from './field-index-scan.js';
import type { Expr, Plan } from './plan.js';
import { EVENTS_ALIAS } from './model.js';
import { cat, param, raw, type Frag } from './sql.js';

type Slot = { kind: 'key'; index: number } | { kind: 'count' };
type OrderSlot = (Slot | { kind: 'scalar'; index: number }) & { desc: boolean };

/** A grouped plan whose aggregates are all count(*). */
export type CountGroups = { keys: readonly Expr[]; slots: readonly Slot[]; order: readonly OrderSlot[] };


const sameFrag = (a: Frag, b: Frag): boolean => a.sql === b.sql && a.params.length === b.params.length && a.params.every((p, i) => p === b.params[i]);
const isCountStar = (e: Expr): boolean => e.aggregate && e.frag.sql === 'count(*)' && e.frag.params.length === 0;
const JSON_TEXT = /^(.+) -> ('\$[^']*')$/;

/** The key whose `->>` (SQL scalar) `e` is, if any. */
function scalarOfKey(e: Expr, keys: readonly Expr[]): number {
  return keys.findIndex((k) => {
    const m = JSON_TEXT.exec(k.frag.sql);
    return m !== null && e.frag.sql === `${m[1]} ->> ${m[2]}` && sameFrag({ sql: '', params: e.frag.params }, { sql: '', params: k.frag.params });
  });
}

/** The plan as a count-groups query, or undefined when it needs SQLite's own GROUP BY. */
export function matchCountGroups(plan: Plan): CountGroups | undefined {
  const keys = plan.groupKeys;
  if (plan.values === null || keys === null || keys.length === 0 || plan.having.length > 0 || plan.distinct !== null) return undefined;
  if (keys.some((k) => k.aggregate)) return undefined;
  const slots: Slot[] = [];
  for (const v of plan.values) {
    if (isCountStar(v.expr)) { slots.push({ kind: 'count' }); continue; }
    const index = keys.findIndex((k) => sameFrag(k.frag, v.expr.frag));
    if (index < 0) return undefined;
    slots.push({ kind: 'key', index });
  }
  if (!slots.some((s) => s.kind === 'count')) return undefined;
  const order: OrderSlot[] = [];
  for (const o of effectiveOrder(plan)) {
    if (isCountStar(o.expr)) { order.push({ kind: 'count', desc: o.desc }); continue; }
    const index = keys.findIndex((k) => sameFrag(k.frag, o.expr.frag));
    if (index >= 0) { order.push({ kind: 'key', index, desc: o.desc }); continue; }
    const scalar = scalarOfKey(o.expr, keys);
    if (scalar < 0) return undefined;
    order.push({ kind: 'scalar', index: scalar, desc: o.desc });
  }
  return { keys, slots, order };
}

/** Whether SQLite would sort every row to group them (`USE TEMP B-TREE FOR GROUP BY`). */
function needsSorter(db: SqliteDb, c: { sql: string; params: readonly unknown[] }): boolean {
  try {
    const rows = db.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...c.params) as Array<{ detail: string }>;
    return rows.some((r) => r.detail.includes('TEMP B-TREE FOR GROUP BY'));
  } catch {
    return false; // the statement itself will report the problem
  }
}

/** SQLite's value order: NULL, numbers, text (UTF-8 byte order), blobs. */
export function compareSqlValues(a: unknown, b: unknown): number {
  const cls = (v: unknown): number => (v === null || v === undefined ? 0 : typeof v === 'number' || typeof v === 'bigint' ? 1 : typeof v === 'string' ? 2 : 3);
  const ca = cls(a);
  const cb = cls(b);
  if (ca !== cb) return ca - cb;
  if (ca === 0) return 0;
  if (ca === 1) return Number(a) < Number(b) ? -1 : Number(a) > Number(b) ? 1 : 0;
  if (ca === 2) return a === b ? 0 : Buffer.compare(Buffer.from(a as string, 'utf8'), Buffer.from(b as string, 'utf8'));
  return Buffer.compare(a as Buffer, b as Buffer);
}

/** `x ->> '$'` of the JSON text `x` (what `doc ->> path` is when `doc -> path` is x). */
function jsonScalar(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  if (/^-?\d{16,}$/.test(text)) throw new Unsupported(); // beyond double precision: leave the ordering to SQLite
  const v = JSON.parse(text) as unknown;
  if (v === null || typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return text;
}

function sortGroups(groups: Group[], order: readonly OrderSlot[], keyCount: number): Group[] {
  const value = (g: Group, o: OrderSlot): unknown => (o.kind === 'count' ? g.n : o.kind === 'key' ? g.keys[o.index] : jsonScalar(g.keys[o.index]));
  const decorated = groups.map((g) => ({ g, o: order.map((o) => value(g, o)) }));
  return decorated.sort((x, y) => {
    for (let i = 0; i < order.length; i += 1) {
      const c = compareSqlValues(x.o[i], y.o[i]);
      if (c !== 0) return (order[i] as OrderSlot).desc ? -c : c;
    }
    // ties (or no ORDER BY): GROUP BY's own key order, reversed after a DESC item — what SQLite's sorter yields
    const tieDesc = order.length > 0 && (order[order.length - 1] as OrderSlot).desc;
    for (let i = 0; i < keyCount; i += 1) {
      const c = compareSqlValues(x.g.keys[i], y.g.keys[i]);
      if (c !== 0) return tieDesc ? -c : c;
    }
    return 0;
  }).map((d) => d.g);
}

/**
 * The statement grouping a one-key count over the key's field index (DELVE_INDEXED_FIELDS) when the WHERE only holds
 * "index" conditions (field-index-scan.ts) and SQLite then reads the groups in order; undefined otherwise.
 */
export function fieldIndexGrouping(q: EventQuery, m: CountGroups): { sql: string; params: Frag['params'] } | undefined {
  const key = m.keys[0] as Expr;
  if (m.keys.length !== 1 || key.frag.params.length > 0) return undefined;
  const count: Expr = { frag: { sql: 'count(*)', params: [] }, type: 'integer', aggregate: true };
  const c = compileOver(q.plan, [key, count], { acl: q.env.acl, dialect: q.env.dialect, textSearch: q.env.textSearch }, ` GROUP BY ${key.frag.sql}`);
  const forced = forceFieldIndex(q.env.db, c.sql, m.keys);
  if (forced === undefined || needsSorter(q.env.db, { sql: forced, params: c.params })) return undefined;
  return { sql: forced, params: c.params };
}

/** The groups read by SQLite from a field index (ordering and slicing stay with the caller), if one applies. */
function groupOverFieldIndex(q: EventQuery, m: CountGroups): Group[] | undefined {
  const s = fieldIndexGrouping(q, m);
  if (s === undefined) return undefined;
  try {
    return (q.env.db.prepare(s.sql).raw().all(...s.params) as Array<[unknown, number]>).map(([k, n]) => ({ keys: [k], n }));
  } catch (e) {
    throw mapDbError(e);
  }
}

/** The plan restricted to `lo < seq <= hi` (one slice of a parallel count). */
function withSeqSlice(plan: Plan, lo: number, hi: number): Plan {
  const seq = raw(`${EVENTS_ALIAS}."seq"`);
  return { ...plan, where: [...plan.where, { k: 'sql', frag: cat(seq, ' > ', param(lo), ' AND ', seq, ' <= ', param(hi)), aggregate: false }] };
}

/**
 * Run `q` (matched by matchCountGroups) and return its positional rows (at most `cap`), or undefined when the
 * values cannot be grouped here (the caller then runs the SQL statement). A key with a field index
 * (DELVE_INDEXED_FIELDS) is grouped by SQLite itself over that index when only "index" conditions stand in the way.
 */
export async function runCountGroups(q: EventQuery, m: CountGroups, cap: number, ctx: ExecContext): Promise<unknown[][] | undefined> {
  const db = q.env.db;
  const opts = { acl: q.env.acl, dialect: q.env.dialect, textSearch: q.env.textSearch };
  const args = m.keys.map((k) => k.frag);
  const call: Expr = { frag: { sql: `${countAggregate(args.length)}(${args.map((a) => a.sql).join(', ')})`, params: args.flatMap((a) => a.params) }, type: 'integer', aggregate: true };
  const counting = (plan: Plan): { sql: string; params: Frag['params'] } => compileOver(plan, [call], opts);
  const groups = await withConnection(db, async (): Promise<Group[] | undefined> => {
    checkSignal(ctx.signal);
    q.prepare();
    if (!needsSorter(db, q.compile(cap))) return undefined; // an index already yields the groups in order: SQLite streams them
    const indexed = groupOverFieldIndex(q, m);
    if (indexed !== undefined) return indexed;
    let found: Map<string, Group> | 'unsupported' | undefined;
    try {
      const parallel = q.env.parallel;
      // helper threads have their own connections: plans needing this connection's full-text tail stay here
      if (canCountInParallel(parallel) && !usesFullText(q.plan)) {
        found = await countInParallel(db, parallel, (lo, hi) => counting(withSeqSlice(q.plan, lo, hi)), ctx.signal);
      }
      if (found === undefined) {
        const c = counting(q.plan);
        found = countGroupsWith(db, c.sql, c.params);
      }
    } catch (e) {
      checkSignal(ctx.signal);
      throw mapDbError(e);
    }
    return found === 'unsupported' ? undefined : [...found.values()];
  });
  if (groups === undefined) return undefined;
  let sorted: Group[];
  try {
    sorted = sortGroups(groups, m.order, m.keys.length);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e instanceof DelveError ? e : mapDbError(e);
  }
  const plan = q.plan;
  const start = plan.offset;
  const end = plan.limit === null ? start + cap : start + Math.min(plan.limit, cap);
  return sorted.slice(start, end).map((g) => m.slots.map((s) => (s.kind === 'count' ? g.n : g.keys[s.index])));
}
