/**
 * Building the plan of `search` and of join's right side (reference §6.1, §6.3): lookup terms, `!` exclusions,
 * bare words (full-text, ANDed; `!word` excludes), time flags (month = 30 days for both commands, §12 #16),
 * `--older-than/--newer-than`, `--index`, `--order-by`, `--latest-by` (window function, not O(n·m)).
 * Internal indexes (names starting with `_`, e.g. `_audit`) are left out unless the search names one (Splunk-like).
 */
import { DelveError } from '../../errors.js';
import { cast } from '../cast/index.js';
import { diagnosticToError } from '../diagnostics.js';
import { compileLookup } from '../lookups/db.js';
import { splitTerm } from '../parser/term.js';
import { mayReadInternal, notInternalIndex, type IndexAcl } from './acl.js';
import { resolveField, type Scope } from './field-path.js';
import { emptyPlan, type Cond, type Expr, type OrderItem, type Plan } from './plan.js';
import { cat, param, raw } from './sql.js';
import { applyTransform } from './transforms.js';
import { toMicrosValue } from './values.js';

const MINUTE = 60_000_000;
/** Time flags → window length in µs (`--last-month` = 30 days, as join). */
export const TIME_FLAGS: Readonly<Record<string, number>> = {
  last_15_minutes: 15 * MINUTE, last_hour: 60 * MINUTE, last_day: 1440 * MINUTE, last_week: 7 * 1440 * MINUTE, last_month: 30 * 1440 * MINUTE,
};

export type SearchSpec = {
  terms: readonly string[];
  /** The dest of the time flag given (`last_hour`), if any. */
  timeFlag?: string | null;
  olderThan?: unknown;
  newerThan?: unknown;
  index?: string | null;
  orderBy?: readonly string[];
  /** The caller's time window (POST /api/query/ `earliest`/`latest`, µs): created >= earliest AND created < latest. */
  bounds?: TimeBounds;
  /**
   * The caller's readable indexes: when they could include internal indexes (superusers, `_…` patterns), internal
   * indexes are left out unless the search names one (see namesInternalIndex). Absent: treated like a superuser.
   */
  acl?: IndexAcl;
};

/** A time window applied to every search of a run, on top of the query's own time options. */
export type TimeBounds = { readonly earliest?: number | null; readonly latest?: number | null };

const CREATED = raw('e."created"');

function termCond(text: string, scope: Scope): Cond {
  const r = splitTerm({ value: text, span: { start: 0, end: text.length }, quoted: false });
  if (!r.ok) throw diagnosticToError(r.diagnostics[0] as NonNullable<(typeof r.diagnostics)[0]>);
  const c = compileLookup(r.value.key, { literal: cast(r.value.value), raw: r.value.value }, scope);
  return r.value.negate ? { k: 'not', item: c } : c;
}

/** Conditions of search/join terms: `k=v` lookups, `!k=v` exclusions, bare words as full-text terms. */
export function termConditions(terms: readonly string[], scope: Scope): Cond[] {
  const conds: Cond[] = [];
  const words: string[] = [];
  for (const t of terms) {
    if (t.includes('=')) conds.push(termCond(t, scope));
    else if (t.startsWith('!') && t.length > 1) conds.push({ k: 'not', item: { k: 'fulltext', terms: [t.slice(1)] } });
    else if (t.trim() !== '') words.push(t);
  }
  if (words.length) conds.unshift({ k: 'fulltext', terms: words });
  return conds;
}

