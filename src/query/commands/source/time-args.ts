/** Argument declarations shared by search and join: terms, time flags, ordering, --model/--using/--index. */
import type { ArgSpec, ExclusiveGroup } from '../../args/index.js';

export const TIME_FLAG_ARGS: ArgSpec[] = [
  { flags: ['--last-15-minutes'], action: 'store_true', help: 'events of the last 15 minutes' },
  { flags: ['--last-hour'], action: 'store_true', help: 'events of the last hour' },
  { flags: ['--last-day'], action: 'store_true', help: 'events of the last 24 hours' },
  { flags: ['--last-week'], action: 'store_true', help: 'events of the last 7 days' },
  { flags: ['--last-month'], action: 'store_true', help: 'events of the last 30 days' },
  { flags: ['--older-than'], type: 'cast', metavar: 'DATE', help: 'created before this ISO date/datetime' },
  { flags: ['--newer-than'], type: 'cast', metavar: 'DATE', help: 'created after this ISO date/datetime' },
];

export const TIME_FLAG_GROUP: ExclusiveGroup = { options: ['--last-15-minutes', '--last-hour', '--last-day', '--last-week', '--last-month'] };

export const COMMON_ARGS: ArgSpec[] = [
  { name: 'terms', metavar: 'TERM', nargs: '*', help: 'field__lookup=value terms (!field=value excludes) and full-text words' },
  { flags: ['--order-by'], action: 'append', metavar: 'F', help: 'order by a field; --order-by=-F for descending (repeatable)' },
  { flags: ['--index'], metavar: 'NAME', help: 'only this index (same as index=NAME)' },
  { flags: ['--model'], default: 'events', metavar: 'MODEL', help: 'the model to search: events (alias events.models.Event)' },
  { flags: ['--using'], default: 'default', metavar: 'DB', help: 'database alias (only default)' },
];

/** The time flag given (its dest), if any. */
export function timeFlagOf(args: Record<string, unknown>): string | null {
  for (const k of ['last_15_minutes', 'last_hour', 'last_day', 'last_week', 'last_month']) if (args[k] === true) return k;
  return null;
}

/** A list argument as strings. */
export function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : v === null || v === undefined ? [] : [String(v)];
}
