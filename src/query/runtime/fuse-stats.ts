/**
 * The "count by" idiom over a search: `search … | stats count --by G… [--field-name N] | dedup key | select …`
 * (select keeping only `key` and/or N). Run command by command it reads up to DELVE_MAX_RESULT_ROWS whole events
 * (text, JSON fields, …) only to keep one `{key, N}` per group. Fused, it reads the same rows — the first
 * DELVE_MAX_RESULT_ROWS of the search in its order, same truncation flag — but only their G columns, groups them
 * with the same key semantics as `stats` (canonical keys, stable sort by key with nulls last) and hands exactly
 * the rows `dedup key` would have kept to `select`, which then runs as usual. Results are identical; anything
 * outside this shape (other fields selected, --by fields other than columns and extracted_fields keys, projections,
 * templates) runs unfused.
 */
import { DelveError, isDelveError } from '../../errors.js';
import { canonicalKey, compareNullsLast, setField, walkPath } from '../lookups/values.js';
import type { CommandNode } from '../parser/index.js';
import { effectiveOrder, EventQuery, EVENT_COLUMNS, isRowShaped, resolveField, type OrderItem, type ProjItem } from '../plan/index.js';
import { fetchRows, withConnection } from '../plan/execute.js';
import { EVENTS_ALIAS } from '../plan/model.js';
import { cat, joinFrags } from '../plan/sql.js';
import type { ExecContext, LazyQuery, Row } from './types.js';

/** Segments the idiom spans (stats, dedup, select); the fusion replaces the first two. */
export const STATS_FUSION_SEGMENTS = 3;

/** --by fields whose row value is exactly the column's SQL value (text; user_id may be null). */
const TEXT_COLUMNS: ReadonlySet<string> = new Set(['id', 'index', 'source', 'sourcetype', 'host', 'text', 'user_id']);
/**
 * --by keys inside extracted_fields (`extracted_fields__status`, `extracted_fields__user__name`): selected as the JSON
 * key (decoded like the event's own fields, so `stats` sees the same value) and grouped in memory. Numeric segments
 * are left out: SQL reads them as array positions, `stats` also as object keys.
 */
