/**
 * Datetime transforms of database lookups (reference §5.1: `created__year__gte=2024`) and of the Extract/Trunc
 * expression functions. Datetimes are µs integers in SQL (events.created is epoch µs).
 */
import { DelveError } from '../../errors.js';
import type { DatePart, SqlDialect } from './dialect.js';
import type { Expr } from './plan.js';

export const DATE_PARTS: readonly DatePart[] = [
  'year', 'iso_year', 'quarter', 'month', 'week', 'week_day', 'iso_week_day', 'day', 'hour', 'minute', 'second',
];
/** Transform names usable in lookup paths (DATE_PARTS plus `date` and `time`). */
export const TRANSFORMS: ReadonlySet<string> = new Set<string>([...DATE_PARTS, 'date', 'time']);

/** Coerce a datetime-like expression to µs (ISO text is parsed by the database). */
export function toMicros(expr: Expr, dialect: SqlDialect, what: string): Expr {
  if (expr.type === 'datetime_us') return expr;
  if (expr.type === 'text' || expr.type === 'any' || expr.type === 'date') {
    return { frag: dialect.textToMicros(expr.frag), type: 'datetime_us', aggregate: expr.aggregate };
  }
  throw new DelveError('DLV_QUERY_LOOKUP', `${what} needs a date/time value (e.g. created), got a ${expr.type} expression.`);
}

/** Apply one transform (`date`, `time`, `year`, ...) to a datetime expression. */
export function applyTransform(expr: Expr, name: string, dialect: SqlDialect): Expr {
  const micros = toMicros(expr, dialect, `The ${name} transform`).frag;
  if (name === 'date') return { frag: dialect.dateOf(micros), type: 'date', aggregate: expr.aggregate };
  if (name === 'time') return { frag: dialect.timeOf(micros), type: 'time', aggregate: expr.aggregate };
  if ((DATE_PARTS as readonly string[]).includes(name)) {
    return { frag: dialect.datePart(micros, name as DatePart), type: 'integer', aggregate: expr.aggregate };
  }
  throw new DelveError('DLV_QUERY_LOOKUP', `Unknown transform ${JSON.stringify(name)}; use one of ${[...TRANSFORMS].join(', ')}.`);
}
