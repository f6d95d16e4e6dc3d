/**
 * The lazy query plan of the events model: plan model, compiler to ONE parameterised SQL statement, SQL dialect,
 * field-path resolution, index-ACL pushdown, execution and terminal operations.
 */
export { ALL_INDEXES, aclAllows, aclCondition, type IndexAcl } from './acl.js';
export { compileSelect, effectiveOrder, type CompileOptions, type CompiledQuery, type OutputColumn } from './compile.js';
export { eventDatabase, eventQueryFor, timeBoundsOf, type EventDatabase, type EventQueryContext } from './context.js';
export { sqliteDialect, type SqlDialect } from './dialect.js';
export { createEventQuery, EventQuery, requireEventQuery, type EventQueryOptions } from './event-query.js';
export { resolveField, LOOKUPS, type ResolvedField, type Scope } from './field-path.js';
export { detectTextSearch, type TextSearchMode } from './fulltext.js';
export { inlineParams } from './inline-sql.js';
export { checkUsing, eventColumn, resolveModel, EVENT_COLUMNS, USER_FIELDS } from './model.js';
export { emptyPlan, isAggregated, isRowShaped, isSliced, type Annotation, type Cond, type Expr, type OrderItem, type Plan, type ProjItem } from './plan.js';
export { buildSearchPlan, latestByPlan, orderItem, termConditions, timeConditions, TIME_FLAGS, type SearchSpec, type TimeBounds } from './search-plan.js';
export { registerQueryFunctions, MAX_REGEX_LENGTH } from './sqlite-functions.js';
export type { Frag, SqlValue } from './sql.js';
export {
  aggregateRows, countRows, deleteRows, distinctDates, existsRows, explainQuery, firstRow, sealRows, sqlText, updateRows, UPDATABLE,
} from './terminal.js';
export { formatMicros } from './values.js';
