/** The qs_* commands (reference §6.2): refine, shape or consume a lazy event query. */
import type { CommandDef } from '../command.js';
import { qsAlias, qsAnnotate, qsDefer, qsGroupBy, qsOnly, qsValues } from './annotate.js';
import { qsDistinct, qsExclude, qsFilter, qsHaving, qsLimit, qsOrderBy, qsReverse, qsSelectRelated, qsUsing } from './refine.js';
import {
  qsAggregate, qsCount, qsDates, qsDatetimes, qsEarliest, qsExists, qsExplain, qsFirst, qsLast, qsLatest, qsSql,
} from './terminal.js';
import { qsDelete, qsUpdate } from './write.js';

export { annotate, project } from './annotate.js';

/** `select F…` on a lazy query: a database projection (reference §6.3), same as qs_values F…. */
export { selectLazy } from './select.js';

export const QS_COMMANDS: readonly CommandDef[] = [
  qsFilter, qsExclude, qsAnnotate, qsAlias, qsValues, qsGroupBy, qsHaving, qsOrderBy, qsReverse, qsDistinct, qsLimit,
  qsOnly, qsDefer, qsSelectRelated, qsUsing, qsDates, qsDatetimes, qsCount, qsExists, qsAggregate, qsFirst, qsLast,
  qsEarliest, qsLatest, qsExplain, qsSql, qsUpdate, qsDelete,
];
