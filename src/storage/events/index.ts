/** Event storage: the group-commit writer, the background FTS indexer, full-text search and plain reads. */
export { EventWriter, type EventWriterOptions, type EventWriterStats } from './writer.js';
export { FtsIndexer, type FtsIndexerOptions, type FtsLag } from './fts-indexer.js';
export { ftsMatchExpression, searchFullText, type FullTextSearch, type SqlCondition } from './fts-query.js';
export { deleteFromIndex, reindexEvents } from './fts-maintenance.js';
export { ftsWatermark } from './fts-state.js';
export { getEvent, listEvents, type ListEventsQuery } from './reads.js';
export type { EventRow, NewEventRow } from './types.js';
