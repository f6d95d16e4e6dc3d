/**
 * `run_query NAME` (reference §6.1, fixed per §12 #10): runs the caller's OWN saved query with that name, as the
 * caller, with the current input as its start input and the same local context. Non-empty input → input followed by
 * the results (a non-list result is wrapped), else the results. Nesting is limited by DELVE_RUN_QUERY_MAX_DEPTH:
 * the runtime's `runPipeline` must run the sub-pipeline with `services.depth + 1`.
 */
import { DelveError } from '../../../errors.js';
import { defineCommand } from '../../args/index.js';
import { findOwnQueryByName } from '../../saved/index.js';
import { isLazyQuery, type ExecContext, type PipelineValue } from '../../runtime/types.js';
import type { CommandDef } from '../command.js';

const spec = defineCommand({
  name: 'run_query',
  description: 'Run one of your saved queries by name; its results are appended to the input.',
  args: [{ name: 'name', metavar: 'NAME', help: 'name of your saved query' }],
});

const isEmpty = (v: PipelineValue): boolean => v === null || v === undefined || (Array.isArray(v) && v.length === 0);

async function runRunQuery(ctx: ExecContext, input: PipelineValue, args: Record<string, unknown>): Promise<PipelineValue> {
  const svc = ctx.services;
  if (!svc?.runPipeline) throw new DelveError('DLV_INTERNAL', 'run_query needs the pipeline runtime.');
  const max = svc.settings.DELVE_RUN_QUERY_MAX_DEPTH;
  if (svc.depth >= max) throw new DelveError('DLV_RUN_QUERY_DEPTH', `run_query is nested more than ${max} levels deep (DELVE_RUN_QUERY_MAX_DEPTH); does a saved query run itself?`, { field: 'name' });
  const name = String(args['name']);
  const saved = await findOwnQueryByName(svc.store, ctx.user.id, name);
  if (!saved) throw new DelveError('DLV_SAVED_NOT_FOUND', `You have no saved query named "${name}".`, { field: 'name' });
  let result = await svc.runPipeline(saved.text, input, ctx.locals);
  if (isLazyQuery(result)) result = await result.resolve(ctx);
  if (isEmpty(input)) return result;
  const head = Array.isArray(input) ? input : [input];
  return [...head, ...(Array.isArray(result) ? result : [result])];
}

export const runQuery: CommandDef = { kind: 'generic', permission: 'view_query', spec, run: runRunQuery };
