/**
 * Index ACL pushdown (DESIGN §4.5): every compiled search/join/qs_* statement carries the caller's readable
 * indexes in its WHERE clause. Superusers get `{all: true}`; others a list of glob patterns where `*` matches any
 * run of characters but a pattern starting with `*` never matches an internal index (a name starting with `_`):
 * `_audit` must be granted by a pattern that itself starts with `_`. Separately, `search`/join leave internal indexes
 * out unless an index term names one (search-plan.ts, Splunk-like), for every caller whose ACL could reach them.
 */
import { column, escapeGlob, type SqlDialect } from './dialect.js';
import { EVENTS_ALIAS } from './model.js';
import { cat, joinFrags, param, paramList, raw, type Frag } from './sql.js';

/** The indexes a caller may read (or write): everything, or the indexes matching one of the glob patterns. */
export type IndexAcl = { readonly all: boolean; readonly patterns: readonly string[] };

/** An ACL granting every index, internal ones included (superusers). */
export const ALL_INDEXES: IndexAcl = Object.freeze({ all: true, patterns: Object.freeze([]) as readonly string[] });

/** Whether `index` is allowed by `acl` (same semantics as the SQL predicate; used for writes and tests). */
export function aclAllows(acl: IndexAcl, index: string): boolean {
  if (acl.all) return true;
  return acl.patterns.some((p) => {
    if (!p.includes('*')) return p === index;
    if (p.startsWith('*') && index.startsWith('_')) return false;
    const re = new RegExp(`^${p.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');
    return re.test(index);
  });
}

/** Whether `acl` can let any internal index (a name starting with `_`) through: superusers, or a pattern starting with `_`. */
export function mayReadInternal(acl: IndexAcl): boolean {
  return acl.all || acl.patterns.some((p) => p.startsWith('_'));
}

/** `substr(e."index", 1, 1) <> '_'`: the row is not in an internal index (also what `*` compiles to). */
export function notInternalIndex(dialect: SqlDialect, alias: string = EVENTS_ALIAS): Frag {
  return cat('substr(', column(dialect, alias, 'index'), `, 1, 1) <> '_'`);
}

/**
 * The ACL as an SQL predicate on `e."index"`: exact names as `IN (...)` (served by the (index, created) index),
 * glob patterns as `GLOB ?`, with `substr(index, 1, 1) <> '_'` for patterns starting with `*`.
 * No patterns → `1 = 0` (nothing is visible).
 */
export function aclCondition(acl: IndexAcl, dialect: SqlDialect, alias: string = EVENTS_ALIAS): Frag {
  if (acl.all) return raw('1 = 1');
  const col = column(dialect, alias, 'index');
  const exact = [...new Set(acl.patterns.filter((p) => !p.includes('*')))];
  const globs = [...new Set(acl.patterns.filter((p) => p.includes('*')))];
  const parts: Frag[] = [];
  if (exact.length === 1) parts.push(cat(col, ' = ', param(exact[0] as string)));
  else if (exact.length > 1) parts.push(cat(col, ' IN ', paramList(exact)));
  for (const g of globs) {
    const notInternal = notInternalIndex(dialect, alias);
    if (/^\*+$/.test(g)) { // `*` matches every name: only the internal-index rule is left (cheap on every row)
      parts.push(notInternal);
      continue;
    }
    const glob = g.split('*').map(escapeGlob).join('*');
    const m = cat(col, ' GLOB ', param(glob));
    parts.push(g.startsWith('*') ? cat('(', m, ' AND ', notInternal, ')') : m);
  }
  if (parts.length === 0) return raw('1 = 0');
  return parts.length === 1 ? (parts[0] as Frag) : cat('(', joinFrags(parts, ' OR '), ')');
}
