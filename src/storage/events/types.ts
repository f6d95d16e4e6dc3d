import type { EventsTable } from '../tables.js';
/** An event as handed to the writer, already validated by the ingest pipeline (id generated when absent). */
export type NewEventRow = Omit<EventsTable, 'seq' | 'id'> & { id?: string };

/** A stored event row (`seq` is the insertion order; the FTS index follows it). */
export type EventRow = EventsTable;

/** Name of the indexer watermark row in `fts_state`. */
export const FTS_WATERMARK = 'events_fts_watermark';