const JSON_KEY_PATH = /^extracted_fields(?:__[A-Za-z_][A-Za-z0-9_]*)+$/;
const isJsonKey = (g: string): boolean => JSON_KEY_PATH.test(g) && !g.slice('extracted_fields__'.length).split('__').some((k) => k === '');
const COLUMN_NAMES: ReadonlySet<string> = new Set(EVENT_COLUMNS.map((c) => c.name));
const TEMPLATE = /\{[{%#]/;

export type StatsFusion = { query: EventQuery; by: readonly string[]; name: string };

/** Cheap pre-check on the raw segments (names, no template syntax). */
export function statsFusionCandidate(segs: readonly CommandNode[]): boolean {
  const [a, b, c] = segs;
  return segs.length === STATS_FUSION_SEGMENTS && a?.name === 'stats' && b?.name === 'dedup' && c?.name === 'select'
    && segs.every((s) => !TEMPLATE.test(s.source));
}

const list = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map(String) : undefined);

/** The fusion for these parsed segments over `input`, or undefined when the shape does not match exactly. */
export function matchStatsFusion(input: LazyQuery, segs: ReadonlyArray<{ name: string; args: Record<string, unknown> }>): StatsFusion | undefined {
  if (!(input instanceof EventQuery)) return undefined;
  const [stats, dedup, select] = segs;
  if (stats?.name !== 'stats' || dedup?.name !== 'dedup' || select?.name !== 'select') return undefined;
  const a = stats.args;
  if (a['subcommand'] !== 'count' || a['field'] !== null || a['distinct'] === true || a['as_field'] !== null) return undefined;
  const by = list(a['by']);
  if (!by || by.length === 0 || !by.every((g) => TEXT_COLUMNS.has(g) || isJsonKey(g))) return undefined;
  const name = a['field_name'] === null || a['field_name'] === undefined ? 'count' : String(a['field_name']);
  if (name === 'key' || COLUMN_NAMES.has(name)) return undefined; // existing fields would win over computed ones
  const dedupFields = list(dedup.args['fields']);
  if (dedupFields?.length !== 1 || dedupFields[0] !== 'key') return undefined;
  const selected = list(select.args['fields']);
  if (!selected || selected.length === 0 || !selected.every((f) => f === 'key' || f === name)) return undefined;
  const plan = input.plan;
  if (!isRowShaped(plan) || plan.annotations.some((x) => !x.hidden)) return undefined;
  return { query: input, by, name };
}

type Group = { key: unknown; n: number };

/** The rows `stats count --by G | dedup key` would produce, reduced to `{key, N}` (what the select keeps). */
export async function runStatsFusion(f: StatsFusion, ctx: ExecContext): Promise<{ rows: Row[]; truncated: boolean }> {
  const order = effectiveOrder(f.query.plan);
  const total = order.length > 0 && (order[order.length - 1] as OrderItem).expr.frag.sql === `${EVENTS_ALIAS}."seq"`;
  const inSql = total && f.by.every((g) => TEXT_COLUMNS.has(g)); // SQL groups JSON text by spelling, stats by value
  const { groups, truncated } = inSql ? await groupInSql(f, order, ctx) : await groupInMemory(f, ctx);
  // stats sorts rows stably by key and dedup keeps the first row of each run: one row per group, in this order
  let ordered: Group[];
  try {
    ordered = groups.sort((x, y) => compareNullsLast(x.key, y.key));
  } catch (e) {
    if (!isDelveError(e)) throw e;
    throw new DelveError('DLV_QUERY_TYPE', `stats: cannot sort the --by groups: ${e.message}`, { field: 'by' }); // as stats says it
  }
  const rows = ordered.map((g) => {
    const r: Row = {};
    setField(r, 'key', g.key);
    setField(r, f.name, g.n);
    return r;
  });
  return { rows, truncated };
}

function columns(f: StatsFusion): ProjItem[] {
  const scope = f.query.scope();
  return [...new Set(f.by)].map((g) => ({ key: g, expr: resolveField(g, scope, 'value').projection }));
}

const keyOf = (f: StatsFusion, value: (g: string) => unknown): unknown => (f.by.length === 1 ? value(f.by[0] as string) : f.by.map(value));

/** Any order: fetch the G columns of the first maxRows rows exactly as the unfused run would, and group here. */
async function groupInMemory(f: StatsFusion, ctx: ExecContext): Promise<{ groups: Group[]; truncated: boolean }> {
  const q = f.query.with({ ...f.query.plan, values: columns(f) });
  const input = await q.resolve(ctx);
  const groups = new Map<string, Group>();
  for (const row of input) {
    const key = keyOf(f, (g) => walkPath(row, g));
    const ck = canonicalKey(key);
    const g = groups.get(ck);
    if (g) g.n += 1;
    else groups.set(ck, { key, n: 1 });
  }
  return { groups: [...groups.values()], truncated: q.truncated };
}

/**
 * A total order (it ends with seq, as the default newest-first order does): number the rows by that order in the
 * statement itself and let SQLite group them — the first maxRows rows are those numbered <= offset + maxRows, and
 * the input was truncated when a higher number exists (the statement fetches at most maxRows + 1 rows).
 */
async function groupInSql(f: StatsFusion, order: readonly OrderItem[], ctx: ExecContext): Promise<{ groups: Group[]; truncated: boolean }> {
  const q = f.query;
  const cols = columns(f);
  const over = joinFrags(order.map((o) => cat(o.expr.frag, o.desc ? ' DESC' : ' ASC')), ', ');
  const rn: ProjItem = { key: '__rn', expr: { frag: cat('row_number() OVER (ORDER BY ', over, ')'), type: 'integer', aggregate: false } };
  const inner = q.with({ ...q.plan, values: [...cols, rn] }).compile(ctx.maxRows + 1);
  const keys = cols.map((_, i) => `q.c${i}`).join(', ');
  const last = `q.c${cols.length}`;
  const sql = `SELECT ${keys}, count(*) FILTER (WHERE ${last} <= ?), max(${last}) FROM (${inner.sql}) AS q GROUP BY ${keys}`;
  const cut = q.plan.offset + ctx.maxRows;
  const { rows } = await withConnection(q.env.db, async () => {
    q.prepare();
    return fetchRows(q.env.db, sql, [cut, ...inner.params], { maxRows: ctx.maxRows + 1, signal: ctx.signal });
  });
  const index = new Map(cols.map((c, i) => [c.key, i]));
  let truncated = false;
  const groups: Group[] = [];
  for (const r of rows) {
    if (Number(r[cols.length + 1]) > cut) truncated = true;
    const n = Number(r[cols.length]);
    if (n > 0) groups.push({ key: keyOf(f, (g) => r[index.get(g) as number] ?? null), n });
  }
  return { groups, truncated };
}
