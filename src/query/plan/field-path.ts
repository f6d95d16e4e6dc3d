/**
 * Field-path resolution against the model allow-lists (reference §5.1, §12 #3): `host`, `created__year`,
 * `extracted_fields__a__0__b`, `user__username`, annotation names. Returns the SQL expression plus the segments
 * left for lookups/transforms. Relation paths reaching protected fields are DLV_QUERY_FORBIDDEN_FIELD.
 */
import { DelveError } from '../../errors.js';
import { isFieldPath } from '../parser/term.js';
import { column, type SqlDialect } from './dialect.js';
import {
  allowedFieldsHint, eventColumn, EVENTS_ALIAS, FORBIDDEN_SEGMENTS, USER_FIELDS, USERS_ALIAS, type ColumnType,
} from './model.js';
import type { Annotation, Expr, ValueType } from './plan.js';
import { cat, type Frag } from './sql.js';

/** Lookup names (reference §5.1). */
export const LOOKUPS: ReadonlySet<string> = new Set([
  'exact', 'iexact', 'contains', 'icontains', 'in', 'gt', 'gte', 'lt', 'lte', 'startswith', 'istartswith', 'endswith',
  'iendswith', 'range', 'isnull', 'regex', 'iregex', 'has_key', 'has_keys', 'has_any_keys', 'contained_by',
]);

export type ResolvedField = {
  /** SQL scalar value of the field (JSON keys: the SQL value of the key). */
  expr: Expr;
  /** For output: JSON keys are selected as JSON text and parsed, other fields as `expr`. */
  projection: Expr;
  /** Set when the path is a JSON document or a key inside one. */
  json?: { doc: Frag; keys: readonly string[] };
  /** Segments after the field: transforms and/or one lookup. */
  tail: string[];
};

export type Scope = { readonly dialect: SqlDialect; readonly annotations: readonly Annotation[] };

function typeOf(t: ColumnType): ValueType {
  if (t === 'datetime_ms') return 'datetime_us';
  return t;
}

function columnExpr(dialect: SqlDialect, alias: string, name: string, t: ColumnType): Expr {
  const ref = column(dialect, alias, name);
  const frag = t === 'datetime_ms' ? cat('(', ref, ' * 1000)') : ref;
  return { frag, type: typeOf(t), aggregate: false };
}

function forbidden(path: string): never {
  throw new DelveError('DLV_QUERY_FORBIDDEN_FIELD', `The field path ${JSON.stringify(path)} reaches a protected field (passwords, tokens, sessions and secrets are never queryable).`, { field: path });
}

function unknown(path: string, extra = ''): never {
  throw new DelveError('DLV_QUERY_UNKNOWN_FIELD', `Unknown field ${JSON.stringify(path.slice(0, 120))}${extra}. Allowed: ${allowedFieldsHint()}.`, { field: path.slice(0, 120) });
}

/**
 * Resolve a `__`-separated field path. `mode: 'lookup'` peels a trailing lookup name off JSON key paths;
 * `'value'` treats every JSON segment as a key. Throws DLV_QUERY_UNKNOWN_FIELD / DLV_QUERY_FORBIDDEN_FIELD.
 */
export function resolveField(path: string, scope: Scope, mode: 'lookup' | 'value'): ResolvedField {
  if (!isFieldPath(path)) {
    unknown(path, ': use letters, digits and _ in segments joined by __');
  }
  const segs = path.split('__');
  const head = segs[0] as string;
  for (let i = segs.length; i >= 1; i -= 1) {
    const name = segs.slice(0, i).join('__'); // annotation names may contain __ (Count(a__b) → a__b__count)
    const ann = scope.annotations.find((a) => a.name === name);
    if (ann) return { expr: ann.expr, projection: ann.expr, tail: segs.slice(i) };
  }
  if (FORBIDDEN_SEGMENTS.has(head)) forbidden(path);
  const { dialect } = scope;
  if (head === 'user' && segs.length > 1 && !LOOKUPS.has(segs[1] as string) && segs[1] !== 'id') {
    const name = segs[1] as string;
    if (FORBIDDEN_SEGMENTS.has(name)) forbidden(path);
    const f = USER_FIELDS.find((u) => u.name === name);
    if (!f) unknown(path, ` (user fields: ${USER_FIELDS.map((u) => u.name).join(', ')})`);
    const expr = columnExpr(dialect, USERS_ALIAS, f.column, f.type);
    return checkTail(path, { expr, projection: expr, tail: segs.slice(2) });
  }
  const col = eventColumn(head);
  if (!col) unknown(path);
  const rest = head === 'user' && segs[1] === 'id' ? segs.slice(2) : segs.slice(1);
  const base = columnExpr(dialect, EVENTS_ALIAS, col.column, col.type);
  if (col.type !== 'json') return checkTail(path, { expr: base, projection: base, tail: rest });
  let keys = rest;
  let tail: string[] = [];
  if (mode === 'lookup' && keys.length > 0 && LOOKUPS.has(keys[keys.length - 1] as string)) {
    tail = keys.slice(-1);
    keys = keys.slice(0, -1);
  }
  if (keys.length === 0) return { expr: { ...base, type: 'json' }, projection: base, json: { doc: base.frag, keys }, tail };
  const expr: Expr = { frag: dialect.jsonScalar(base.frag, keys), type: 'any', aggregate: false };
  const projection: Expr = { frag: dialect.jsonText(base.frag, keys), type: 'json', aggregate: false };
  return { expr, projection, json: { doc: base.frag, keys }, tail };
}

function checkTail(path: string, r: ResolvedField): ResolvedField {
  for (const s of r.tail) if (FORBIDDEN_SEGMENTS.has(s)) forbidden(path);
  return r;
}
