/** Per-row value commands: eval, autocast, mark_timestamp (reference §6.3). */
import { DelveError } from '../../../errors.js';
import { defineCommand } from '../../args/index.js';
import { cast, parseIsoDateTime } from '../../cast/index.js';
import { hasPath, preview, setField, walkPath } from '../../lookups/values.js';
import type { Row } from '../../runtime/types.js';
import type { CommandDef } from '../command.js';
import { asRows, missingField, splitAssignment, strings } from './rows.js';

/**
 * `eval NAME=VALUE…`, per row and in order (later assignments see earlier ones). A VALUE starting with
 * `$` names a field: the leading `$`s are removed and, if the row has that field (`a__b` paths allowed),
 * its value is cast; otherwise the raw VALUE (with its `$`) is cast. Any other VALUE is cast. There is no
 * arithmetic: `eval foo=[1,2,3]`, `eval d="{'k':'v'}"`.
 * DIVERGENCE: only LEADING `$`s are removed (the original removed every `$`).
 */
export const evalCommand: CommandDef = {
  kind: 'generic',
  spec: defineCommand({
    name: 'eval',
    description: 'Set fields on every row: NAME=VALUE casts VALUE; NAME=$FIELD copies (and casts) another field.',
    args: [{ name: 'assignments', metavar: 'NAME=VALUE', nargs: '+', help: 'e.g. status=200, copy=$host, tags=[1,2]' }],
  }),
  run(_ctx, input, args) {
    const pairs = strings(args['assignments']).map((w) => splitAssignment(w, 'assignments', 'eval status=200'));
    return asRows(input, 'eval').map((row) => {
      const out: Row = { ...row };
      for (const { name, value } of pairs) {
        let v: unknown;
        if (value.startsWith('$')) {
          const ref = value.replace(/^\$+/, '');
          v = ref !== '' && hasPath(out, ref) ? cast(walkPath(out, ref)) : cast(value);
        } else {
          v = cast(value);
        }
        setField(out, name, v);
      }
      return out;
    });
  },
};

/** `autocast F…`: cast each field's text value (numbers, booleans, JSON, ISO dates); a missing field is an error. */
export const autocast: CommandDef = {
  kind: 'generic',
  spec: defineCommand({
    name: 'autocast',
    description: 'Convert text fields to numbers, booleans, lists/objects or datetimes where they spell one.',
    args: [{ name: 'fields', metavar: 'F', nargs: '+', help: 'fields to cast (must exist in every row)' }],
  }),
  run(_ctx, input, args) {
    const fields = strings(args['fields']);
    return asRows(input, 'autocast').map((row, i) => {
      const out: Row = { ...row };
      for (const f of fields) {
        if (!Object.hasOwn(out, f)) missingField('autocast', f, i, 'fields');
        setField(out, f, cast(out[f]));
      }
      return out;
    });
  },
};

/** Parse a value as a datetime: ISO-8601 text, or a number of seconds since the epoch; undefined if neither. */
export function toDatetime(v: unknown): Date | undefined {
  if (v instanceof Date) return v;
  if (typeof v === 'string') return parseIsoDateTime(v.trim());
  if (typeof v === 'number' && Number.isFinite(v)) {
    const d = new Date(v * 1000);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  return undefined;
}

/**
 * `mark_timestamp F…`: present, non-null, non-datetime values become datetimes (ISO text, or epoch
 * seconds — DIVERGENCE: the original's lenient parser took other text forms, not numbers); a value that
 * does not parse is an error. Absent and null fields are left alone.
 */
export const markTimestamp: CommandDef = {
  kind: 'generic',
  spec: defineCommand({
    name: 'mark_timestamp',
    description: 'Turn fields holding ISO-8601 text or epoch seconds into datetimes.',
    args: [{ name: 'fields', metavar: 'F', nargs: '+', help: 'fields to convert' }],
  }),
  run(_ctx, input, args) {
    const fields = strings(args['fields']);
    return asRows(input, 'mark_timestamp').map((row, i) => {
      const out: Row = { ...row };
      for (const f of fields) {
        if (!Object.hasOwn(out, f) || out[f] === null) continue;
        const d = toDatetime(out[f]);
        if (d === undefined) {
          throw new DelveError(
            'DLV_QUERY_TYPE',
            `mark_timestamp: row ${i + 1} field ${JSON.stringify(f)} is not a date: ${preview(out[f])} (use ISO-8601 like 2024-01-31T10:00:00Z, or epoch seconds).`,
            { field: 'fields' },
          );
        }
        setField(out, f, d);
      }
      return out;
    });
  },
};
