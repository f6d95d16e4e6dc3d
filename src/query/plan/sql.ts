/**
 * SQL fragments: SQL text with `?` placeholders plus the values bound to them, in order. Fragments are built only
 * from constant SQL written in this code base and from values that always travel as parameters (DESIGN §1.2).
 */

/** A value that can be bound to a placeholder (better-sqlite3 / pg compatible). */
export type SqlValue = string | number | bigint | null | Buffer;

/** SQL text with `?` placeholders and the bound values in order. */
export type Frag = { readonly sql: string; readonly params: readonly SqlValue[] };

/** Constant SQL written by us (never user text). */
export function raw(sql: string): Frag {
  return { sql, params: [] };
}

/** One bound value. */
export function param(value: SqlValue): Frag {
  return { sql: '?', params: [value] };
}

/** Concatenate constant SQL strings and fragments. */
export function cat(...parts: Array<Frag | string>): Frag {
  let sql = '';
  const params: SqlValue[] = [];
  for (const p of parts) {
    if (typeof p === 'string') sql += p;
    else {
      sql += p.sql;
      params.push(...p.params);
    }
  }
  return { sql, params };
}

/** Join fragments with a constant separator. */
export function joinFrags(parts: readonly Frag[], sep: string): Frag {
  const out: Array<Frag | string> = [];
  parts.forEach((p, i) => {
    if (i > 0) out.push(sep);
    out.push(p);
  });
  return cat(...out);
}

/** `(?, ?, ?)` for a list of values. */
export function paramList(values: readonly SqlValue[]): Frag {
  return { sql: `(${values.map(() => '?').join(', ')})`, params: [...values] };
}

/** Wrap in parentheses. */
export function paren(f: Frag): Frag {
  return cat('(', f, ')');
}
