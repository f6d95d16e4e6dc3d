/**
 * Regex commands: rex and replace (reference §6.3), with Python `re` syntax translated by
 * lookups/python-regex.ts (named groups `(?P<n>…)`, backreferences `\1`, `\g<n>`).
 *
 * SAFETY: see python-regex.ts — patterns are length-capped and the classic explosive shapes are refused,
 * and only the first MAX_REGEX_INPUT characters of a value are searched (replace keeps the rest as is).
 * JavaScript cannot interrupt a running regex, so a pathological pattern that slips through the guards
 * can still hold a CPU for a long time.
 */
import { DelveError } from '../../../errors.js';
import { defineCommand } from '../../args/index.js';
import { compilePythonRegex, compileReplacement, groupNames, MAX_REGEX_INPUT } from '../../lookups/python-regex.js';
import { hasPath, isRecord, preview, setField, typeName, walkPath } from '../../lookups/values.js';
import type { Row } from '../../runtime/types.js';
import type { CommandDef } from '../command.js';
import { asRows, checkAbort, missingField, strings } from './rows.js';

/** The text a regex command works on: text as is, numbers/booleans as text, null → null; lists/objects → error. */
function fieldText(prog: string, row: Row, field: string, index: number): string | null {
  if (!hasPath(row, field)) missingField(prog, field, index, 'field');
  const v = walkPath(row, field);
  if (v === null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  throw new DelveError('DLV_QUERY_TYPE', `${prog}: row ${index + 1} field ${JSON.stringify(field)} is ${typeName(v)} ${preview(v)}, not text.`, {
    field: 'field',
  });
}

/** A copy of `row` with the `a__b` path set to `value` (nested objects are copied, never mutated). */
function withPath(row: Row, segments: readonly string[], value: unknown): Row {
  const [head, ...rest] = segments as [string, ...string[]];
  const out: Row = { ...row };
  const child = out[head];
  setField(out, head, rest.length === 0 || !isRecord(child) ? value : withPath(child, rest, value));
  return out;
}

/**
 * `rex [-f F=text] REGEX…`: for each regex, the named groups of its first match are set as TOP-LEVEL fields
 * (an optional group that did not take part → null; the original docs said extracted_fields — they are
 * wrong). A regex that does not match adds nothing. A null field matches nothing; a missing one is an error.
 */
export const rex: CommandDef = {
  kind: 'generic',
  spec: defineCommand({
    name: 'rex',
    description: 'Extract fields with regular expressions: named groups (?P<name>...) become top-level fields.',
    args: [
      { flags: ['-f'], dest: 'field', default: 'text', metavar: 'F', help: 'field to search (default text; a__b paths allowed)' },
      { name: 'regexes', metavar: 'REGEX', nargs: '+', help: 'Python-style regex with named groups; quote it (outside quotes write || for a literal |)' },
    ],
  }),
  run(ctx, input, args) {
    const field = String(args['field']);
    const regexes = strings(args['regexes']).map((p) => {
      const re = compilePythonRegex(p, { field: 'regexes' });
      return { re, names: groupNames(re) };
    });
    return asRows(input, 'rex').map((row, i) => {
      checkAbort(ctx);
      const text = fieldText('rex', row, field, i);
      if (text === null) return row;
      const out: Row = { ...row };
      for (const { re, names } of regexes) {
        const m = re.exec(text.length > MAX_REGEX_INPUT ? text.slice(0, MAX_REGEX_INPUT) : text);
        if (m === null) continue;
        for (const n of names) setField(out, n, m.groups?.[n] ?? null);
      }
      return out;
    });
  },
};

/**
 * `replace -f F REGEX REPL`: replace every match in F with REPL (Python syntax: `\1`, `\g<1>`, `\g<name>`;
 * `$` is literal). A null field stays null; numbers/booleans are replaced in their text (the result is text).
 */
export const replace: CommandDef = {
  kind: 'generic',
  spec: defineCommand({
    name: 'replace',
    description: 'Replace every match of a regular expression in a field.',
    args: [
      { flags: ['-f'], dest: 'field', required: true, metavar: 'F', help: 'field to change (a__b paths allowed)' },
      { name: 'regex', metavar: 'REGEX', help: 'Python-style regular expression' },
      { name: 'replacement', metavar: 'REPL', help: 'replacement text; \\1 or \\g<name> insert groups' },
    ],
  }),
  run(ctx, input, args) {
    const field = String(args['field']);
    const re = compilePythonRegex(String(args['regex']), { field: 'regex', global: true });
    const fn = compileReplacement(String(args['replacement']), re, 'replacement');
    const segments = field.split('__');
    return asRows(input, 'replace').map((row, i) => {
      checkAbort(ctx);
      const text = fieldText('replace', row, field, i);
      if (text === null) return row;
      const head = text.length > MAX_REGEX_INPUT ? text.slice(0, MAX_REGEX_INPUT) : text;
      const result = head.replace(re, fn) + text.slice(head.length);
      return withPath(row, Object.hasOwn(row, field) ? [field] : segments, result);
    });
  },
};
