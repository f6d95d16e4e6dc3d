/** Materialising lazy values and applying the row cap (DELVE_MAX_RESULT_ROWS). */
import { isLazyQuery, type ExecContext, type PipelineValue } from '../types.js';

/** A materialised value and whether rows were cut by the row cap on the way. */
export type Resolved = { value: PipelineValue; truncated: boolean };

/** Resolve a lazy query into rows (the plan caps them at ctx.maxRows and reports `truncated`); other values pass. */
export async function resolveValue(value: PipelineValue, ctx: ExecContext): Promise<Resolved> {
  if (!isLazyQuery(value)) return { value, truncated: false };
  const rows = await value.resolve(ctx);
  return { value: rows, truncated: (value as { truncated?: unknown }).truncated === true };
}

/** Cut a list to `maxRows` items; objects and scalars are returned unchanged. */
export function capRows(value: PipelineValue, maxRows: number): Resolved {
  if (Array.isArray(value) && value.length > maxRows) return { value: value.slice(0, maxRows), truncated: true };
  return { value, truncated: false };
}