/** Time-range conditions on created. */
export function timeConditions(spec: SearchSpec, nowMicros: number): Cond[] {
  const out: Cond[] = [];
  if (spec.timeFlag) {
    const span = TIME_FLAGS[spec.timeFlag];
    if (span === undefined) throw new DelveError('DLV_QUERY_ARGUMENT', `Unknown time flag ${spec.timeFlag}.`);
    out.push({ k: 'sql', frag: cat(CREATED, ' >= ', param(nowMicros - span)), aggregate: false });
  }
  if (spec.olderThan !== null && spec.olderThan !== undefined) {
    out.push({ k: 'sql', frag: cat(CREATED, ' < ', param(toMicrosValue(spec.olderThan, '--older-than'))), aggregate: false });
  }
  if (spec.newerThan !== null && spec.newerThan !== undefined) {
    out.push({ k: 'sql', frag: cat(CREATED, ' > ', param(toMicrosValue(spec.newerThan, '--newer-than'))), aggregate: false });
  }
  const { earliest, latest } = spec.bounds ?? {};
  if (earliest !== null && earliest !== undefined) out.push({ k: 'sql', frag: cat(CREATED, ' >= ', param(earliest)), aggregate: false });
  if (latest !== null && latest !== undefined) out.push({ k: 'sql', frag: cat(CREATED, ' < ', param(latest)), aggregate: false });
  return out;
}

/** An ordering field (`host`, `-created`, `extracted_fields__n`, an annotation) → ORDER BY item. */
export function orderItem(spec: string, scope: Scope): OrderItem {
  const desc = spec.startsWith('-');
  const path = desc || spec.startsWith('+') ? spec.slice(1) : spec;
  const f = resolveField(path, scope, 'value');
  let expr: Expr = f.expr;
  for (const t of f.tail) expr = applyTransform(expr, t, scope.dialect);
  return { expr, desc };
}

/** A value naming an index that starts with `_`: `_audit`, `[web,_audit]`, `"_audit"`, `^_` (regex)… */
const INTERNAL_NAME = /(^|[\s,[("'^])_/;

/**
 * Whether a search explicitly names an internal index: `--index _x`, or a non-negated term on `index` (any lookup:
 * `index=_audit`, `index__in=[web,_audit]`, `index__startswith=_`, `index__regex=^_a`) whose value has a name
 * starting with `_`. Only such searches may return internal events; `!index=_audit` names nothing.
 */
export function namesInternalIndex(terms: readonly string[], index?: string | null): boolean {
  if (index !== null && index !== undefined && INTERNAL_NAME.test(index)) return true;
  return terms.some((t) => {
    const eq = t.indexOf('=');
    if (eq < 0 || t.startsWith('!')) return false;
    return t.slice(0, eq).split('__')[0] === 'index' && INTERNAL_NAME.test(t.slice(eq + 1));
  });
}

/** The plan of a search/join right side (without slicing and --latest options). */
export function buildSearchPlan(spec: SearchSpec, scope: Scope, nowMicros: number): Plan {
  const where: Cond[] = [];
  if (spec.index !== null && spec.index !== undefined) where.push(termCond(`index=${spec.index}`, scope));
  where.push(...termConditions(spec.terms, scope), ...timeConditions(spec, nowMicros));
  if ((spec.acl === undefined || mayReadInternal(spec.acl)) && !namesInternalIndex(spec.terms, spec.index)) {
    where.push({ k: 'sql', frag: notInternalIndex(scope.dialect), aggregate: false }); // last: bare words stay first
  }
  const order = spec.orderBy && spec.orderBy.length ? spec.orderBy.map((o) => orderItem(o, scope)) : null;
  return { ...emptyPlan(), where, order };
}

/** `--latest-by F…`: the newest row per distinct F values, sorted by created DESC then F ASC (one window query). */
export function latestByPlan(base: Plan, fields: readonly string[], scope: Scope): Plan {
  const parts = fields.map((f) => orderItem(f, scope).expr);
  const newest: OrderItem[] = [{ expr: { frag: CREATED, type: 'datetime_us', aggregate: false }, desc: true }, { expr: { frag: raw('e."seq"'), type: 'integer', aggregate: false }, desc: true }];
  const cond: Cond = { k: 'subplan', plan: { ...base, order: null }, window: { partition: parts, order: newest } };
  return { ...emptyPlan(), where: [cond], order: [newest[0] as OrderItem, ...parts.map((expr) => ({ expr, desc: false }))] };
}
