/**
 * The lazy query plan: an immutable description of a Django-QuerySet-like query over one model. `search` builds
 * it, `qs_*` commands derive new plans from it, and compile.ts turns it into ONE parameterised SQL statement.
 * Expressions are resolved to SQL fragments when they are added (so a bad field path fails at its command);
 * what depends on the caller (index ACL, full-text mode) is only spelled out at compile time.
 */
import type { ModelName } from './model.js';
import type { Frag } from './sql.js';

/** Type of an expression's SQL value; decides how results are decoded. */
export type ValueType = 'text' | 'integer' | 'real' | 'number' | 'boolean' | 'datetime_us' | 'date' | 'time' | 'json' | 'any';

/** A resolved SQL expression. */
export type Expr = {
  readonly frag: Frag;
  readonly type: ValueType;
  /** Contains an aggregate function (Sum, Count...). */
  readonly aggregate: boolean;
};

/** A condition tree (WHERE / HAVING). */
export type Cond =
  | { readonly k: 'sql'; readonly frag: Frag; readonly aggregate: boolean }
  | { readonly k: 'and' | 'or'; readonly items: readonly Cond[] }
  | { readonly k: 'not'; readonly item: Cond }
  /**
   * Bare search words: every term must match the full-text index (DESIGN §5). `minSeq` (set at run time by
   * fulltext-floor.ts, never by commands) limits the indexed part to seqs >= minSeq when that provably loses no row.
   */
  | { readonly k: 'fulltext'; readonly terms: readonly string[]; readonly minSeq?: number }
  /** `e.seq IN (rows of a row-shaped sub-plan)`, optionally keeping only the first row per window partition. */
  | { readonly k: 'subplan'; readonly plan: Plan; readonly window?: { readonly partition: readonly Expr[]; readonly order: readonly OrderItem[] } };

export type OrderItem = { readonly expr: Expr; readonly desc: boolean };

/** A named computed column (`qs_annotate`), hidden when added by `qs_alias`. */
export type Annotation = { readonly name: string; readonly expr: Expr; readonly hidden: boolean };

/** One output column of a projection (`qs_values`): the row key and its expression. */
export type ProjItem = { readonly key: string; readonly expr: Expr };

export type Plan = {
  readonly model: ModelName;
  readonly where: readonly Cond[];
  readonly annotations: readonly Annotation[];
  /** Projection (`qs_values`); null = full rows. */
  readonly values: readonly ProjItem[] | null;
  /** GROUP BY keys when aggregates were annotated after `qs_values`; null = per-row grouping if aggregated. */
  readonly groupKeys: readonly Expr[] | null;
  readonly having: readonly Cond[];
  /** Explicit ordering; null = the default (newest first: created DESC, then insertion order DESC). */
  readonly order: readonly OrderItem[] | null;
  /** `qs_reverse` applied an odd number of times. */
  readonly reversed: boolean;
  /** `qs_distinct`: null = off; [] = SELECT DISTINCT; fields = first row per distinct field values. */
  readonly distinct: readonly Expr[] | null;
  readonly limit: number | null;
  readonly offset: number;
};

/** A fresh plan: every row of the model, newest first. */
export function emptyPlan(model: ModelName = 'events'): Plan {
  return {
    model, where: [], annotations: [], values: null, groupKeys: null, having: [], order: null, reversed: false,
    distinct: null, limit: null, offset: 0,
  };
}

/** Whether any annotation (or projected expression) aggregates. */
export function isAggregated(plan: Plan): boolean {
  return plan.annotations.some((a) => a.expr.aggregate) || (plan.values ?? []).some((v) => v.expr.aggregate);
}

/** Whether the plan still yields whole event rows (no projection, grouping, distinct or slice). */
export function isRowShaped(plan: Plan): boolean {
  return plan.values === null && !isAggregated(plan) && plan.distinct === null;
}

/** Whether the plan was sliced (`--limit`, `qs_limit`). */
export function isSliced(plan: Plan): boolean {
  return plan.limit !== null || plan.offset > 0;
}

/** AND of conditions (single items unwrapped). */
export function andOf(items: readonly Cond[]): Cond {
  return items.length === 1 ? (items[0] as Cond) : { k: 'and', items };
}
