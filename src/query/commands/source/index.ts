/** Database source commands: search (must be first) and join. read_file/request/sql_query/run_query live elsewhere. */
import type { CommandDef } from '../command.js';
import { join } from './join.js';
import { search } from './search.js';

export { search, runSearch } from './search.js';
export { join, runJoin, JOIN_CHUNK } from './join.js';

export const SOURCE_COMMANDS: readonly CommandDef[] = [search, join];
