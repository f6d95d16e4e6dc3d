/**
 * tail-files: follow files matching glob patterns and deliver their lines to an EventSink, at least once and
 * without gaps, surviving rotation (rename or copytruncate) and restarts (checkpoint keyed by absolute real path).
 */
export { startTail } from './tailer.js';
export type { TailOptions, TailCounters, TailHandle, CollectorLogger } from './types.js';
export { expandGlob, expandGlobs, globToRegExp, matchGlob, validatePattern } from './glob.js';
export { LineSplitter } from './lines.js';
export type { LineOut, LongLineMode } from './lines.js';
export { loadCheckpoint, saveCheckpoint } from './checkpoint.js';
export type { CheckpointEntry, CheckpointFile } from './checkpoint.js';
