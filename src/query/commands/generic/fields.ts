/** Field selection: select, drop_fields, rename (reference §6.3). */
import { defineCommand } from '../../args/index.js';
import { isRecord, setField, walkPath } from '../../lookups/values.js';
import type { Row } from '../../runtime/types.js';
import type { CommandDef } from '../command.js';
import { asRows, missingField, strings } from './rows.js';

/**
 * `select F…` on a resolved list: each row becomes `{F: value}` in the given order; `a__b` paths walk
 * nested objects and missing values are null. A non-list input is an error (the original returned []).
 * (On a lazy query the database side projects instead; the runtime dispatches that case.)
 */
export function selectRows(rows: readonly Row[], fields: readonly string[]): Row[] {
  return rows.map((row) => {
    const out: Row = {};
    for (const f of fields) setField(out, f, walkPath(row, f));
    return out;
  });
}

export const select: CommandDef = {
  kind: 'generic',
  spec: defineCommand({
    name: 'select',
    description: 'Keep only the given fields, in the given order (a__b walks nested objects; missing → null).',
    args: [{ name: 'fields', metavar: 'F', nargs: '+', help: 'field names or __ paths to keep' }],
  }),
  run(_ctx, input, args) {
    return selectRows(asRows(input, 'select'), strings(args['fields']));
  },
};

export const dropFields: CommandDef = {
  kind: 'generic',
  spec: defineCommand({
    name: 'drop_fields',
    description: 'Remove the given top-level fields from every row (absent fields are ignored).',
    args: [{ name: 'fields', metavar: 'F', nargs: '+', help: 'field names to remove' }],
  }),
  run(_ctx, input, args) {
    const drop = new Set(strings(args['fields']));
    return asRows(input, 'drop_fields').map((row) => {
      const out: Row = {};
      for (const [k, v] of Object.entries(row)) if (!drop.has(k)) setField(out, k, v);
      return out;
    });
  },
};

/** `rename -f FROM -t TO`: the field keeps its position; a row without FROM is an error. */
export const rename: CommandDef = {
  kind: 'generic',
  spec: defineCommand({
    name: 'rename',
    description: 'Rename a top-level field in every row (it keeps its position; TO is overwritten).',
    args: [
      { flags: ['-f'], dest: 'from', metavar: 'FROM', required: true, help: 'current field name (must exist in every row)' },
      { flags: ['-t'], dest: 'to', metavar: 'TO', required: true, help: 'new field name' },
    ],
  }),
  run(_ctx, input, args) {
    const from = String(args['from']);
    const to = String(args['to']);
    return asRows(input, 'rename').map((row, i) => {
      if (!isRecord(row) || !Object.hasOwn(row, from)) missingField('rename', from, i, 'from');
      const out: Row = {};
      for (const [k, v] of Object.entries(row)) {
        if (k === from) setField(out, to, v);
        else if (k !== to) setField(out, k, v);
      }
      return out;
    });
  },
};
