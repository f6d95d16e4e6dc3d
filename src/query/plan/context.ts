/**
 * How commands find the event database: the runtime puts the caller's connections and index ACLs on the
 * ExecContext as `events` (see EventQueryContext). Without it, database commands fail with DLV_INTERNAL.
 */
import { DelveError } from '../../errors.js';
import type { ExecContext } from '../runtime/types.js';
import { createEventQuery, type EventQuery, type EventQueryOptions } from './event-query.js';
import type { TimeBounds } from './search-plan.js';

/** Connections + ACLs of the caller (everything createEventQuery needs except the clock). */
export type EventDatabase = Omit<EventQueryOptions, 'now'> & {
  /** Bounds `created` in every search (and join's right side) of the run, AND-ed with the query's own options. */
  timeBounds?: TimeBounds;
};

/** The run's time window for every search/join (POST /api/query/ `earliest`/`latest`), if any. */
export function timeBoundsOf(ctx: ExecContext): TimeBounds | undefined {
  return (ctx as EventQueryContext).events?.timeBounds;
}

/** An ExecContext carrying the event database (the lead adds `events` when building the context). */
export type EventQueryContext = ExecContext & { events?: EventDatabase };

/** The caller's event database, or DLV_INTERNAL when the runtime did not wire one. */
export function eventDatabase(ctx: ExecContext): EventDatabase {
  const events = (ctx as EventQueryContext).events;
  if (!events) throw new DelveError('DLV_INTERNAL', 'The query runtime has no event database configured.');
  return events;
}

/** A fresh lazy query over the caller's readable events, using ctx.now() as the clock. */
export function eventQueryFor(ctx: ExecContext): EventQuery {
  return createEventQuery({ ...eventDatabase(ctx), now: () => ctx.now() });
}
