export { Store, openStore, type MigrationState } from './store.js';
export { openSqlite, type SqliteDb } from './sqlite/open.js';
export type * from './tables.js';
