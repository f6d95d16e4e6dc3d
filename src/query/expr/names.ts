/** Automatic names of positional aggregates (reference §5.3): `Count(extracted_fields__foo)` → `extracted_fields__foo__count`. */
import { DelveError } from '../../errors.js';
import type { Node } from './ast.js';
import { isAggregateFunction } from './functions.js';

function pathOf(n: Node | undefined): string | undefined {
  if (n === undefined) return undefined;
  if (n.t === 'name' || n.t === 'str') return n.v;
  if (n.t === 'call' && n.fn === 'F' && n.args.length === 1) return pathOf(n.args[0]);
  return undefined;
}

/** The default name of a positional expression; only aggregates over a plain field path have one. */
export function autoName(n: Node, text: string): string {
  if (n.t === 'call' && isAggregateFunction(n.fn)) {
    const p = pathOf(n.args[0]);
    if (p !== undefined && p !== '*') return `${p}__${n.fn.toLowerCase()}`;
  }
  const shown = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  throw new DelveError('DLV_QUERY_EXPRESSION', `Complex expressions need a name: write name=${shown}`);
}
