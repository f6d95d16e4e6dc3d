/** Input helpers shared by the generic commands: shape checks, cancellation and the row cap. */
import { DelveError } from '../../../errors.js';
import { isRecord, preview, typeName } from '../../lookups/values.js';
import type { ExecContext, PipelineValue, Row } from '../../runtime/types.js';

/** The input as a list of anything; a non-list throws DLV_QUERY_TYPE naming the command. */
export function asList(input: PipelineValue, prog: string): unknown[] {
  if (Array.isArray(input)) return input;
  throw new DelveError(
    'DLV_QUERY_TYPE',
    `${prog} needs a list as input, got ${typeName(input)}${input === null ? '' : ` ${preview(input)}`}.`,
  );
}

/** The input as a list of rows (objects); anything else throws DLV_QUERY_TYPE naming the command and row. */
export function asRows(input: PipelineValue, prog: string): Row[] {
  const list = asList(input, prog);
  for (let i = 0; i < list.length; i++) {
    const row = list[i];
    if (!isRecord(row)) {
      throw new DelveError('DLV_QUERY_TYPE', `${prog} needs a list of rows (objects); row ${i + 1} is ${typeName(row)} ${preview(row)}.`);
    }
  }
  return list as Row[];
}

/** Throw DLV_QUERY_CANCELLED when the run was aborted; call in long loops. */
export function checkAbort(ctx: ExecContext): void {
  if (ctx.signal.aborted) throw new DelveError('DLV_QUERY_CANCELLED', 'The query was cancelled.');
}

/** Throw DLV_QUERY_LIMIT when a command is about to produce more than ctx.maxRows rows. */
export function checkRowCap(ctx: ExecContext, count: number, prog: string): void {
  if (count > ctx.maxRows) {
    throw new DelveError(
      'DLV_QUERY_LIMIT',
      `${prog} would produce more than ${ctx.maxRows} rows (DELVE_MAX_RESULT_ROWS); narrow the input first (e.g. head or filter).`,
    );
  }
}

/** Throw DLV_QUERY_FIELD_MISSING for row `index` (0-based) lacking `field`. */
export function missingField(prog: string, field: string, index: number, arg: string): never {
  throw new DelveError('DLV_QUERY_FIELD_MISSING', `${prog}: row ${index + 1} has no field ${JSON.stringify(field)}.`, { field: arg });
}

/** Split `NAME=VALUE` at the first `=`; throws DLV_QUERY_ARGUMENT when there is none or NAME is empty. */
export function splitAssignment(word: string, arg: string, example: string): { name: string; value: string } {
  const eq = word.indexOf('=');
  if (eq <= 0) throw new DelveError('DLV_QUERY_ARGUMENT', `Expected NAME=VALUE, got ${preview(word)} (e.g. ${example}).`, { field: arg });
  return { name: word.slice(0, eq), value: word.slice(eq + 1) };
}

/** The strings of a `nargs` list argument. */
export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : v === null || v === undefined ? [] : [String(v)];
}
