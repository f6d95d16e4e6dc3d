/** The event shape returned by request and make_events, saving such events, and request's --recent-ok lookup. */
import { DelveError } from '../../../errors.js';
import type { ProcessedEvent } from '../../../ingest/processors.js';
import type { ExecContext } from '../../runtime/types.js';

/** The processor-facing event shape, with `created` null until saved. */
export type EventRecord = Omit<ProcessedEvent, 'created'> & { created: string | null };

/** Throws 403 DLV_AUTH_FORBIDDEN unless the caller may write every index of `records`. */
export function checkWriteAccess(ctx: ExecContext, indexes: Iterable<string>): void {
  const svc = ctx.services;
  if (!svc) return;
  for (const index of new Set(indexes)) {
    if (!svc.access.canWrite(index)) throw new DelveError('DLV_AUTH_FORBIDDEN', `You may not write to index "${index}"; ask an administrator for write access.`, { field: 'index' });
  }
}

/**
 * Stores the records through the runtime's EventAppender (add_event and index write access required; extraction and
 * processors run there). Returns the records with the stored ids and a `created` time.
 */
export async function saveEvents(ctx: ExecContext, records: EventRecord[]): Promise<EventRecord[]> {
  const svc = ctx.services;
  if (!svc?.ingest) throw new DelveError('DLV_INTERNAL', 'Saving events is not available here (no event writer).');
  if (!(await svc.hasPermission('add_event'))) throw new DelveError('DLV_AUTH_FORBIDDEN', 'Saving events needs the add_event permission.');
  checkWriteAccess(ctx, records.map((r) => r.index));
  if (records.length === 0) return [];
  const { ids } = await svc.ingest.append(ctx.user, records.map((r) => ({ index: r.index, host: r.host, source: r.source, sourcetype: r.sourcetype, text: r.text, extracted_fields: r.extracted_fields })));
  const created = new Date().toISOString();
  return records.map((r, i) => ({ ...r, id: ids[i] ?? r.id, created }));
}

interface EventRow { id: string; created: number; index: string; source: string; sourcetype: string; host: string; text: string; extracted_fields: string | null }

/** The caller's newest saved http.request event for host+path younger than `minutes`, if any (request --recent-ok). */
export async function recentRequestEvent(ctx: ExecContext, host: string, source: string, minutes: number): Promise<EventRecord | undefined> {
  const svc = ctx.services;
  if (!svc) return undefined;
  if (!(await svc.hasPermission('view_event')) || !svc.access.canRead('http.request')) return undefined;
  const since = (ctx.now().getTime() - minutes * 60_000) * 1000;
  const row = svc.store.sqlite.prepare(`SELECT id, created, "index", source, sourcetype, host, text, extracted_fields FROM events
    WHERE "index" = 'http.request' AND host = ? AND source = ? AND user_id = ? AND created >= ? ORDER BY created DESC LIMIT 1`)
    .get(host, source, ctx.user.id, since) as EventRow | undefined;
  if (!row) return undefined;
  let fields: Record<string, unknown> = {};
  try {
    const v: unknown = row.extracted_fields === null ? {} : JSON.parse(row.extracted_fields);
    if (v && typeof v === 'object' && !Array.isArray(v)) fields = v as Record<string, unknown>;
  } catch { /* keep {} */ }
  return { id: row.id, created: new Date(Math.floor(row.created / 1000)).toISOString(), index: row.index, source: row.source, sourcetype: row.sourcetype, host: row.host, text: row.text, extracted_fields: fields };
}
