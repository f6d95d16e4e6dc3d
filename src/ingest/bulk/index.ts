/** create-events: bulk-load a file or stdin into an EventSink (one event per line or per regex match). */
export { loadEvents } from './load-events.js';
export type { LoadEventsOptions, LoadEventsResult } from './load-events.js';
export { compileEventRegex, RegexEventSplitter, DEFAULT_MAX_EVENT_CHARS } from './regex-events.js';
