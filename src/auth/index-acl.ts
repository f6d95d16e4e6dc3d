import { DelveError } from '../errors.js';
import type { Store } from '../storage/index.js';
import type { UsersTable } from '../storage/tables.js';

/** A valid index name: letters, digits, `_ . -`, not starting with `.` or `-`, 1-255 characters. */
export const INDEX_NAME_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}$/;
/** A valid ACL pattern: an index name that may also use `*` (any run) and `?` (one character). */
export const INDEX_PATTERN_RE = /^[A-Za-z0-9_*?][A-Za-z0-9_.*?-]{0,254}$/;

export function isValidIndexName(name: unknown): name is string {
  return typeof name === 'string' && INDEX_NAME_RE.test(name);
}

/** @throws DelveError DLV_INDEX_INVALID (field `index`) unless `name` is a valid index name. */
export function validateIndexName(name: unknown): string {
  if (!isValidIndexName(name)) {
    throw new DelveError('DLV_INDEX_INVALID', 'Index names are 1-255 letters, digits, _ . or -, and start with a letter, digit or _.', { field: 'index' });
  }
  return name;
}

/** @throws DelveError DLV_INDEX_INVALID (field `patterns`) unless `pattern` is a valid index pattern. */
export function validateIndexPattern(pattern: unknown): string {
  if (typeof pattern !== 'string' || !INDEX_PATTERN_RE.test(pattern)) {
    throw new DelveError('DLV_INDEX_INVALID', `Index pattern ${JSON.stringify(String(pattern)).slice(0, 80)} is invalid: use index-name characters plus * and ?.`, { field: 'patterns' });
  }
  return pattern;
}

/** Glob match in O(|p|·|s|) worst case (no regex, so no catastrophic backtracking). Case-sensitive. */
function glob(p: string, s: string): boolean {
  let pi = 0;
  let si = 0;
  let star = -1;
  let mark = 0;
  while (si < s.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === s[si])) {
      pi++;
      si++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = si;
    } else if (star >= 0) {
      pi = star + 1;
      si = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

export interface IndexMatcher {
  matches(index: string): boolean;
}

/**
 * Compiles index ACL patterns (DESIGN §4.5). `*` matches any run of characters, `?` one character, everything else
 * itself (case-sensitive). Internal indexes (names starting with `_`, e.g. `_audit`) are matched only by patterns
 * that themselves start with `_` (`_audit`, `_*`): `*`, `?x` and the like never reach them. Invalid index names
 * never match.
 * @throws DelveError DLV_INDEX_INVALID for an invalid pattern.
 */
export function compileIndexAcl(patterns: readonly string[]): IndexMatcher {
  const list = [...new Set(patterns.map(validateIndexPattern))];
  return {
    matches(index: string): boolean {
      if (!isValidIndexName(index)) return false;
      const internal = index.startsWith('_');
      return list.some((p) => (!internal || p.startsWith('_')) && glob(p, index));
    },
  };
}

export interface UserIndexAcl {
  canRead(index: string): boolean;
  canWrite(index: string): boolean;
  /** The patterns granted by the user's groups (`['*', '_*']` stands for a superuser's everything). */
  readPatterns: string[];
  writePatterns: string[];
  /** True for superusers: every index, internal ones included. */
  all: boolean;
}

/** Patterns from a group column; anything malformed is skipped, so a bad row grants nothing (fails closed). */
function parsePatterns(json: string): string[] {
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return [];
  }
  return Array.isArray(v) ? v.filter((p): p is string => typeof p === 'string' && INDEX_PATTERN_RE.test(p)) : [];
}

/**
 * The indexes a user may read and write: the union of their groups' patterns. Superusers may use every index,
 * internal ones included; disabled users none.
 */
export async function userIndexAcl(store: Store, user: Pick<UsersTable, 'id' | 'is_superuser' | 'is_active'>): Promise<UserIndexAcl> {
  if (!user.is_active) return fromPatterns([], [], false);
  if (user.is_superuser) return fromPatterns(['*', '_*'], ['*', '_*'], true);
  const rows = await store.db.selectFrom('user_groups').innerJoin('groups', 'groups.id', 'user_groups.group_id')
    .select(['groups.index_read', 'groups.index_write']).where('user_groups.user_id', '=', user.id).execute();
  const read = [...new Set(rows.flatMap((r) => parsePatterns(r.index_read)))].sort();
  const write = [...new Set(rows.flatMap((r) => parsePatterns(r.index_write)))].sort();
  return fromPatterns(read, write, false);
}

function fromPatterns(read: string[], write: string[], all: boolean): UserIndexAcl {
  const r = compileIndexAcl(read);
  const w = compileIndexAcl(write);
  return { canRead: (i) => r.matches(i), canWrite: (i) => w.matches(i), readPatterns: read, writePatterns: write, all };
}

/**
 * Whether the user holds a Django-style permission (`view_event`, `add_query`, ...): superusers hold all; otherwise
 * the union of the user's own permissions and their groups'. Disabled users hold none.
 */
export async function hasPermission(store: Store, user: Pick<UsersTable, 'id' | 'is_superuser' | 'is_active'>, codename: string): Promise<boolean> {
  if (!user.is_active) return false;
  if (user.is_superuser) return true;
  const own = await store.db.selectFrom('user_permissions').select('codename').where('user_id', '=', user.id).where('codename', '=', codename).executeTakeFirst();
  if (own) return true;
  const viaGroup = await store.db.selectFrom('group_permissions').innerJoin('user_groups', 'user_groups.group_id', 'group_permissions.group_id')
    .select('group_permissions.codename').where('user_groups.user_id', '=', user.id).where('group_permissions.codename', '=', codename).executeTakeFirst();
  return viaGroup !== undefined;
}
