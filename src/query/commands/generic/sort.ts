/** Ordering and slicing: sort, head, value_list, transpose (reference §6.3). */
import { DelveError, isDelveError } from '../../../errors.js';
import { defineCommand } from '../../args/index.js';
import { compareValues, hasPath, setField, walkPath } from '../../lookups/values.js';
import type { Row } from '../../runtime/types.js';
import type { CommandDef } from '../command.js';
import { asList, asRows, strings } from './rows.js';

/**
 * `sort [-d] [F…]`: stable sort of rows by the tuple of F values (a__b paths), or of a list of scalars when
 * no F is given. Values must be mutually comparable (numbers, text, datetimes or lists); a null/missing
 * value or mixed types is an error that names the field — filter those rows out first.
 */
export const sort: CommandDef = {
  kind: 'generic',
  spec: defineCommand({
    name: 'sort',
    description: 'Sort rows by fields (or a list of plain values when no field is given); stable.',
    args: [
      { flags: ['-d'], dest: 'descending', action: 'store_true', help: 'sort in descending order' },
      { name: 'fields', metavar: 'F', nargs: '*', help: 'fields to sort by, most significant first' },
    ],
  }),
  run(_ctx, input, args) {
    const fields = strings(args['fields']);
    const sign = args['descending'] === true ? -1 : 1;
    const list = fields.length === 0 ? [...asList(input, 'sort')] : [...asRows(input, 'sort')];
    const cmp = (a: unknown, b: unknown): number => {
      if (fields.length === 0) return compareValues(a, b);
      for (const f of fields) {
        try {
          const c = compareValues(walkPath(a, f), walkPath(b, f));
          if (c !== 0) return c;
        } catch (e) {
          if (!isDelveError(e)) throw e;
          throw new DelveError('DLV_QUERY_TYPE', `sort: cannot sort by ${JSON.stringify(f)}: ${e.message}`, { field: 'fields' });
        }
      }
      return 0;
    };
    return list.sort((a, b) => sign * cmp(a, b));
  },
};

/** `head [-n N=10]`: the first N elements; a negative N keeps all but the last |N|. */
export const head: CommandDef = {
  kind: 'generic',
  spec: defineCommand({
    name: 'head',
    description: 'Keep the first N rows (negative: all but the last |N|).',
    args: [{ flags: ['-n', '--limit'], dest: 'limit', metavar: 'N', type: 'int', default: 10, help: 'how many rows (default 10)' }],
  }),
  run(_ctx, input, args) {
    const n = typeof args['limit'] === 'number' ? args['limit'] : 10;
    const list = asList(input, 'head');
    return n >= 0 ? list.slice(0, n) : list.slice(0, Math.max(0, list.length + n));
  },
};

/** `value_list F` → the list of every row's F value (`""` where absent). */
export const valueList: CommandDef = {
  kind: 'generic',
  spec: defineCommand({
    name: 'value_list',
    description: "A plain list of one field's values (\"\" where a row lacks it).",
    args: [{ name: 'field', metavar: 'F', help: 'the field (a__b paths allowed)' }],
  }),
  run(_ctx, input, args) {
    const field = String(args['field']);
    return asRows(input, 'value_list').map((row) => (hasPath(row, field) ? walkPath(row, field) : ''));
  },
};

/**
 * `transpose [F…]` → one row per key: `{"key": k, "0": row0[k], "1": row1[k], …}` (missing → null).
 * Keys are the given F in order, or — with no F — every key in first-seen order. DIVERGENCE: the original
 * required F but ignored it, and its key order was undefined.
 */
export const transpose: CommandDef = {
  kind: 'generic',
  spec: defineCommand({
    name: 'transpose',
    description: 'Turn rows into columns: one output row per field, with the input rows as "0", "1", ...',
    args: [{ name: 'fields', metavar: 'F', nargs: '*', help: 'keys to transpose (default: all, in first-seen order)' }],
  }),
  run(_ctx, input, args) {
    const rows = asRows(input, 'transpose');
    let keys = strings(args['fields']);
    if (keys.length === 0) {
      const all = new Set<string>();
      for (const row of rows) for (const k of Object.keys(row)) all.add(k);
      keys = [...all];
    }
    return keys.map((k) => {
      const out: Row = { key: k };
      rows.forEach((row, i) => setField(out, String(i), Object.hasOwn(row, k) ? row[k] : null));
      return out;
    });
  },
};
