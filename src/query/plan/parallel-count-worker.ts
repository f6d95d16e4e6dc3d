/**
 * Helper thread of parallel-count.ts: its own read-only connection to the event database (same file, same
 * encryption key, Delve's SQL functions), running the counting statements it is sent for a slice of `seq`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openSqlite } from '../../storage/sqlite/open.js';
import { countGroupsWith } from './count-aggregates.js';
import { tuneQueryCache } from './read-cache.js';
import { registerQueryFunctions } from './sqlite-functions.js';

const data = workerData as { path: string; encryptionKey: string | null };
const db = openSqlite({ path: data.path, encryptionKey: data.encryptionKey, readonly: true });
registerQueryFunctions(db);
tuneQueryCache(db);

parentPort?.on('message', (job: { sql: string; params: unknown[] }) => {
  try {
    const r = countGroupsWith(db, job.sql, job.params);
    parentPort?.postMessage(r === 'unsupported' ? { unsupported: true } : { groups: [...r.entries()] });
  } catch (e) {
    const err = e as { message?: unknown; code?: unknown };
    parentPort?.postMessage({ error: { message: String(err.message ?? e), code: typeof err.code === 'string' ? err.code : undefined } });
  }
});
