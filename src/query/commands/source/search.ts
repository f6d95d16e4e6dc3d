/**
 * `search` (reference §6.1): the first command of most pipelines; returns a lazy event query compiled to ONE
 * SQL statement with the caller's index ACL in its WHERE clause. Default order: newest first (created DESC).
 * Improvements: `--last-month` is 30 days (as join); `--index NAME`; terms given after `--latest-by F…` (words
 * containing `=`) are treated as terms, not fields; `--latest`/`--latest-by` stay lazy (window function).
 * Internal indexes (`_audit`…) are left out unless an index term names one (`index=_audit`; search-plan.ts).
 */
import { DelveError } from '../../../errors.js';
import { defineCommand } from '../../args/index.js';
import {
  buildSearchPlan, checkUsing, eventQueryFor, latestByPlan, resolveModel, timeBoundsOf, type EventQuery,
} from '../../plan/index.js';
import type { ExecContext, PipelineValue } from '../../runtime/types.js';
import { isLazyQuery } from '../../runtime/types.js';
import type { CommandDef } from '../command.js';
import { COMMON_ARGS, stringList, TIME_FLAG_ARGS, TIME_FLAG_GROUP, timeFlagOf } from './time-args.js';

const spec = defineCommand({
  name: 'search',
  description: 'Search events (newest first). Terms: field__lookup=value, !field=value, bare words (full text).',
  args: [
    ...COMMON_ARGS,
    ...TIME_FLAG_ARGS,
    { flags: ['--limit'], type: 'int', metavar: 'N', help: 'at most N events' },
    { flags: ['--offset'], type: 'int', default: 0, metavar: 'N', help: 'skip the first N events' },
    { flags: ['--latest'], action: 'store_true', help: 'only the newest event' },
    { flags: ['--latest-by'], nargs: '+', metavar: 'F', help: 'the newest event per distinct value of the fields' },
  ],
  exclusive: [TIME_FLAG_GROUP, { options: ['--latest', '--latest-by'] }],
});

/** Whether the input counts as empty (search must be first, reference §4.5). */
function isEmptyInput(input: PipelineValue): boolean {
  if (input === null || input === undefined) return true;
  if (Array.isArray(input)) return input.length === 0;
  return false;
}

/** Build the lazy query of a search from parsed arguments. */
export function runSearch(ctx: ExecContext, input: PipelineValue, args: Record<string, unknown>): EventQuery {
  if (isLazyQuery(input) || !isEmptyInput(input)) {
    throw new DelveError('DLV_QUERY_ARGUMENT', 'Search must appear as the first search command.');
  }
  resolveModel(args['model'] as string | null);
  checkUsing(args['using'] as string | null);
  const latestByRaw = args['latest_by'] === null || args['latest_by'] === undefined ? null : stringList(args['latest_by']);
  const terms = stringList(args['terms']);
  const latestBy = latestByRaw?.filter((f) => !f.includes('=')) ?? null;
  if (latestByRaw) terms.push(...latestByRaw.filter((f) => f.includes('='))); // --latest-by is greedy (§12 #16)
  if (latestBy !== null && latestBy.length === 0) throw new DelveError('DLV_QUERY_ARGUMENT', 'argument --latest-by: expected at least one field name.', { field: 'latest_by' });
  const limit = args['limit'] as number | null;
  const offset = (args['offset'] as number | null) ?? 0;
  if (limit !== null && limit < 0) throw new DelveError('DLV_QUERY_ARGUMENT', '--limit must be 0 or more.', { field: 'limit' });
  if (offset < 0) throw new DelveError('DLV_QUERY_ARGUMENT', '--offset must be 0 or more.', { field: 'offset' });
  const q = eventQueryFor(ctx);
  const scope = q.scope();
  let plan = buildSearchPlan({
    terms, timeFlag: timeFlagOf(args), olderThan: args['older_than'], newerThan: args['newer_than'],
    index: args['index'] as string | null, orderBy: stringList(args['order_by']), bounds: timeBoundsOf(ctx), acl: q.env.acl,
  }, scope, scope.nowMicros);
  if (latestBy) plan = latestByPlan(plan, latestBy, scope);
  if (args['latest'] === true) plan = { ...plan, order: null, limit: 1, offset: 0 };
  else if (limit !== null || offset > 0) plan = { ...plan, limit, offset };
  return q.with(plan);
}

export const search: CommandDef = {
  kind: 'source',
  permission: 'view_event',
  spec,
  run: runSearch,
};
