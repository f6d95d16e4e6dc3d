/** The generic (in-memory) query commands (reference §6.1, §6.3–§6.5). */
import type { CommandDef } from '../command.js';
import { autocast, evalCommand, markTimestamp } from './casting.js';
import { chart } from './chart.js';
import { eventsToContext, resolve, set } from './context.js';
import { echo, fakeData } from './data.js';
import { dedup, distinct, merge } from './dedup.js';
import { ensureList, eventSplit, explode, explodeTimestamp } from './explode.js';
import { dropFields, rename, select } from './fields.js';
import { filter } from './filter.js';
import { replace, rex } from './regex.js';
import { head, sort, transpose, valueList } from './sort.js';
import { stats } from './stats.js';
import { table } from './table.js';

/** Every generic command, in the reference's order. */
export const GENERIC_COMMANDS: CommandDef[] = [
  fakeData, echo, select, dropFields, rename, evalCommand, autocast, markTimestamp, explode, explodeTimestamp,
  eventSplit, ensureList, rex, replace, filter, dedup, distinct, merge, sort, head, valueList, transpose,
  resolve, set, eventsToContext, stats, chart, table,
];

export { selectRows } from './fields.js';
export { tableCell, pyJson } from './table.js';
export { toDatetime } from './casting.js';
