/** Shared pieces of the qs_* commands: argument words → statements, filters → conditions, naming rules. */
import { DelveError } from '../../../errors.js';
import {
  compileCondition, filterValue, isAggregateCondition, isCondition, parseStatement, type ExprScope, type Statement,
} from '../../expr/index.js';
import { compileLookup } from '../../lookups/db.js';
import { eventColumn, isRowShaped, isSliced, sealRows, type Cond, type EventQuery, type Plan } from '../../plan/index.js';

/** The words of a `nargs` argument parsed as statements (`name=EXPR` or `EXPR`). */
export function statements(v: unknown): Statement[] {
  const words = Array.isArray(v) ? v.map(String) : v === null || v === undefined ? [] : [String(v)];
  return words.map((w) => parseStatement(w));
}

/** One condition per filter statement: `path__lookup=EXPR` or a Q expression. */
export function filterConditions(stmts: readonly Statement[], scope: ExprScope): Cond[] {
  return stmts.map((s) => {
    if (s.name !== null) return compileLookup(s.name, filterValue(s.value, scope), scope);
    if (!isCondition(s.value)) throw new DelveError('DLV_QUERY_EXPRESSION', `Expected field__lookup=value or Q(...), got ${JSON.stringify(s.text.slice(0, 80))}.`);
    return compileCondition(s.value, scope);
  });
}

/** A plan that further WHERE conditions may be added to: a sliced row plan is sealed as `seq IN (…)`. */
export function filterable(plan: Plan, prog: string): Plan {
  if (!isSliced(plan)) return plan;
  if (!isRowShaped(plan)) throw new DelveError('DLV_QUERY_ARGUMENT', `${prog}: cannot filter a query once a slice has been taken (put qs_limit last).`);
  return { ...sealRows(plan, prog), order: plan.order, reversed: plan.reversed };
}

/** Add conditions: aggregate ones go to HAVING, the others to WHERE. */
export function addConditions(q: EventQuery, conds: readonly Cond[], prog: string): EventQuery {
  const plan = filterable(q.plan, prog);
  const where = conds.filter((c) => !isAggregateCondition(c));
  const having = conds.filter((c) => isAggregateCondition(c));
  return q.with({ ...plan, where: [...plan.where, ...where], having: [...plan.having, ...having] });
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Check an annotation/alias name: an identifier that is not a model field. */
export function checkName(name: string, plan: Plan): void {
  if (!NAME.test(name) || name.length > 200) throw new DelveError('DLV_QUERY_EXPRESSION', `Invalid name ${JSON.stringify(name.slice(0, 80))}: use letters, digits and _.`);
  if (eventColumn(name) !== undefined || name === 'seq') {
    throw new DelveError('DLV_QUERY_EXPRESSION', `The annotation ${JSON.stringify(name)} conflicts with a field of the model.`);
  }
  if (plan.annotations.some((a) => a.name === name)) throw new DelveError('DLV_QUERY_EXPRESSION', `The annotation ${JSON.stringify(name)} already exists.`);
}
