/**
 * The JavaScript aggregates behind count-groups.ts: `delve_count_groups(k1, k2, …)` and the one-key
 * `delve_count_groups1(k)` count rows per group in a Map, with SQLite's GROUP BY rules (numbers by value, text by
 * bytes, NULLs together). Used on the query connection and in the helper threads of parallel-count.ts.
 */
import type { SqliteDb } from '../../storage/sqlite/open.js';

/** Thrown for values that cannot be grouped like SQLite here (blobs, integers beyond 2^53): callers fall back. */
export class Unsupported extends Error {}

/** One group: its key values and row count. Keyed in maps by a type-tagged string (see groupKey). */
export type Group = { keys: unknown[]; n: number };

function groupKey(v: unknown): string {
  if (v === null) return 'z';
  if (typeof v === 'string') return `s${v}`;
  // -0 and 0 are one group, as in SQLite; integers beyond 2^53 arrive rounded and could merge: leave them to SQLite
  if (typeof v === 'number' && !(Number.isInteger(v) && !Number.isSafeInteger(v))) return `n${v === 0 ? 0 : v}`;
  throw new Unsupported();
}

type One = { text: Map<string, number>; num: Map<number, number>; nulls: number };
const registered = new WeakMap<SqliteDb, { last?: Map<string, Group> }>();

function register(db: SqliteDb): { last?: Map<string, Group> } {
  let box = registered.get(db);
  if (box) return box;
  const holder: { last?: Map<string, Group> } = {};
  box = holder;
  db.aggregate('delve_count_groups', {
    varargs: true,
    start: () => new Map<string, Group>(),
    step: (m: Map<string, Group>, ...vals: unknown[]) => {
      const k = vals.length === 1 ? groupKey(vals[0]) : vals.map(groupKey).join('\u0000');
      const g = m.get(k);
      if (g) g.n += 1;
      else m.set(k, { keys: vals, n: 1 });
      return m;
    },
    result: (m: Map<string, Group>) => { holder.last = m; return m.size; },
  });
  // One key (the common case): texts and numbers counted in their own Maps keyed by the value itself, so no key
  // string is built per row; same grouping rules as groupKey.
  db.aggregate('delve_count_groups1', {
    start: (): One => ({ text: new Map(), num: new Map(), nulls: 0 }),
    step: (acc: One, v: unknown) => {
      if (typeof v === 'string') acc.text.set(v, (acc.text.get(v) ?? 0) + 1);
      else if (v === null) acc.nulls += 1;
      else if (typeof v === 'number' && !(Number.isInteger(v) && !Number.isSafeInteger(v))) {
        const k = v === 0 ? 0 : v;
        acc.num.set(k, (acc.num.get(k) ?? 0) + 1);
      } else throw new Unsupported();
      return acc;
    },
    result: (acc: One) => {
      const m = new Map<string, Group>();
      if (acc.nulls > 0) m.set('z', { keys: [null], n: acc.nulls });
      for (const [k, n] of acc.num) m.set(`n${k}`, { keys: [k], n });
      for (const [k, n] of acc.text) m.set(`s${k}`, { keys: [k], n });
      holder.last = m;
      return m.size;
    },
  });
  registered.set(db, box);
  return box;
}

/** The name of the counting aggregate for `keyCount` keys. */
export function countAggregate(keyCount: number): string {
  return keyCount === 1 ? 'delve_count_groups1' : 'delve_count_groups';
}

/**
 * Run a `SELECT <countAggregate>(keys…) FROM … WHERE …` statement and return its groups, or 'unsupported' when a
 * value cannot be grouped here. Database errors propagate.
 */
export function countGroupsWith(db: SqliteDb, sql: string, params: readonly unknown[]): Map<string, Group> | 'unsupported' {
  const box = register(db);
  box.last = undefined;
  try {
    db.prepare(sql).pluck().get(...params);
  } catch (e) {
    box.last = undefined;
    if (e instanceof Unsupported) return 'unsupported';
    throw e;
  }
  const found = box.last ?? new Map<string, Group>(); // set by the aggregate's result() during get()
  box.last = undefined;
  return found;
}
