/**
 * SQL dialect: every piece of SQL whose spelling differs between databases goes through this interface, so the
 * compiler is dialect-neutral and a PostgreSQL dialect can follow with the same method set. Only the SQLite
 * dialect exists today. Identifiers and JSON paths come from allow-lists / the field-path grammar and are checked
 * again here before being spelled into SQL; all values are parameters.
 */
import { DelveError } from '../../errors.js';
import { foldCase, isAscii } from '../lookups/case-fold.js';
import { cat, param, raw, type Frag } from './sql.js';

/** Datetime parts (Django transforms / Extract kinds). */
export type DatePart = 'year' | 'iso_year' | 'quarter' | 'month' | 'week' | 'week_day' | 'iso_week_day' | 'day' | 'hour' | 'minute' | 'second';
/** Truncation kinds (Trunc*). */
export type TruncKind = 'year' | 'quarter' | 'month' | 'week' | 'day' | 'hour' | 'minute' | 'second';

export interface SqlDialect {
  readonly name: 'sqlite';
  /** A quoted identifier; `name` must come from an allow-list. */
  ident(name: string): string;
  /** A constant JSON path literal for keys that passed the field-path grammar (`$."a"[0]`). */
  jsonPath(keys: readonly string[]): string;
  /** The JSON value at `keys` as an SQL scalar (numbers stay numbers, strings text, objects JSON text). */
  jsonScalar(doc: Frag, keys: readonly string[]): Frag;
  /** The JSON value at `keys` as JSON text (NULL when the key is absent); decoded with JSON.parse. */
  jsonText(doc: Frag, keys: readonly string[]): Frag;
  /** The JSON type name at `keys` (`null`, `true`, `false`, `integer`, `real`, `text`, `array`, `object`), NULL when absent. */
  jsonType(doc: Frag, keys: readonly string[]): Frag;
  /** A datetime value (µs integer) as `YYYY-MM-DD` text. */
  dateOf(micros: Frag): Frag;
  /** A datetime value (µs integer) as `HH:MM:SS` text. */
  timeOf(micros: Frag): Frag;
  /** An integer datetime part of a µs datetime (week_day: 1 = Sunday; iso_week_day: 1 = Monday). */
  datePart(micros: Frag, part: DatePart): Frag;
  /** A µs datetime truncated to the start of its year/quarter/.../second (still µs). */
  trunc(micros: Frag, kind: TruncKind): Frag;
  /** ISO-8601 text → µs datetime. */
  textToMicros(text: Frag): Frag;
  /**
   * Substring / prefix / suffix / equality test; `value` is the plain user string (bound as a parameter). Case-insensitive
   * tests fold Unicode like lookups/case-fold.ts (`ÉCOLE` icontains `éc`).
   */
  textMatch(expr: Frag, value: string, kind: 'contains' | 'startswith' | 'endswith' | 'exact', caseInsensitive: boolean): Frag;
  /** Unicode lower / upper case of a value's text (Lower()/Upper()); NULL stays NULL, numbers become their text. */
  changeCase(expr: Frag, to: 'lower' | 'upper'): Frag;
  /** Regular-expression test (REGEXP function registered on the connection). */
  regex(expr: Frag, pattern: string, caseInsensitive: boolean): Frag;
  /** JSON containment: `container` contains `contained` (both JSON text). */
  jsonContains(container: Frag, contained: Frag): Frag;
  /** Finalise placeholders (`?` for SQLite; `$n` for PostgreSQL). */
  finalize(sql: string): string;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const JSON_KEY = /^[A-Za-z0-9_]+$/;
const INT_KEY = /^(?:0|[1-9][0-9]{0,8})$/;

/** Escape `%`, `_` and `\` for LIKE … ESCAPE '\'. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Escape GLOB metacharacters (`*`, `?`, `[`) so they match literally. */
export function escapeGlob(s: string): string {
  return s.replace(/[*?[]/g, (c) => `[${c}]`);
}

function checkNoNul(value: string, what: string): void {
  if (value.includes('\0')) {
    throw new DelveError('DLV_QUERY_LOOKUP', `${what} values cannot contain NUL characters (the database would cut the pattern there).`);
  }
}

const PART_FORMAT: Record<Exclude<DatePart, 'quarter' | 'week_day'>, string> = {
  year: '%Y', iso_year: '%G', month: '%m', week: '%V', iso_week_day: '%u', day: '%d', hour: '%H', minute: '%M', second: '%S',
};
const UNIT: Partial<Record<TruncKind, number>> = { day: 86_400_000_000, hour: 3_600_000_000, minute: 60_000_000, second: 1_000_000 };

const seconds = (micros: Frag): Frag => cat('(', micros, ' / 1000000)');
const strf = (fmt: string, micros: Frag): Frag => cat(`strftime('${fmt}', `, seconds(micros), `, 'unixepoch')`);
const startOf = (micros: Frag, modifiers: string): Frag =>
  cat(`(CAST(strftime('%s', `, seconds(micros), `, 'unixepoch', ${modifiers}) AS INTEGER) * 1000000)`);

/** The SQLite dialect (SQLite ≥ 3.44: `->`/`->>`, strftime %G/%V/%u, math functions). */
export const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  ident(name) {
    if (!IDENT.test(name)) throw new DelveError('DLV_INTERNAL', 'Refusing to spell an invalid identifier into SQL.');
    return `"${name}"`;
  },
  jsonPath(keys) {
    let path = '$';
    for (const k of keys) {
      if (!JSON_KEY.test(k)) throw new DelveError('DLV_QUERY_UNKNOWN_FIELD', `Invalid JSON key ${JSON.stringify(k.slice(0, 80))}: keys are letters, digits and _.`);
      path += INT_KEY.test(k) ? `[${k}]` : `."${k}"`;
    }
    return `'${path}'`;
  },
  jsonScalar(doc, keys) {
    return cat(doc, ` ->> ${this.jsonPath(keys)}`);
  },
  jsonText(doc, keys) {
    return cat(doc, ` -> ${this.jsonPath(keys)}`);
  },
  jsonType(doc, keys) {
    return cat('json_type(', doc, `, ${this.jsonPath(keys)})`);
  },
  dateOf(micros) {
    return cat('date(', seconds(micros), `, 'unixepoch')`);
  },
  timeOf(micros) {
    return cat('time(', seconds(micros), `, 'unixepoch')`);
  },
  datePart(micros, part) {
    if (part === 'quarter') return cat('((CAST(', strf('%m', micros), ' AS INTEGER) + 2) / 3)');
    if (part === 'week_day') return cat('(CAST(', strf('%w', micros), ' AS INTEGER) + 1)');
    return cat('CAST(', strf(PART_FORMAT[part], micros), ' AS INTEGER)');
  },
  trunc(micros, kind) {
    const unit = UNIT[kind];
    if (unit !== undefined) return cat('((', micros, ` / ${unit}) * ${unit})`);
    if (kind === 'year') return startOf(micros, `'start of year'`);
    if (kind === 'month') return startOf(micros, `'start of month'`);
    if (kind === 'week') return startOf(micros, `'start of day', 'weekday 0', '-6 days'`);
    // quarter: start of month, then back (month - 1) % 3 months
    return cat(`(CAST(strftime('%s', `, seconds(micros), `, 'unixepoch', 'start of month', '-' || ((CAST(`, strf('%m', micros),
      ` AS INTEGER) - 1) % 3) || ' months') AS INTEGER) * 1000000)`);
  },
  textToMicros(text) {
    return cat(`CAST(unixepoch(`, text, `, 'subsec') * 1000000 AS INTEGER)`);
  },
  textMatch(expr, value, kind, ci) {
    if (kind === 'exact' && !ci) return cat(expr, ' = ', param(value));
    checkNoNul(value, 'Pattern lookup');
    const like = (body: string): string => (kind === 'exact' ? body : kind === 'contains' ? `%${body}%` : kind === 'startswith' ? `${body}%` : `%${body}`);
    if (ci && isAscii(value)) {
      // Fast path: LIKE folds ASCII letters only, which for an ASCII pattern equals Unicode folding except where the
      // VALUE holds one of the few characters whose folding is ASCII (KELVIN SIGN K→k, ſ→s, ß→ss, ﬁ→fi, İ, ı; see
      // foldsToAscii in lookups/case-fold.ts): `ﬁle` icontains `file` is false here, true for Python.
      return cat(expr, ' LIKE ', param(like(escapeLike(value))), ` ESCAPE '\\'`);
    }
    if (ci) {
      // Unicode folding of both sides (delve_casefold = foldCase); CAST spells numbers as SQLite's LIKE would
      const folded = cat('delve_casefold(CAST(', expr, ' AS TEXT))');
      if (kind === 'exact') return cat(folded, ' = ', param(foldCase(value)));
      return cat(folded, ' LIKE ', param(like(escapeLike(foldCase(value)))), ` ESCAPE '\\'`);
    }
    const body = escapeGlob(value);
    const pat = kind === 'contains' ? `*${body}*` : kind === 'startswith' ? `${body}*` : `*${body}`;
    return cat(expr, ' GLOB ', param(pat));
  },
  changeCase(expr, to) {
    return cat(to === 'lower' ? 'delve_lower(CAST(' : 'delve_upper(CAST(', expr, ' AS TEXT))');
  },
  regex(expr, pattern, ci) {
    checkNoNul(pattern, 'Regex');
    return ci ? cat('delve_iregexp(', param(pattern), ', ', expr, ')') : cat(expr, ' REGEXP ', param(pattern));
  },
  jsonContains(container, contained) {
    return cat('delve_json_contains(', container, ', ', contained, ')');
  },
  finalize(sql) {
    return sql;
  },
};

/** Constant SQL for the events table alias column, e.g. `e."index"`. */
export function column(dialect: SqlDialect, alias: string, name: string): Frag {
  return raw(`${alias}.${dialect.ident(name)}`);
}
