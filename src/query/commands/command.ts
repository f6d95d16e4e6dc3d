/**
 * The contract between the pipeline runtime and a query command (reference §4.5, §6).
 *
 * The runtime tokenizes a segment, renders its template, parses the words with `parseArgs(def.spec, …)`,
 * checks `permission`, prepares the input according to `kind`, and calls `run`. Commands report problems by
 * throwing a DelveError with a DLV_QUERY_* code and, where it helps, `{ field: '<argument dest>' }`; the
 * runtime attaches the command's index and span.
 */
import type { CommandSpec } from '../args/index.js';
import type { ExecContext, PipelineValue } from '../runtime/types.js';

export interface CommandDef {
  /** From defineCommand (name, prog, args...). */
  spec: CommandSpec;
  /** 'generic': the runtime resolves the input to a list/value first; 'source': must be first; 'qs': needs a LazyQuery. */
  kind: 'generic' | 'source' | 'qs';
  /** Permission needed, e.g. 'view_event' (checked by the runtime), if any. */
  permission?: string;
  /** Run the command on its (prepared) input with the arguments returned by parseArgs. */
  run(ctx: ExecContext, input: PipelineValue, args: Record<string, unknown>): Promise<PipelineValue> | PipelineValue;
}
