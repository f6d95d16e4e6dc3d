/** Resolving and shaping pipeline values (reference §4.7). */
export { MAX_DEPTH, rowCount, shapeResult, toJsonValue } from './shape.js';
export { capRows, resolveValue, type Resolved } from './resolve.js';
