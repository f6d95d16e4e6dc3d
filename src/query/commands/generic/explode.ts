/** Reshaping commands: explode, explode_timestamp, event_split, ensure_list (reference §6.3). */
import { DelveError } from '../../../errors.js';
import { defineCommand } from '../../args/index.js';
import { parseIsoDateTime } from '../../cast/index.js';
import { isRecord, preview, setField, walkPath } from '../../lookups/values.js';
import type { Row } from '../../runtime/types.js';
import type { CommandDef } from '../command.js';
import { asRows, checkAbort, checkRowCap } from './rows.js';

const FIELD = { name: 'field', metavar: 'F', help: 'the field to work on' } as const;
const PREFIX = { flags: ['--prefix'], default: '', metavar: 'P', help: 'prefix for the new field names' } as const;

/**
 * `explode F [--prefix P]`: an object value is removed and its keys merged into the row (prefixed,
 * overwriting); a null value is removed; any other value is kept but moved to the end; an absent field
 * leaves the row unchanged (the original docs said such rows were dropped; they are not).
 */
export const explode: CommandDef = {
  kind: 'generic',
  spec: defineCommand({
    name: 'explode',
    description: 'Merge the keys of an object field into the row (e.g. explode extracted_fields).',
    args: [FIELD, PREFIX],
  }),
  run(_ctx, input, args) {
    const field = String(args['field']);
    const prefix = String(args['prefix'] ?? '');
    return asRows(input, 'explode').map((row) => {
      if (!Object.hasOwn(row, field)) return row;
      const value = row[field];
      const out: Row = {};
      for (const [k, v] of Object.entries(row)) if (k !== field) setField(out, k, v);
      if (isRecord(value)) for (const [k, v] of Object.entries(value)) setField(out, prefix + k, v);
      else if (value !== null && value !== undefined) setField(out, field, value);
      return out;
    });
  },
};

const DATE_PARTS = ['year', 'month', 'day'] as const;
const TIME_PARTS = ['hour', 'minute', 'second', 'microsecond'] as const;
const TIME_RE = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$/;

function parts(value: unknown): Record<string, number> | undefined {
  const d = value instanceof Date ? value : typeof value === 'string' ? parseIsoDateTime(value.trim()) : undefined;
  if (d !== undefined) {
    const all: Record<string, number> = {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      microsecond: d.getUTCMilliseconds() * 1000,
    };
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.trim())) {
      return Object.fromEntries(DATE_PARTS.map((p) => [p, all[p] as number]));
    }
    return all;
  }
  const t = typeof value === 'string' ? TIME_RE.exec(value.trim()) : null;
  if (t !== null && Number(t[1]) < 24 && Number(t[2]) < 60 && Number(t[3] ?? 0) < 60) {
    const values = [Number(t[1]), Number(t[2]), Number(t[3] ?? 0), Number((t[4] ?? '').padEnd(6, '0'))];
    return Object.fromEntries(TIME_PARTS.map((p, i) => [p, values[i] as number]));
  }
  return undefined;
}

/**
 * `explode_timestamp F [--prefix P]`: a datetime (or ISO datetime text) → `year month day hour minute
 * second microsecond` in UTC; date-only text → the first three; `HH:MM[:SS[.ffffff]]` text → the last
 * four. The original field is removed. Absent or null fields are left alone; other values are an error.
 */
export const explodeTimestamp: CommandDef = {
  kind: 'generic',
  spec: defineCommand({
    name: 'explode_timestamp',
    description: 'Split a datetime field into year, month, day, hour, minute, second and microsecond (UTC).',
    args: [FIELD, PREFIX],
  }),
  run(_ctx, input, args) {
    const field = String(args['field']);
    const prefix = String(args['prefix'] ?? '');
    return asRows(input, 'explode_timestamp').map((row, i) => {
      if (!Object.hasOwn(row, field) || row[field] === null) return row;
      const p = parts(row[field]);
      if (p === undefined) {
        throw new DelveError(
          'DLV_QUERY_TYPE',
          `explode_timestamp: row ${i + 1} field ${JSON.stringify(field)} is not a datetime, date or time: ${preview(row[field])}.`,
          { field: 'field' },
        );
      }
      const out: Row = {};
      for (const [k, v] of Object.entries(row)) if (k !== field) setField(out, k, v);
      for (const [k, v] of Object.entries(p)) setField(out, prefix + k, v);
      return out;
    });
  },
};

/**
 * `event_split F`: F (an `a__b` path) holding a list → one copy of the row per element, with the literal
 * key F set to the element (an empty list drops the row); an object → one copy per entry with F = value
 * and `F_key` = key; anything else → the row unchanged. The output is capped at ctx.maxRows.
 */
export const eventSplit: CommandDef = {
  kind: 'generic',
  spec: defineCommand({
    name: 'event_split',
    description: 'One row per element of a list field (or per entry of an object field).',
    args: [{ ...FIELD, help: 'the list or object field (a__b paths allowed)' }],
  }),
  run(ctx, input, args) {
    const field = String(args['field']);
    const out: Row[] = [];
    for (const row of asRows(input, 'event_split')) {
      checkAbort(ctx);
      const value = walkPath(row, field);
      const add = (entries: [string | undefined, unknown][]): void => {
        checkRowCap(ctx, out.length + entries.length, 'event_split');
        for (const [k, v] of entries) {
          const copy: Row = { ...row };
          setField(copy, field, v);
          if (k !== undefined) setField(copy, `${field}_key`, k);
          out.push(copy);
        }
      };
      if (Array.isArray(value)) add(value.map((v) => [undefined, v]));
      else if (isRecord(value)) add(Object.entries(value));
      else {
        checkRowCap(ctx, out.length + 1, 'event_split');
        out.push(row);
      }
    }
    return out;
  },
};

/** `ensure_list F`: a non-list value becomes `[value]`; an absent field becomes `[null]`. */
export const ensureList: CommandDef = {
  kind: 'generic',
  spec: defineCommand({
    name: 'ensure_list',
    description: 'Wrap a field value in a list unless it already is one (absent → [null]).',
    args: [FIELD],
  }),
  run(_ctx, input, args) {
    const field = String(args['field']);
    return asRows(input, 'ensure_list').map((row) => {
      const v = Object.hasOwn(row, field) ? row[field] : null;
      if (Array.isArray(v)) return row;
      const out: Row = { ...row };
      setField(out, field, [v ?? null]);
      return out;
    });
  },
};
