/** Casting query words to typed values (reference §4.4, DESIGN §6). */
export { cast } from './cast.js';
export type { CastValue } from './types.js';
export { parseLiteral, MAX_DEPTH } from './literal-parser.js';
export { parseIsoDateTime } from './dates.js';
export { parseNumber, type ParsedNumber } from './numbers.js';
