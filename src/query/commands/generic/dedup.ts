/** Duplicate handling: dedup, distinct, merge (reference §6.3). */
import { DelveError } from '../../../errors.js';
import { defineCommand } from '../../args/index.js';
import { canonicalKey, isRecord, preview, setField, walkPath } from '../../lookups/values.js';
import type { Row } from '../../runtime/types.js';
import type { CommandDef } from '../command.js';
import { asRows, checkAbort, strings } from './rows.js';

const FIELDS = { name: 'fields', metavar: 'F', help: 'fields to compare (a__b paths allowed)' } as const;

/**
 * `dedup [F…] [--all]`: drop rows equal — as a whole, or on the F values — to the previously KEPT row
 * (consecutive duplicates only, as the original; rows are compared key-order-insensitively). `--all`
 * (an addition) drops every later duplicate anywhere in the input, keeping first occurrences.
 */
export const dedup: CommandDef = {
  kind: 'generic',
  spec: defineCommand({
    name: 'dedup',
    description: 'Remove consecutive duplicate rows (or, with --all, every repeated row), comparing whole rows or the given fields.',
    args: [
      { ...FIELDS, nargs: '*' },
      { flags: ['--all'], action: 'store_true', help: 'remove duplicates anywhere, not only consecutive ones' },
    ],
  }),
  run(ctx, input, args) {
    const fields = strings(args['fields']);
    const key = (row: Row): string => canonicalKey(fields.length === 0 ? row : fields.map((f) => walkPath(row, f)));
    const seen = new Set<string>();
    let previous: string | undefined;
    return asRows(input, 'dedup').filter((row, i) => {
      if (i % 1024 === 0) checkAbort(ctx);
      const k = key(row);
      if (args['all'] === true) {
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      }
      if (k === previous) return false;
      previous = k;
      return true;
    });
  },
};

/**
 * `distinct F…` → `[{F: [unique non-null values]}]`, values in first-seen order (the original's order was
 * undefined); a field with no values is left out; list/object values are an error.
 */
export const distinct: CommandDef = {
  kind: 'generic',
  spec: defineCommand({
    name: 'distinct',
    description: 'One row listing the unique non-null values of each field, in first-seen order.',
    args: [{ ...FIELDS, nargs: '+' }],
  }),
  run(_ctx, input, args) {
    const rows = asRows(input, 'distinct');
    const out: Row = {};
    for (const f of strings(args['fields'])) {
      const seen = new Set<string>();
      const values: unknown[] = [];
      rows.forEach((row, i) => {
        const v = walkPath(row, f);
        if (v === null) return;
        if (Array.isArray(v) || isRecord(v)) {
          throw new DelveError('DLV_QUERY_TYPE', `distinct: row ${i + 1} field ${JSON.stringify(f)} holds a list or object ${preview(v)}; pick a scalar field.`, {
            field: 'fields',
          });
        }
        const k = canonicalKey(v);
        if (!seen.has(k)) {
          seen.add(k);
          values.push(v);
        }
      });
      if (values.length > 0) setField(out, f, values);
    }
    return [out];
  },
};

/**
 * `merge F…`: group rows by the tuple of F values (missing → null), groups in first-seen order. Each group
 * becomes one row: the F keys with their value, and every other top-level key → the list of its distinct
 * values in first-seen order.
 */
export const merge: CommandDef = {
  kind: 'generic',
  spec: defineCommand({
    name: 'merge',
    description: 'Merge rows that share the same values of F: other fields become lists of their distinct values.',
    args: [{ ...FIELDS, nargs: '+', help: 'fields to group by' }],
  }),
  run(ctx, input, args) {
    const fields = strings(args['fields']);
    const groups = new Map<string, { row: Row; seen: Map<string, Set<string>> }>();
    for (const row of asRows(input, 'merge')) {
      checkAbort(ctx);
      const values = fields.map((f) => walkPath(row, f));
      const gk = canonicalKey(values);
      let g = groups.get(gk);
      if (g === undefined) {
        const head: Row = {};
        fields.forEach((f, i) => setField(head, f, values[i]));
        g = { row: head, seen: new Map() };
        groups.set(gk, g);
      }
      for (const [k, v] of Object.entries(row)) {
        if (fields.includes(k)) continue;
        let seen = g.seen.get(k);
        if (seen === undefined) {
          seen = new Set();
          g.seen.set(k, seen);
          setField(g.row, k, []);
        }
        const vk = canonicalKey(v);
        if (!seen.has(vk)) {
          seen.add(vk);
          (g.row[k] as unknown[]).push(v);
        }
      }
    }
    return [...groups.values()].map((g) => g.row);
  },
};
