/**
 * `join -f L,R [-t left|right]` (reference §6.3): joins the input rows with events from the database. The right
 * side is a search (terms, time flags, --order-by, index ACL) run as one SQL statement per chunk of left keys
 * (`WHERE R IN (…)`, JOIN_CHUNK values each) instead of loading whole tables (§12 #16). Keys match by value and
 * type (5 ≠ "5"); missing or null keys never match; object/array keys are not pushed down and never match.
 * left: each left row × matching right rows → left ∪ (right minus R), right wins; unmatched left rows pass.
 * right: the mirror (all right rows, capped by the row limit). full/inner are refused.
 */
import { DelveError } from '../../../errors.js';
import { defineCommand } from '../../args/index.js';
import { compileLookup } from '../../lookups/db.js';
import { canonicalKey, isRecord, walkPath } from '../../lookups/values.js';
import { buildSearchPlan, checkUsing, eventQueryFor, resolveField, resolveModel, timeBoundsOf, type EventQuery, type Plan } from '../../plan/index.js';
import type { ExecContext, PipelineValue, Row } from '../../runtime/types.js';
import type { CommandDef } from '../command.js';
import { COMMON_ARGS, stringList, TIME_FLAG_ARGS, TIME_FLAG_GROUP, timeFlagOf } from './time-args.js';

/** Left keys per right-side statement. */
export const JOIN_CHUNK = 500;
const KEY = '__delve_join_key';

const spec = defineCommand({
  name: 'join',
  description: 'Join the input rows with events: -f LEFT_FIELD,RIGHT_FIELD; the right side is a search.',
  args: [
    { flags: ['-f', '--fields'], required: true, metavar: 'L,R', help: 'left field and right (event) field, comma-separated' },
    { flags: ['-t', '--type'], choices: ['left', 'right', 'full', 'inner'], default: 'left', help: 'join type (left or right)' },
    ...COMMON_ARGS,
    ...TIME_FLAG_ARGS,
  ],
  exclusive: [TIME_FLAG_GROUP],
});

function scalarKey(v: unknown): string | undefined {
  if (v === null || v === undefined || typeof v === 'object') return undefined;
  return canonicalKey(v);
}

function leftValue(row: Row, path: string): unknown {
  return Object.hasOwn(row, path) ? row[path] : walkPath(row, path);
}

function without(row: Row, key: string): Row {
  const out: Row = { ...row };
  delete out[key];
  return out;
}

async function fetchRight(ctx: ExecContext, q: EventQuery, plan: Plan, budget: { left: number }): Promise<Row[]> {
  if (budget.left <= 0) return [];
  const rows = await q.with(plan).resolve({ ...ctx, maxRows: budget.left });
  budget.left -= rows.length;
  return rows;
}

/** Run a join on resolved input rows. */
export async function runJoin(ctx: ExecContext, input: PipelineValue, args: Record<string, unknown>): Promise<Row[]> {
  const rows = Array.isArray(input) ? input : input === null ? [] : [input];
  if (rows.length === 0) throw new DelveError('DLV_QUERY_ARGUMENT', 'No events found to join.');
  if (!rows.every(isRecord)) throw new DelveError('DLV_QUERY_TYPE', 'join needs a list of rows (objects) as input.');
  const left = rows as Row[];
  const type = String(args['type'] ?? 'left');
  if (type !== 'left' && type !== 'right') throw new DelveError('DLV_QUERY_ARGUMENT', `Join type ${type} is not supported: use -t left or -t right.`, { field: 'type' });
  const fields = String(args['fields'] ?? '').split(',').map((s) => s.trim());
  if (fields.length !== 2 || !fields[0] || !fields[1]) throw new DelveError('DLV_QUERY_ARGUMENT', 'join -f expects LEFT_FIELD,RIGHT_FIELD (e.g. -f host,host).', { field: 'fields' });
  const [lf, rf] = fields as [string, string];
  resolveModel(args['model'] as string | null);
  checkUsing(args['using'] as string | null);
  const q = eventQueryFor(ctx);
  const scope = q.scope();
  const keyExpr = resolveField(rf, scope, 'value').projection;
  const base: Plan = {
    ...buildSearchPlan({ terms: stringList(args['terms']), timeFlag: timeFlagOf(args), olderThan: args['older_than'], newerThan: args['newer_than'], index: args['index'] as string | null, orderBy: stringList(args['order_by']), bounds: timeBoundsOf(ctx), acl: q.env.acl }, scope, scope.nowMicros),
    annotations: [{ name: KEY, expr: keyExpr, hidden: false }],
  };
  const budget = { left: ctx.maxRows };
  const right: Row[] = [];
  if (type === 'left') {
    const keys = new Map<string, unknown>();
    for (const r of left) { const v = leftValue(r, lf); const k = scalarKey(v); if (k !== undefined) keys.set(k, v); }
    const values = [...keys.values()];
    for (let i = 0; i < values.length; i += JOIN_CHUNK) {
      const chunk = values.slice(i, i + JOIN_CHUNK);
      const cond = compileLookup(`${rf}__in`, { literal: chunk }, scope);
      right.push(...(await fetchRight(ctx, q, { ...base, where: [...base.where, cond] }, budget)));
    }
  } else {
    right.push(...(await fetchRight(ctx, q, base, budget)));
  }
  const strip = (r: Row): { key: string | undefined; row: Row } => ({ key: scalarKey(r[KEY]), row: without(without(r, KEY), rf) });
  const out: Row[] = [];
  if (type === 'left') {
    const byKey = new Map<string, Row[]>();
    for (const r of right) { const s = strip(r); if (s.key !== undefined) byKey.set(s.key, [...(byKey.get(s.key) ?? []), s.row]); }
    for (const l of left) {
      const k = scalarKey(leftValue(l, lf));
      const m = k === undefined ? undefined : byKey.get(k);
      if (!m) out.push(l);
      else for (const r of m) out.push({ ...l, ...r });
    }
  } else {
    const byKey = new Map<string, Row[]>();
    for (const l of left) { const k = scalarKey(leftValue(l, lf)); if (k !== undefined) byKey.set(k, [...(byKey.get(k) ?? []), without(l, lf)]); }
    for (const r of right) {
      const s = strip(r);
      const full = without(r, KEY);
      const m = s.key === undefined ? undefined : byKey.get(s.key);
      if (!m) out.push(full);
      else for (const l of m) out.push({ ...full, ...l });
    }
  }
  return out;
}

export const join: CommandDef = {
  kind: 'generic',
  permission: 'view_event',
  spec,
  run: runJoin,
};
