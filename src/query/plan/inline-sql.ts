/** SQL text with its parameters inlined — for DISPLAY only (`qs_sql`); execution always binds parameters. */
import type { SqlValue } from './sql.js';

function literal(v: SqlValue | undefined): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (Buffer.isBuffer(v)) return `X'${v.toString('hex')}'`;
  // quotes doubled; control characters shown as char() calls so the text stays one readable line
  const parts = v.split(/([\u0000-\u001f\u007f])/u).map((p, i) => (i % 2 === 1 ? `char(${p.charCodeAt(0)})` : `'${p.replace(/'/g, "''")}'`));
  return parts.filter((p, i) => i % 2 === 1 || p !== "''" || parts.length === 1).join(' || ');
}

/** Replace each `?` outside string literals and quoted identifiers by the SQL literal of its parameter. */
export function inlineParams(sql: string, params: readonly SqlValue[]): string {
  let out = '';
  let n = 0;
  let quote: string | null = null;
  for (const ch of sql) {
    if (quote !== null) {
      out += ch;
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === '?') {
      out += literal(params[n]);
      n += 1;
    } else out += ch;
  }
  return out;
}
