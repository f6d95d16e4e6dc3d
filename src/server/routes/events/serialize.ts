import { microsToIso } from '../../../ingest/created-time.js';
import type { EventRow } from '../../../storage/events/index.js';
import type { ProcessedEvent } from '../../../ingest/processors.js';

/** The public shape of an event (reference §3): no seq, no owner — the same object processors receive. */
export type EventView = ProcessedEvent;

/** Parses stored extracted_fields (null or unreadable → {}). */
export function fieldsOf(row: Pick<EventRow, 'extracted_fields'>): Record<string, unknown> {
  if (!row.extracted_fields) return {};
  try {
    const v: unknown = JSON.parse(row.extracted_fields);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function eventView(row: EventRow): EventView {
  return {
    id: row.id, created: microsToIso(row.created), index: row.index, source: row.source, sourcetype: row.sourcetype,
    host: row.host, text: row.text, extracted_fields: fieldsOf(row),
  };
}
